package com.codeinterpreter.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One persistent Python kernel in its own sandbox, spoken to over its stdin and stdout.
 *
 * <p>Not thread-safe: the owner runs one execution at a time. A kernel that died or was killed stays
 * dead; the owner starts a new one.
 */
public final class Kernel implements AutoCloseable {
    /** How long past its timeout an execution may take to stop before the kernel is killed. */
    static final Duration KILL_GRACE = Duration.ofSeconds(3);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kernel-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final java.util.concurrent.ExecutorService STARTERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kernel-start");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final SandboxSpec spec;
    private final Process process;
    private final Cgroups.Session cgroups;
    private final BufferedWriter toKernel;
    private final BufferedReader fromKernel;
    private final CompletableFuture<Void> ready;
    private final AtomicBoolean killedByWatchdog = new AtomicBoolean();
    private final Path logFile;

    private Kernel(SandboxSpec spec, Process process, Cgroups.Session cgroups, Path logFile) {
        this.spec = spec;
        this.process = process;
        this.cgroups = cgroups;
        this.logFile = logFile;
        this.toKernel = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.fromKernel = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.ready = CompletableFuture.runAsync(this::readReadyLine, STARTERS);
        process.onExit().thenRun(cgroups::remove);
    }

    /**
     * Starts a kernel and returns at once; it imports its preloads in the background, and the first
     * {@link #execute} waits for that.
     */
    public static Kernel start(SandboxHost host, SandboxSpec spec) {
        return launch(host, spec, cgroups -> KernelCommand.build(host, spec));
    }

    /**
     * Forks a kernel from the template, in a sandbox of its own with the same confinement as {@link #start}'s,
     * and returns at once; the data stack is already imported.
     */
    public static Kernel fork(SandboxHost host, ForkServer template, SandboxSpec spec) {
        return launch(host, spec, cgroups -> template.clientCommand(spec, cgroups.procsFiles()));
    }

