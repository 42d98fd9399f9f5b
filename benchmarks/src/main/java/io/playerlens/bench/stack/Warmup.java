package io.playerlens.bench.stack;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * How long a shape warms up before it is measured: at least the minimum, then until the JIT has settled, and never
 * longer than the maximum. Settled: over the last {@link #WINDOW}, the JVM's compiler threads were compiling for less
 * than {@link #SETTLED_BUSY} of the window, summed over them ({@code CompilationMXBean} time is elapsed time: on a
 * saturated machine a compile that waits for a core counts too, so a JIT that cannot keep up shows as busy — itself
 * a sign that the run measures an overloaded machine).
 *
 * <p>Why: the whole stack (Flink, the AWS SDKs, Jackson, the handlers) is one JVM here, and on a 2-core machine the
 * JIT compiles for minutes under load — measured with {@code -XX:+PrintCompilation}: ~7,000 compilations per 10 s in
 * the first minute, still 300–500 per 10 s after two, and a third of a core in the compiler threads at 2.5 minutes
 * (async-profiler). A fixed 10 s warm-up measured the JIT, not the platform; a production JVM is long warm.
 */
final class Warmup {
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final double SETTLED_BUSY = 0.10;

    /** What the warm-up did: its length, and how busy the compiler threads were over the window before measuring began. */
    record Outcome(Duration length, double jitBusy, boolean settled) {
    }

    private final LongSupplier compileMillis;
    private final Duration window;
    private final Duration step;

    /** Watches this JVM's JIT. */
    Warmup() {
        this(jvmCompileMillis(), WINDOW, Duration.ofMillis(500));
    }

    /** Watches {@code compileMillis} (total ms compiled so far) over {@code window}, looking every {@code step}. */
    Warmup(LongSupplier compileMillis, Duration window, Duration step) {
        this.compileMillis = compileMillis;
        this.window = window;
        this.step = step;
    }

    /**
     * Blocks until the warm-up that began at {@code startNanos} is over; returns when measuring may start.
     *
     * @param min at least this long
     * @param max at most this long, settled or not
     */
    Outcome await(long startNanos, Duration min, Duration max) throws InterruptedException {
        Deque<long[]> points = new ArrayDeque<>(); // {nanoTime, compile ms}
        while (true) {
            long now = System.nanoTime();
            long compiled = compileMillis.getAsLong();
            points.addLast(new long[] {now, compiled});
            while (points.size() > 1 && now - points.peekFirst()[0] > window.toNanos()) {
                points.removeFirst();
            }
            long[] first = points.peekFirst();
            double spanNanos = now - first[0];
            double busy = spanNanos < window.toNanos() / 2 ? Double.NaN : (compiled - first[1]) * 1e6 / spanNanos;
            Duration elapsed = Duration.ofNanos(now - startNanos);
            boolean settled = !Double.isNaN(busy) && busy < SETTLED_BUSY;
            if (elapsed.compareTo(max) >= 0 || elapsed.compareTo(min) >= 0 && settled) {
                return new Outcome(elapsed, busy, settled);
            }
            Thread.sleep(step.toMillis());
        }
    }

    /** Total ms the JIT's threads have compiled (0 where the JVM does not say). */
    private static LongSupplier jvmCompileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return () -> jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
