package com.codeinterpreter.local.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Memory of one sandbox's processes, from /proc. RSS counts every page a process maps once per process, so
 * pages shared copy-on-write with a template or between a sandbox's processes count many times; PSS divides
 * each shared page among the processes that share it, so the PSS of all sessions adds up to what they use.
 */
public record SandboxMemory(long rssBytes, long pssBytes) {
    public static final SandboxMemory NONE = new SandboxMemory(0, 0);

    static SandboxMemory of(Collection<Long> pids) {
        long rss = 0;
        long pss = 0;
        for (long pid : pids) {
            rss += field(pid, "status", "VmRSS:");
            pss += field(pid, "smaps_rollup", "Pss:");
        }
        return new SandboxMemory(rss, pss);
    }

    private static long field(long pid, String file, String name) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), file)).stream()
                    .filter(l -> l.startsWith(name))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    public SandboxMemory plus(SandboxMemory other) {
        return new SandboxMemory(rssBytes + other.rssBytes, pssBytes + other.pssBytes);
    }
}
