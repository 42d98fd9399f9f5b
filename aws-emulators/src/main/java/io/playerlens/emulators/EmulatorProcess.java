package io.playerlens.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulator child process on a loopback port. Its output goes to a log file (named in every error), readiness
 * is awaited by probing, and {@link #close()} stops it and its descendants, escalating to SIGKILL after a grace
 * period in case a child ignores SIGTERM.
 */
final class EmulatorProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorProcess.class);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;

    private EmulatorProcess(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    static EmulatorProcess start(String name, List<String> command, Map<String, String> env, int port, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve(name + "-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            LOG.debug("started {} (pid {}) on port {}, log {}", name, process.pid(), port, logFile);
            return new EmulatorProcess(name, process, port, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the port accepts connections and {@code ready} holds; fails fast if the process dies. */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 10;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EmulatorStartException(name + " exited with code " + process.exitValue()
                        + " before it was ready; see " + logFile + ":\n" + tail());
            }
            if (portOpen() && ready.getAsBoolean()) {
                return;
            }
            pause(pauseMillis);
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
        throw new EmulatorStartException(name + " was not ready after " + timeout.toMillis() + " ms; see " + logFile + ":\n" + tail());
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Freezes ({@code SIGSTOP}) or thaws ({@code SIGCONT}) the emulator and its children: a service that stops answering
     * but keeps its data, as an AWS outage does (killing an in-memory emulator would lose what it acknowledged, which
     * AWS never does). Connections are accepted by the kernel and then hang, so clients see timeouts.
     */
    void signal(boolean freeze) {
        List<Long> pids = new java.util.ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(d -> pids.add(d.pid()));
        for (long pid : pids) {
            try {
                Process kill = new ProcessBuilder("kill", freeze ? "-STOP" : "-CONT", Long.toString(pid)).redirectErrorStream(true).start();
                if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                    throw new IllegalStateException("kill " + (freeze ? "-STOP " : "-CONT ") + pid + " failed for " + name);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot signal " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signalling " + name, e);
            }
        }
        LOG.info("{} {} (pid {})", freeze ? "froze" : "thawed", name, process.pid());
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        LOG.debug("stopped {} on port {}", name, port);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling interval of a readiness probe, not a fixed wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorStartException("interrupted while waiting for an emulator");
        }
    }
}
