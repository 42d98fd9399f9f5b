package io.playerlens.bench.stack;

import java.util.List;

/** Nearest-rank percentiles of a sample. */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    public static Percentiles of(List<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    static double rank(double[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return String.format("p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f  (n=%d)", p50, p95, p99, max, count);
    }
}
