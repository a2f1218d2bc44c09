package dev.framelift.enhancer.bench;

import java.util.Arrays;

/** Percentiles of a sample of doubles: the median with the spread (min, max) and the tail. */
record Stats(double p50, double p95, double p99, double mean, double min, double max) {
    static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(0, 0, 0, 0, 0, 0);
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                Arrays.stream(sorted).average().orElse(0), sorted[0], sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, double p) {
        final int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The median and its range, e.g. {@code "12.3 (11.9-13.0)"}. */
    String medianAndRange(String format) {
        return String.format(format + " (" + format + "-" + format + ")", p50, min, max);
    }

    @Override
    public String toString() {
        return String.format("p50 %7.2f  p99 %7.2f  mean %7.2f", p50, p99, mean);
    }
}
