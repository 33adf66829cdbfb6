package com.codeinterpreter.local.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A disk of its own for each session's {@code /mnt/data}: a sparse ext4 image of the session's quota,
 * mounted on its folder through a loop device. Writing past it fails inside the session with ENOSPC, as
 * on a full disk, and deleting files frees the space again; the host's free space falls by at most the
 * quota, because the image is the only thing the session's writes land in, and {@code discard} hands the
 * blocks of deleted files back to the host.
 *
 * <p>It needs root (mount, loop devices) and mkfs.ext4; where either is missing the pool says so at start
 * and sessions share the free space of the data folder, bounded per file only.
 */
public final class SessionDisks {
    private static final String MKFS = "/usr/sbin/mkfs.ext4";
    /** Format options: no journal (a session's files never outlive the pool), no blocks reserved for root, lazy init. */
    private static final List<String> FORMAT = List.of("-q", "-F", "-O", "^has_journal", "-m", "0", "-E", "lazy_itable_init=1,nodiscard");
    private static final String MOUNT_OPTIONS = "loop,nosuid,nodev,noatime,discard";

    private final Path imagesDir;
    private final String unavailable;

    private SessionDisks(Path imagesDir, String unavailable) {
        this.imagesDir = imagesDir;
        this.unavailable = unavailable;
    }

    /** Checks, with a small image, that this host can mount one; else the reason it cannot. */
    static SessionDisks detect(boolean root, Path imagesDir) {
        if (!root) {
            return new SessionDisks(imagesDir, "not root, so no loop mounts");
        }
        if (!Files.isExecutable(Path.of(MKFS))) {
            return new SessionDisks(imagesDir, MKFS + " is missing (apt-get install e2fsprogs)");
        }
        SessionDisks disks = new SessionDisks(imagesDir, null);
        Path probe = imagesDir.resolve("probe");
        try {
            Files.createDirectories(probe);
            disks.attach(probe, 16L << 20);
            disks.detach(probe);
            Files.deleteIfExists(probe);
            return disks;
        } catch (RuntimeException | IOException e) {
            return new SessionDisks(imagesDir, "a loop mount failed here (" + e.getMessage() + ")");
        }
    }

    public boolean available() {
        return unavailable == null;
    }

    /** One line for the pool's start-up log. */
    String describe(long bytesPerSession) {
        return available()
                ? "disk quota: " + (bytesPerSession >> 20) + " MiB per session for /mnt/data (its own ext4 image on a loop device)"
                : "disk quota: NONE (" + unavailable + "): sessions share the data folder's free space, bounded per file only";
    }

    /** Mounts a fresh, empty file system of {@code bytes} on the (empty) folder {@code mountPoint}. */
    public void attach(Path mountPoint, long bytes) {
        if (!available()) {
            return;
        }
        Path image = image(mountPoint);
        try {
            Files.createDirectories(imagesDir);
            try (var file = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                file.truncate(0).position(bytes - 1).write(java.nio.ByteBuffer.wrap(new byte[1]));
            }
            List<String> mkfs = new ArrayList<>(List.of(MKFS));
            mkfs.addAll(FORMAT);
            mkfs.add(image.toString());
            run(mkfs, "format the session's disk");
            mount(image, mountPoint);
            // /mnt/data starts empty, as in the service: no lost+found.
            Files.deleteIfExists(mountPoint.resolve("lost+found"));
        } catch (IOException | RuntimeException e) {
            detach(mountPoint);
            throw e instanceof IOException io ? new UncheckedIOException("cannot give the session its disk", io) : (RuntimeException) e;
        }
    }

    /** Mounts through a free loop device; pools and other programs starting at once can race for the same one. */
    private static void mount(Path image, Path mountPoint) {
        for (int attempt = 1; ; attempt++) {
            try {
                run(List.of("/usr/bin/mount", "-o", MOUNT_OPTIONS, image.toString(), mountPoint.toString()), "mount the session's disk");
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Unmounts a session's disk and deletes its image; its processes must be gone (else the unmount is lazy). */
    public void detach(Path mountPoint) {
        if (!available()) {
            return;
        }
        if (isMountPoint(mountPoint)) {
            try {
                run(List.of("/usr/bin/umount", mountPoint.toString()), "unmount the session's disk");
            } catch (IllegalStateException busy) {
                run(List.of("/usr/bin/umount", "--lazy", mountPoint.toString()), "unmount the session's disk");
            }
        }
        try {
            Files.deleteIfExists(image(mountPoint));
        } catch (IOException e) {
            SandboxHost.log().warning("could not delete the disk image of " + mountPoint + ": " + e.getMessage());
        }
    }

    private Path image(Path mountPoint) {
        return imagesDir.resolve(mountPoint.getFileName() + ".img");
    }

    /**
     * Unmounts every file system mounted under {@code dir}, deepest first: the disks a pool that was killed
     * left behind, before its folder is deleted.
     */
    public static void unmountAllUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        List<String> points = mountPoints().stream().filter(p -> p.startsWith(prefix))
                .sorted(Comparator.comparing(String::length).reversed()).toList();
        for (String point : points) {
            try {
                run(List.of("/usr/bin/umount", "--lazy", point), "unmount a left-over session disk");
            } catch (IllegalStateException e) {
                SandboxHost.log().warning(e.getMessage());
            }
        }
    }

    private static boolean isMountPoint(Path dir) {
        return mountPoints().contains(dir.toAbsolutePath().normalize().toString());
    }

    /** Mount points of this mount namespace, from /proc/self/mountinfo (field 5, with octal escapes). */
    private static List<String> mountPoints() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" "))
                    .filter(fields -> fields.length > 4)
                    .map(fields -> fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void run(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("could not " + what + ": " + String.join(" ", command) + ": " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }
}
