package io.playerlens.bench.stack;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Fires an action on a fixed schedule, whatever the system under test does: the i-th firing is due at
 * {@code start + i / rate}, and the action gets that <b>due</b> time (nanoTime), so a stall of the system — or of
 * this thread — shows as latency in every request it delays, never as fewer samples (no coordinated omission). The
 * action must not block (it sends asynchronously); a late thread catches up by firing every due action at once.
 */
final class OpenLoop implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long fired;

    OpenLoop(String name, double ratePerSecond, long startNanos, Duration duration, LongConsumer action) {
        long period = (long) (1e9 / ratePerSecond);
        long end = startNanos + duration.toNanos();
        thread = new Thread(() -> {
            long i = 0;
            while (!stopped) {
                long due = startNanos + i * period;
                if (due >= end) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                action.accept(due);
                fired = ++i;
            }
        }, name);
        thread.setDaemon(true);
    }

    OpenLoop start() {
        thread.start();
        return this;
    }

    /** Waits until the schedule has run out. */
    void await() throws InterruptedException {
        thread.join();
    }

    long fired() {
        return fired;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
