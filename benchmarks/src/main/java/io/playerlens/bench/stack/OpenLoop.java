package io.playerlens.bench.stack;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Fires an action on a fixed schedule, whatever the system under test does: the i-th firing is due at
 * {@code start + i / rate}, and the action gets that <b>due</b> time (nanoTime), so a stall of the system — or of
 * this thread — shows as latency in every request it delays, never as fewer samples (no coordinated omission). The
 * action must not block (it sends asynchronously); a late thread catches up by firing every due action at once.
 *
 * <p>An optional ramp raises the rate linearly from a tenth of it to all of it over the ramp's first seconds (the
 * warm-up: a cold JVM compiles its hot paths under light load instead of building a backlog it then carries into the
 * measured period); after the ramp the schedule is the fixed rate.
 */
final class OpenLoop implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long fired;
    private volatile long end;

    OpenLoop(String name, double ratePerSecond, long startNanos, Duration duration, Duration ramp, LongConsumer action) {
        end = startNanos + duration.toNanos();
        thread = new Thread(() -> {
            long i = 0;
            while (!stopped) {
                long due = startNanos + dueOffset(i, ratePerSecond, ramp.toNanos());
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

    /**
     * When the {@code i}-th action is due, in ns from the start: the rate rises linearly from a tenth of
     * {@code ratePerSecond} to all of it over {@code ramp} ns, then holds. The i-th action is where the scheduled count
     * {@code N(t) = r (0.1 t + 0.45 t² / ramp)} (the integral of the rate) reaches i.
     */
    static long dueOffset(long i, double ratePerSecond, long ramp) {
        double r = ratePerSecond / 1e9; // per ns
        double rampCount = 0.55 * r * ramp;
        if (ramp <= 0 || i >= rampCount) {
            return (long) (Math.max(ramp, 0) + (i - Math.max(rampCount, 0)) / r);
        }
        double a = 0.45 * r / ramp;
        double b = 0.1 * r;
        return (long) ((-b + Math.sqrt(b * b + 4 * a * i)) / (2 * a));
    }

    OpenLoop start() {
        thread.start();
        return this;
    }

    /** Ends the schedule at {@code endNanos} (nanoTime) instead: the last action fired is the last one due before it. */
    void endAt(long endNanos) {
        end = endNanos;
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
