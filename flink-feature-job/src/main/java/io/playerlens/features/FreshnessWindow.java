package io.playerlens.features;

import java.util.Arrays;

/**
 * Freshness of the profile writes of one reporting interval (received_at → the store acknowledged the item), kept by
 * the writer and read as a p99 gauge: the freshness SLO computed where the write happens, not where profiles are read
 * (a reader-side figure keeps reporting stale profiles' last value when the job stalls). Bounded: past
 * {@link #CAPACITY} samples in one interval it keeps a uniform sample (reservoir).
 */
final class FreshnessWindow {
    static final int CAPACITY = 10_000;

    private final long[] samples = new long[CAPACITY];
    private final java.util.Random random = new java.util.Random();
    private int size;
    private long seen;

    synchronized void add(long millis) {
        seen++;
        if (size < CAPACITY) {
            samples[size++] = millis;
        } else {
            long slot = (long) (random.nextDouble() * seen);
            if (slot < CAPACITY) {
                samples[(int) slot] = millis;
            }
        }
    }

    /** The p99 of the interval's writes, and a new interval; null when nothing was written (no data, not zero). */
    synchronized Long p99AndReset() {
        if (size == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        long p99 = sorted[Math.min(size - 1, (int) Math.ceil(0.99 * size) - 1)];
        size = 0;
        seen = 0;
        return p99;
    }
}
