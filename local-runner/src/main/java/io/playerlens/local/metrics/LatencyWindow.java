package io.playerlens.local.metrics;

import java.util.Arrays;

/**
 * Latencies observed since the last {@link #drain()}: writers add from any thread, the dashboard's sampler drains
 * once a second. Beyond {@code capacity} values in one interval it keeps a uniform reservoir, so a burst costs
 * bounded memory and the percentiles stay unbiased.
 */
public final class LatencyWindow {
    private final double[] values;
    private long seen;
    private long random = 0x9E3779B97F4A7C15L;

    public LatencyWindow(int capacity) {
        this.values = new double[capacity];
    }

    public synchronized void add(double millis) {
        if (seen < values.length) {
            values[(int) seen] = millis;
        } else {
            random ^= random << 13;
            random ^= random >>> 7;
            random ^= random << 17;
            long slot = Math.floorMod(random, seen + 1);
            if (slot < values.length) {
                values[(int) slot] = millis;
            }
        }
        seen++;
    }

    /** The values of the interval, sorted, and how many were observed (more than returned past the capacity). */
    public synchronized Drained drain() {
        double[] sorted = Arrays.copyOf(values, (int) Math.min(seen, values.length));
        long count = seen;
        seen = 0;
        Arrays.sort(sorted);
        return new Drained(sorted, count);
    }

    public record Drained(double[] sorted, long count) {
        /** The q-quantile (nearest rank), NaN when the interval saw nothing. */
        public double quantile(double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }
}
