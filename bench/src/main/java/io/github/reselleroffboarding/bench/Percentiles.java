package io.github.reselleroffboarding.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of latencies in milliseconds; NaN when there are none. */
record Percentiles(double p50, double p95, double p99, double max) {

    static Percentiles of(long[] values, int count) {
        if (count == 0) {
            return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[count - 1]);
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
