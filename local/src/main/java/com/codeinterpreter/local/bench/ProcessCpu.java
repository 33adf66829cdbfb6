package com.codeinterpreter.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time read from /proc, in seconds: of this JVM's whole process tree (the pool runs in it; the functions host,
 * Azurite and every sandbox are its descendants), and of the whole machine. The machine is shared, so wall times
 * are pessimistic; CPU time says what the work itself cost.
 */
final class ProcessCpu {
    /** Linux's USER_HZ, the unit of /proc's CPU times, is 100 on every architecture the pool runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /**
     * User and system time of this process and its live descendants, each with the time of its children it already
     * reaped: a kernel's start is counted whether its processes are still alive or were reaped by a live parent.
     */
    static double treeSeconds() {
        ProcessHandle self = ProcessHandle.current();
        try (Stream<ProcessHandle> all = Stream.concat(Stream.of(self), self.descendants())) {
            return all.mapToLong(p -> ticks(p.pid())).sum() / TICKS_PER_SECOND;
        }
    }

    /**
     * The same CPU by part of the stack: this JVM (the pool and the benchmark, with the disk tools it ran), the functions
     * host, Azurite, and the sandboxes (everything else: kernels, the template, their clients).
     */
    static java.util.Map<String, Double> treeSecondsByPart(long hostPid) {
        java.util.Map<String, Double> parts = new java.util.TreeMap<>();
        ProcessHandle self = ProcessHandle.current();
        try (Stream<ProcessHandle> all = Stream.concat(Stream.of(self), self.descendants())) {
            all.forEach(p -> {
                String part = p.pid() == self.pid() ? "pool" : p.pid() == hostPid ? "host"
                        : p.info().command().map(c -> c.endsWith("/node")).orElse(false) ? "azurite" : "sandboxes";
                parts.merge(part, ticks(p.pid()) / TICKS_PER_SECOND, Double::sum);
            });
        }
        return parts;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command, which may hold spaces and is closed by the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime, stime, cutime, cstime are fields 14-17 of the whole line, 12-15 after the command.
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** Busy time of all cores of the machine (everything but idle and iowait), everyone's work included. */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
