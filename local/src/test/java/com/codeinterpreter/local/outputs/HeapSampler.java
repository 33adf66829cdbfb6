package com.codeinterpreter.local.outputs;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures how much the live heap grows while something runs: each sample collects garbage first, so what
 * it sees is what is still referenced, such as buffered upload content, not what awaits collection.
 */
final class HeapSampler {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private long max;
    private int samples;

    /** Takes the baseline now. */
    HeapSampler() {
        this.baseline = liveHeap();
        this.max = baseline;
    }

    synchronized void sample() {
        max = Math.max(max, liveHeap());
        samples++;
    }

    /** The largest growth over the baseline seen in any sample, in bytes. */
    synchronized long maxGrowth() {
        return max - baseline;
    }

    synchronized int samples() {
        return samples;
    }

    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
