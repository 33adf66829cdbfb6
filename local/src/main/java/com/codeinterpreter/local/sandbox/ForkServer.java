package com.codeinterpreter.local.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The kernel template (template.py): one Python process that has imported the data stack, from which each
 * session's kernel is forked into a sandbox of its own, sharing the imported libraries copy-on-write. A new
 * kernel then costs a fork and a few system calls instead of an interpreter start and ~0.5 s of imports.
 *
 * <p>The template runs as root in a bubblewrap sandbox of its own that keeps its capabilities, so that each
 * forked child can set up its session's namespaces, mounts, cgroups, uid, rlimits and seccomp filter before it
 * runs user code (template.py says how). It only exists where the pool runs as root: elsewhere every kernel is
 * started alone ({@link KernelCommand}).
 *
 * <p>For each kernel the pool starts fork_client.py, which passes its pipes to the template and exits as the
 * kernel does; to {@link Kernel} it is the kernel's process. Thread-safe.
 */
public final class ForkServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START_TIMEOUT_SECONDS = 60;

    private final SandboxHost host;
    private final Path sessionsDir;
    private final List<String> preload;
    private final Path socketDir;
    private final Path template;
    private final Path client;
    private final Path log;
    private Process process;
    private boolean closed;

    private ForkServer(SandboxHost host, Path sessionsDir, List<String> preload) throws IOException {
        this.host = host;
        this.sessionsDir = sessionsDir;
        this.preload = List.copyOf(preload);
        Path runtime = host.runtimeDir();
        this.template = SandboxHost.extractResource("template.py", runtime);
        this.client = SandboxHost.extractResource("fork_client.py", runtime);
        this.socketDir = runtime.resolve("fork");
        Files.createDirectories(socketDir);
        Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwx------"));
        this.log = runtime.resolve("logs").resolve("template.log");
        Files.createDirectories(log.getParent());
    }

    /**
     * Starts the template for kernels whose folders are under {@code sessionsDir}, or returns null where the pool
     * is not root (no uid switch, no mounts), and kernels are started alone.
     */
    public static ForkServer startIfRoot(SandboxHost host, Path sessionsDir, List<String> preload) {
        if (!host.switchesUid()) {
            return null;
        }
        try {
            // Sessions' disks are mounted after the template started: a shared mount carries them into its namespace.
            run(List.of("/usr/bin/mount", "--bind", sessionsDir.toString(), sessionsDir.toString()));
            run(List.of("/usr/bin/mount", "--make-shared", sessionsDir.toString()));
            ForkServer server = new ForkServer(host, sessionsDir, preload);
            server.ensureRunning();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the kernel template", e);
        }
    }

    /** The command that gets one kernel forked for {@code spec}, in the groups whose {@code cgroup.procs} are given. */
    List<String> clientCommand(SandboxSpec spec, List<String> cgroupProcs) {
        ensureRunning();
        if (!spec.dataDir().getParent().equals(sessionsDir)) {
            throw new IllegalArgumentException("a forked kernel's folder must be in " + sessionsDir + ": " + spec.dataDir());
        }
        SandboxLimits limits = spec.limits();
        ObjectNode request = JSON.createObjectNode()
                .put("name", spec.dataDir().getFileName().toString())
                .put("uid", spec.uid())
                .put("memory", limits.memoryBytes())
                .put("fileSize", limits.fileSizeBytes())
                .put("openFiles", limits.openFiles())
                .put("processes", limits.processes())
                .put("tmp", limits.tmpBytes())
                .put("shm", SandboxLimits.SHM_BYTES);
        cgroupProcs.forEach(request.putArray("cgroupProcs")::add);
        return List.of(SandboxHost.PYTHON, "-I", "-S", "-B", client.toString(), socketDir.resolve("template.sock").toString(),
                request.toString());
    }

    /** Starts the template, or starts it again if it died; returns once it listens. */
    synchronized void ensureRunning() {
        if (closed) {
            throw new IllegalStateException("the pool is closing");
        }
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null || !JSON.readTree(line).path("ready").asBoolean()) {
                process.destroyForcibly();
                throw new IllegalStateException("the kernel template did not start: " + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the kernel template", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the kernel template did not start within " + START_TIMEOUT_SECONDS + " s: " + tail(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the kernel template", e);
        }
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/bwrap",
                // No user namespace: as root, the template keeps the capabilities its children need to build sandboxes.
                "--unshare-ipc", "--unshare-net", "--unshare-uts", "--die-with-parent", "--new-session", "--cap-add", "ALL"));
        cmd.addAll(KernelCommand.environment(preload));
        // As root, bubblewrap makes the folders above its binds 0700: the sessions' uids must be able to enter these.
        for (String dir : List.of("/etc", "/opt", "/opt/kernel")) {
            cmd.addAll(List.of("--perms", "0755", "--dir", dir));
        }
        cmd.addAll(KernelCommand.readOnlyRoot(host));
        cmd.addAll(List.of("--size", Long.toString(64L << 20), "--tmpfs", "/tmp"));
        cmd.addAll(KernelCommand.fontCache(host));
        cmd.addAll(List.of(
                "--dir", "/mnt/data",
                "--ro-bind", host.kernelProgram().toString(), KernelCommand.KERNEL_PATH,
                "--ro-bind", template.toString(), "/opt/kernel/template.py",
                "--ro-bind", host.seccompFilter().toString(), "/opt/kernel/seccomp.bpf",
                // Each child detaches these three before anything else runs in it.
                "--bind", socketDir.toString(), "/run/pool/fork",
                "--bind", sessionsDir.toString(), "/run/pool/sessions",
                "--bind", "/sys/fs/cgroup", "/run/pool/cgroup",
                "--chdir", "/",
                "--hostname", "sandbox",
                "--remount-ro", "/",
                SandboxHost.PYTHON, "-u", "-B", "-s", "/opt/kernel/template.py", "/opt/kernel/seccomp.bpf"));
        return cmd;
    }

    /** The template's process, for benchmarks (its memory is what the forked kernels share). */
    public synchronized java.util.Optional<ProcessHandle> process() {
        return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
    }

    /** Ends the template (kernels forked from it die with it) and removes the shared mount. */
    @Override
    public synchronized void close() {
        closed = true;
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            run(List.of("/usr/bin/umount", "--lazy", sessionsDir.toString()));
        } catch (IOException e) {
            SandboxHost.log().warning("could not remove the shared mount of " + sessionsDir + ": " + e.getMessage());
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
