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
 */
public record SandboxLimits(long memoryBytes, int processes, long fileSizeBytes, int openFiles, long tmpBytes, double cpus) {

    public static final SandboxLimits DEFAULTS = new SandboxLimits(
            2L << 30, 128, 1L << 30, 1024, 256L << 20, 1.0);

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
    }
}
