package com.codeinterpreter.local.attack;

import com.codeinterpreter.local.e2e.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a stack holds at a moment, read from the outside (/proc and the file system), to tell a plateau
 * from a leak: sessions, sandbox processes, the host JVM's threads and descriptors, the test JVM's
 * descriptors (the pool runs in it), and the host's temporary files.
 */
final class Leftovers {
    private static final Path POOL_DATA = Path.of("/var/tmp/code-interpreter-pool-test");

    private Leftovers() {
    }

    /** The figures at one moment. */
    record Figures(int sessions, int warmKernels, int sandboxProcesses, int hostThreads, int hostFds, int testFds, long hostTmpFiles) {
        @Override
        public String toString() {
            return String.format("sessions=%d warm=%d sandboxProcesses=%d hostThreads=%d hostFds=%d poolJvmFds=%d hostTmpFiles=%d",
                    sessions, warmKernels, sandboxProcesses, hostThreads, hostFds, testFds, hostTmpFiles);
        }
    }

    /** The folders of the pools this JVM runs. */
    static List<Path> poolDirs() {
        try (Stream<Path> dirs = Files.list(POOL_DATA)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("pool-" + ProcessHandle.current().pid() + "-")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Waits until the pool holds {@code sessions} sessions and its warm kernels are all ready again. */
    static void awaitQuiet(LocalStack stack, int sessions) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while ((stack.pool.sessionCount() != sessions || stack.pool.warmKernelsAvailable() < 2) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    static Figures measure(LocalStack stack, Path poolDir) {
        return new Figures(stack.pool.sessionCount(), stack.pool.warmKernelsAvailable(), sandboxProcesses(poolDir),
                procStatus(stack.hostPid(), "Threads:"), count(Path.of("/proc", Long.toString(stack.hostPid()), "fd")),
                count(Path.of("/proc/self/fd")), files(stack.hostTmpDir));
    }

    /** Uploads and folders the pool stages in a session and should always have moved or removed. */
    static List<String> strayFiles(Path poolDir) throws IOException {
        try (Stream<Path> all = Files.walk(poolDir.resolve("sessions"), 2)) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".upload-") || n.startsWith(".mkdir-")).toList();
        }
    }

    /** Bubblewrap processes of this pool's sandboxes and everything running under them. */
    private static int sandboxProcesses(Path poolDir) {
        String marker = poolDir + "/";
        Set<Long> pids = new HashSet<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bwrap")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .forEach(p -> {
                    pids.add(p.pid());
                    p.descendants().forEach(d -> pids.add(d.pid()));
                });
        return pids.size();
    }

    private static int procStatus(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith(field))
                    .mapToInt(l -> Integer.parseInt(l.substring(field.length()).strip())).findFirst().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long files(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
