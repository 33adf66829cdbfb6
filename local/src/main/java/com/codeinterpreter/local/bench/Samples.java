package com.codeinterpreter.local.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles. */
final class Samples {
    private final long[] values;
    private int count;

    Samples(int capacity) {
        values = new long[capacity];
    }

    void add(long nanos) {
        values[count++] = nanos;
    }

    int count() {
        return count;
    }

    /** The p-th percentile in milliseconds (nearest rank). */
    double percentileMs(double p) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }

    static String ms(double value) {
        return value < 10 ? String.format("%.2f ms", value) : String.format("%.0f ms", value);
    }
}
