package com.codeinterpreter.local.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line that starts one kernel: a tiny shell prologue (seccomp program on fd 9, the pid into
 * its cgroups), then prlimit, then setpriv to the session's own uid when we are root, then bubblewrap.
 *
 * <p>Java cannot pass an extra descriptor to a child, hence {@code /bin/sh}; dash only redirects
 * single-digit descriptors, hence fd 9.
 */
final class KernelCommand {
    static final String KERNEL_PATH = "/opt/kernel/kernel.py";
    private static final String PROLOGUE =
            "exec 9<\"$1\"; shift; for f in $CGROUP_PROCS; do echo $$ > \"$f\" || exit 125; done; exec \"$@\"";

    private KernelCommand() {
    }

    static List<String> build(SandboxHost host, SandboxSpec spec) {
        SandboxLimits limits = spec.limits();
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", PROLOGUE, "sh", host.seccompFilter().toString()));
        cmd.addAll(List.of("/usr/bin/prlimit",
                "--as=" + limits.memoryBytes(),
                "--fsize=" + limits.fileSizeBytes(),
                "--nofile=" + limits.openFiles(),
                "--core=0"));
        if (host.switchesUid()) {
            // RLIMIT_NPROC counts per real uid and does nothing for root: with one uid per session it is
            // a per-session process limit.
            cmd.add("--nproc=" + limits.processes());
        }
        cmd.add("--");
        if (host.switchesUid()) {
            cmd.addAll(List.of("/usr/bin/setpriv", "--reuid=" + spec.uid(), "--regid=" + spec.uid(), "--clear-groups", "--"));
        }
        cmd.addAll(List.of("/usr/bin/bwrap", "--unshare-all", "--die-with-parent", "--new-session"));
        cmd.addAll(environment(spec.preload()));
        cmd.addAll(readOnlyRoot(host));
        cmd.addAll(List.of(
                "--size", Long.toString(SandboxLimits.SHM_BYTES), "--tmpfs", "/dev/shm",
                "--size", Long.toString(limits.tmpBytes()), "--tmpfs", "/tmp"));
        cmd.addAll(fontCache(host));
        cmd.addAll(List.of(
                "--bind", spec.dataDir().toString(), "/mnt/data",
                "--ro-bind", host.kernelProgram().toString(), KERNEL_PATH,
                "--chdir", "/mnt/data",
                "--hostname", "sandbox",
                "--uid", "1000", "--gid", "1000",
                // Without this the root is a writable (if throw-away) tmpfs; binds must come before it.
                "--remount-ro", "/",
                "--seccomp", "9",
                SandboxHost.PYTHON, "-u", "-B", "-s", KERNEL_PATH));
        return cmd;
    }

    /** The environment a kernel sees, the same for a kernel started alone and for one forked from the template. */
    static List<String> environment(List<String> preload) {
        return List.of("--clearenv",
                "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
                "--setenv", "HOME", "/mnt/data",
                "--setenv", "USER", "sandbox",
                "--setenv", "LANG", "C.UTF-8",
                "--setenv", "TMPDIR", "/tmp",
                "--setenv", "MPLBACKEND", "Agg",
                "--setenv", "MPLCONFIGDIR", "/tmp/mpl",
                "--setenv", "XDG_CACHE_HOME", "/tmp/cache",
                // OpenBLAS reserves memory per thread: one thread keeps numpy inside the address-space limit.
                "--setenv", "OPENBLAS_NUM_THREADS", "1",
                // pandas imports numexpr, which would start a thread per core (up to 8) before the first call.
                "--setenv", "NUMEXPR_NUM_THREADS", "1",
                "--setenv", "KERNEL_PRELOAD", String.join(",", preload));
    }

    /** The read-only file system every sandbox shares: /usr, the few /etc files the data stack reads, /proc and /dev. */
    static List<String> readOnlyRoot(SandboxHost host) {
        List<String> cmd = new ArrayList<>(List.of(
                "--ro-bind", "/usr", "/usr",
                "--symlink", "usr/lib", "/lib",
                "--symlink", "usr/lib64", "/lib64",
                "--symlink", "usr/bin", "/bin",
                "--symlink", "usr/sbin", "/sbin"));
        // Debian's numpy finds BLAS through /etc/alternatives and matplotlib reads /etc/matplotlibrc.
        for (String etc : List.of("/etc/ld.so.cache", "/etc/alternatives", "/etc/matplotlibrc", "/etc/fonts",
                "/etc/localtime", "/etc/python3.11", "/etc/mime.types")) {
            if (Files.exists(Path.of(etc))) {
                cmd.addAll(List.of("--ro-bind", etc, etc));
            }
        }
        cmd.addAll(List.of(
                "--ro-bind", host.identityFiles().resolve("passwd").toString(), "/etc/passwd",
                "--ro-bind", host.identityFiles().resolve("group").toString(), "/etc/group",
                "--proc", "/proc", "--dev", "/dev"));
        return cmd;
    }

    /** matplotlib's font cache, built once by the host, bound read-only where MPLCONFIGDIR points. */
    static List<String> fontCache(SandboxHost host) {
        List<String> cmd = new ArrayList<>(List.of("--dir", "/tmp/mpl"));
        for (Path cached : fontCacheFiles(host)) {
            cmd.addAll(List.of("--ro-bind", cached.toString(), "/tmp/mpl/" + cached.getFileName()));
        }
        return cmd;
    }

    private static List<Path> fontCacheFiles(SandboxHost host) {
        try (Stream<Path> files = Files.list(host.fontCacheDir())) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
