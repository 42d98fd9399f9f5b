package io.playerlens.offline;

import java.io.PrintStream;

/** The job's own progress lines (Spark's console progress bar shows the stages in between). */
public final class Progress {
    private final PrintStream out;
    private final long started = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void step(String message) {
        out.printf("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
    }

    public static Progress quiet() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()));
    }
}
