package com.codeinterpreter.local.sandbox;

/**
 * Resource limits of one session's sandbox.
 *
 * @param memoryBytes  address space per process (rlimit) and, where a memory cgroup is writable, the whole session
 * @param processes    processes and threads of the session (per-session uid rlimit, and the pids cgroup)
 * @param fileSizeBytes largest file the session may write
 * @param openFiles    open file descriptors per process
 * @param tmpBytes     size of the session's private /tmp (a tmpfs, so it counts as memory)
 * @param cpus         CPU share in cores where a cpu cgroup is writable (0 = unlimited)
 * @param diskBytes    size of the session's own file system for /mnt/data, where the host can mount one
 *                     ({@link SessionDisks}); with /tmp and /dev/shm, a session writes at most
 *                     {@code diskBytes + tmpBytes + SHM_BYTES}, the last two in memory
 */
public record SandboxLimits(long memoryBytes, int processes, long fileSizeBytes, int openFiles, long tmpBytes, double cpus,
                            long diskBytes) {

    public static final long DEFAULT_DISK_BYTES = 2048L << 20;
    /** Size of each session's /dev/shm (POSIX shared memory and semaphores), a tmpfs like /tmp. */
    public static final long SHM_BYTES = 64L << 20;
    public static final SandboxLimits DEFAULTS = new SandboxLimits(
            2L << 30, 128, 1L << 30, 1024, 256L << 20, 1.0, DEFAULT_DISK_BYTES);

    /** Limits with the default disk quota. */
    public SandboxLimits(long memoryBytes, int processes, long fileSizeBytes, int openFiles, long tmpBytes, double cpus) {
        this(memoryBytes, processes, fileSizeBytes, openFiles, tmpBytes, cpus, DEFAULT_DISK_BYTES);
    }

    public SandboxLimits {
        if (memoryBytes < 256L << 20) {
            throw new IllegalArgumentException("memory limit must be at least 256 MiB (numpy needs it), was " + memoryBytes);
        }
        if (processes < 8) {
            throw new IllegalArgumentException("process limit must be at least 8, was " + processes);
        }
        if (fileSizeBytes < 1 << 20 || openFiles < 64 || tmpBytes < 16L << 20 || cpus < 0) {
            throw new IllegalArgumentException("file size >= 1 MiB, open files >= 64, tmp >= 16 MiB and cpus >= 0 are required");
        }
        if (diskBytes < 32L << 20) {
            throw new IllegalArgumentException("the disk quota must be at least 32 MiB (LOCAL_POOL_DISK_MB), was " + (diskBytes >> 20) + " MiB");
        }
    }
}
