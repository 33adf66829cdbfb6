package com.codeinterpreter.local.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Per-session control groups where this host lets us write them (cgroup v1 memory, pids and cpu, as root).
 *
 * <p>Where they are not writable (not root, or cgroup v2 without delegated controllers) sessions rely on
 * rlimits alone: per-process address space, and a per-session uid's process count.
 */
final class Cgroups {
    private static final String GROUP = "code-interpreter";
    /** A sandbox joins its groups within seconds of their creation; an empty group this old was left behind. */
    private static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private final Map<String, Path> parents;

    private Cgroups(Map<String, Path> parents) {
        this.parents = parents;
    }

    static Cgroups none() {
        return new Cgroups(Map.of());
    }

    /** Finds, for each controller we use, a folder under our own cgroup where we may create children. */
    static Cgroups detect() {
        Map<String, Path> found = new java.util.LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length < 3) {
                    continue;
                }
                for (String controller : parts[1].split(",")) {
                    if (controller.equals("memory") || controller.equals("pids") || controller.equals("cpu")) {
                        Path parent = Path.of("/sys/fs/cgroup", controller, parts[2], GROUP);
                        if (usable(parent)) {
                            found.put(controller, parent);
                            removeStale(parent);
                        }
                    }
                }
            }
        } catch (IOException e) {
            return none();
        }
        return new Cgroups(Map.copyOf(found));
    }

    private static boolean usable(Path parent) {
        try {
            Files.createDirectories(parent);
            Path probe = Files.createDirectories(parent.resolve("probe-" + ProcessHandle.current().pid()));
            Files.delete(probe);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Removes the empty groups that pools which ended without cleaning up left behind (a JVM that exits does
     * not wait for its kernels' exit callbacks, which remove them): else every killed pool leaves a few, and
     * hundreds pile up. Only old ones, so a group another pool just made for a starting sandbox is kept; one
     * with processes in it cannot be removed at all.
     */
    private static void removeStale(Path parent) {
        Instant cutoff = Instant.now().minus(STALE_AFTER);
        try (Stream<Path> groups = Files.list(parent)) {
            for (Path group : groups.filter(Files::isDirectory).toList()) {
                try {
                    if (Files.getLastModifiedTime(group).toInstant().isBefore(cutoff)
                            && Files.readString(group.resolve("cgroup.procs")).isBlank()) {
                        Files.delete(group);
                    }
                } catch (IOException busyOrGone) {
                    // in use after all, or removed by another pool meanwhile: leave it
                }
            }
        } catch (IOException e) {
            SandboxHost.log().fine("could not list " + parent + ": " + e.getMessage());
        }
    }

    /** The folders sandboxes' groups are made in, one per controller. */
    java.util.Collection<Path> parents() {
        return parents.values();
    }

    String describe() {
        return parents.isEmpty() ? "rlimits only (no writable cgroups)" : "cgroup v1 " + String.join("+", parents.keySet());
    }

    /**
     * Creates the cgroups of one sandbox with its limits, returning their {@code cgroup.procs} files: the
     * launcher writes the sandbox's pid there before it starts bubblewrap.
     */
    Session create(String name, SandboxLimits limits) {
        List<Path> dirs = new ArrayList<>();
        for (Map.Entry<String, Path> e : parents.entrySet()) {
            Path dir = e.getValue().resolve(name);
            try {
                Files.createDirectories(dir);
                switch (e.getKey()) {
                    case "memory" -> Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                    case "pids" -> Files.writeString(dir.resolve("pids.max"), Integer.toString(limits.processes()));
                    case "cpu" -> {
                        if (limits.cpus() > 0) {
                            Files.writeString(dir.resolve("cpu.cfs_period_us"), "100000");
                            Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString((long) (limits.cpus() * 100_000)));
                        }
                    }
                    default -> throw new IllegalStateException(e.getKey());
                }
                dirs.add(dir);
            } catch (IOException ex) {
                SandboxHost.log().warning("cgroup " + dir + " not usable, relying on rlimits: " + ex.getMessage());
            }
        }
        return new Session(List.copyOf(dirs));
    }

    /** The cgroups of one sandbox. */
    record Session(List<Path> dirs) {
        List<String> procsFiles() {
            return dirs.stream().map(d -> d.resolve("cgroup.procs").toString()).toList();
        }

        /** The processes in these groups now (host pids). */
        java.util.Set<Long> pids() {
            java.util.Set<Long> pids = new java.util.TreeSet<>();
            for (Path dir : dirs) {
                try {
                    Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank())
                            .forEach(l -> pids.add(Long.parseLong(l.strip())));
                } catch (IOException | NumberFormatException gone) {
                    // removed meanwhile
                }
            }
            return pids;
        }

        Optional<Long> memoryPeakBytes() {
            return dirs.stream().filter(d -> d.toString().contains("/memory/")).findFirst()
                    .flatMap(d -> readLong(d.resolve("memory.max_usage_in_bytes")));
        }

        /** Removes the groups; the kernel guarantees they are empty once the sandbox's processes are gone. */
        void remove() {
            for (Path dir : dirs) {
                for (int attempt = 0; attempt < 50; attempt++) {
                    try {
                        Files.deleteIfExists(dir);
                        break;
                    } catch (IOException busy) {
                        sleepQuietly();
                    }
                }
            }
        }

        private static void sleepQuietly() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Optional<Long> readLong(Path file) {
            try {
                return Optional.of(Long.parseLong(Files.readString(file).strip()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