    private static Kernel launch(SandboxHost host, SandboxSpec spec, java.util.function.Function<Cgroups.Session, java.util.List<String>> command) {
        Cgroups.Session cgroups = host.cgroups().create(spec.name(), spec.limits());
        Path log = host.runtimeDir().resolve("logs").resolve(spec.name() + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command.apply(cgroups))
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            builder.environment().put("CGROUP_PROCS", String.join(" ", cgroups.procsFiles()));
            return new Kernel(spec, builder.start(), cgroups, log);
        } catch (IOException | RuntimeException e) {
            cgroups.remove();
            throw e instanceof IOException io ? new UncheckedIOException("cannot start a sandboxed kernel for " + spec.name(), io)
                    : (RuntimeException) e;
        }
    }

    private void readReadyLine() {
        try {
            String line = fromKernel.readLine();
            if (line == null || !JSON.readTree(line).path("ready").asBoolean()) {
                throw new IllegalStateException("the sandboxed kernel did not start: " + diagnostics());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks until the kernel has imported its preloads. */
    public void awaitReady() {
        try {
            ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException("the sandboxed kernel did not become ready within " + START_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a kernel", e);
        }
    }

    /**
     * Runs code and returns what it produced. The kernel interrupts the code at {@code timeoutSeconds};
     * if it is still running {@link #KILL_GRACE} later, the kernel is killed and the reply says state was lost.
     *
     * @param figure whether a figure the code showed comes back as a PNG ({@link KernelReply#figurePng})
     */
    public KernelReply execute(String code, int timeoutSeconds, int maxOutputChars, boolean figure) {
        ObjectNode request = JSON.createObjectNode().put("code", code);
        if (figure) {
            request.put("figure", true);
        }
        return send(request, timeoutSeconds, maxOutputChars);
    }

    public KernelReply execute(String code, int timeoutSeconds, int maxOutputChars) {
        return execute(code, timeoutSeconds, maxOutputChars, false);
    }

    /** Runs a command (no shell unless {@code argv} names one) in the sandbox, in /mnt/data, with {@code stdin} when not null. */
    public KernelReply run(java.util.List<String> argv, String stdin, int timeoutSeconds, int maxOutputChars) {
        ObjectNode request = JSON.createObjectNode();
        argv.forEach(request.putArray("argv")::add);
        if (stdin != null) {
            request.put("stdin", stdin);
        }
        return send(request, timeoutSeconds, maxOutputChars);
    }

    private KernelReply send(ObjectNode request, int timeoutSeconds, int maxOutputChars) {
        awaitReady();
        long started = System.nanoTime();
        String id = Long.toString(REQUEST_IDS.incrementAndGet());
        request.put("id", id).put("timeout", timeoutSeconds).put("maxOutput", maxOutputChars);
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            killedByWatchdog.set(true);
            process.destroyForcibly();
        }, TimeUnit.SECONDS.toMillis(timeoutSeconds) + KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        try {
            toKernel.write(JSON.writeValueAsString(request));
            toKernel.write('\n');
            toKernel.flush();
            String line;
            while ((line = fromKernel.readLine()) != null) {
                JsonNode reply = JSON.readTree(line);
                if (reply.path("id").asText().equals(id)) {
                    return parse(reply);
                }
                // Anything else on the channel was written by user code, not by the kernel: skip it.
            }
        } catch (IOException e) {
            // A broken pipe means the process is gone; handled below like an end of stream.
        } finally {
            watchdog.cancel(false);
        }
        return lostReply(timeoutSeconds, (System.nanoTime() - started) / 1_000_000);
    }

    private KernelReply lostReply(int timeoutSeconds, long durationMs) {
        process.destroyForcibly();
        waitForExit();
        if (killedByWatchdog.get()) {
            return KernelReply.lost(KernelReply.Outcome.TIMED_OUT_KERNEL_RESTARTED,
                    "The code ran past its timeout of " + timeoutSeconds + " s and did not stop when interrupted, so the "
                            + "session's Python process was restarted: variables and imports are gone, files in /mnt/data are kept.",
                    durationMs);
        }
        return KernelReply.lost(KernelReply.Outcome.KERNEL_DIED,
                "The session's Python process ended during the execution (" + exitDescription() + "), so it was restarted: "
                        + "variables and imports are gone, files in /mnt/data are kept.",
                durationMs);
    }

    private String exitDescription() {
        int code = process.exitValue();
        boolean memoryLimitHit = cgroups.memoryPeakBytes().map(peak -> peak >= spec.limits().memoryBytes() * 95 / 100).orElse(false);
        if (code == 137 || code == 128 + 9) {
            return memoryLimitHit
                    ? "killed after reaching the memory limit of " + (spec.limits().memoryBytes() >> 20) + " MiB"
                    : "killed by SIGKILL";
        }
        if (code > 128) {
            return "killed by signal " + (code - 128);
        }
        return "exit code " + code;
    }

    private void waitForExit() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KernelReply parse(JsonNode r) {
        KernelReply.Outcome outcome = switch (r.path("status").asText()) {
            case "Succeeded" -> KernelReply.Outcome.SUCCEEDED;
            case "TimedOut" -> KernelReply.Outcome.TIMED_OUT;
            default -> KernelReply.Outcome.FAILED;
        };
        JsonNode error = r.path("error");
        return new KernelReply(outcome,
                r.path("stdout").asText(""), r.path("stderr").asText(""),
                r.path("stdoutTruncated").asBoolean(), r.path("stderrTruncated").asBoolean(),
                r.path("result").isNull() ? null : r.path("result").asText(),
                r.path("resultRepr").isNull() ? null : r.path("resultRepr").asText(),
                r.path("resultJson"),
                r.path("hasResult").asBoolean(),
                r.path("figurePng").isTextual() ? r.path("figurePng").asText() : null,
                r.path("exitCode").isInt() ? r.path("exitCode").asInt() : null,
                error.isObject() ? error.path("type").asText() : null,
                error.isObject() ? error.path("message").asText() : null,
                r.path("ms").asLong());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory of the sandbox's processes, from /proc, for benchmarks and diagnostics. */
    public long residentBytes() {
        return memory().rssBytes();
    }

    /**
     * RSS and PSS of every process of the sandbox: the started process and its descendants, and whatever its
     * cgroups hold (a kernel forked from a template is not a descendant of the process the pool started).
     */
    public SandboxMemory memory() {
        java.util.Set<Long> pids = new java.util.TreeSet<>();
        pids.add(process.pid());
        process.descendants().forEach(p -> pids.add(p.pid()));
        pids.addAll(cgroups.pids());
        return SandboxMemory.of(pids);
    }

    private String diagnostics() {
        waitForExit();
        String log = "";
        try {
            log = Files.readString(logFile).strip();
        } catch (IOException e) {
            // nothing more to say
        }
        return (process.isAlive() ? "still running" : "exit code " + process.exitValue())
                + (log.isEmpty() ? "" : ": " + log.substring(Math.max(0, log.length() - 2000)));
    }

    /** Kills the sandbox and everything in it (bubblewrap's pid namespace dies with its init). */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            toKernel.close();
        } catch (IOException e) {
            // already gone
        }
        waitForExit();
        cgroups.remove(); // now, not only in the exit callback, which a JVM that is exiting does not wait for
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            // a stale log is harmless
        }
    }
}
