package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.SessionDisks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pool's folders under its data folder: one {@code pool-<pid>-<n>} per running pool, so several
 * pools can share a data folder, and leftovers of pools that died are removed at the next start.
 */
final class PoolDirs {
    private PoolDirs() {
    }

    static Path create(Path dataDir) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int n = 0; ; n++) {
            Path dir = dataDir.resolve("pool-" + pid + "-" + n);
            try {
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, traversable());
                return dir;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another pool in this process
            }
        }
    }

    static void removeStale(Path dataDir) throws IOException {
        try (Stream<Path> dirs = Files.list(dataDir)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith("pool-")) {
                    long pid = Long.parseLong(name.split("-")[1]);
                    if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                        // A pool that was killed leaves its sessions' disks mounted: unmount them, or the delete stops at them.
                        SessionDisks.unmountAllUnder(dir);
                        FileTrees.deleteQuietly(dir);
                    }
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // not ours
        }
    }

    /**
     * Sandboxes run as other uids and bind their folders themselves, so every folder above them must be
     * searchable by others (o+x). A folder under /root is not: say so instead of failing obscurely later.
     */
    static void makeTraversable(Path dataDir) throws IOException {
        Files.setPosixFilePermissions(dataDir, traversable());
        for (Path p = dataDir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("The pool's data folder " + dataDir + " is inside " + p
                        + ", which other users cannot enter; sandboxes run as their own uid and need to. Set LOCAL_POOL_DATA_DIR "
                        + "to a folder such as /var/tmp/code-interpreter-pool.");
            }
        }
    }

    private static Set<PosixFilePermission> traversable() {
        return EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }
}
