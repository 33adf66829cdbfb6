package com.codeinterpreter.local.e2e;

import com.codeinterpreter.local.azurite.AzuriteProcess;
import com.codeinterpreter.local.host.HostProcess;
import com.codeinterpreter.local.pool.PoolConfig;
import com.codeinterpreter.local.pool.PoolServer;
import com.codeinterpreter.local.sandbox.SandboxLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole app on loopback, as {@code scripts/run-local.sh} runs it: Azurite, the local session pool
 * (real bubblewrap sandboxes) and the functions host in its own JVM, configured only through the app
 * settings in its environment, as in Azure. Started once per test JVM and stopped when it exits.
 */
public final class LocalStack {
    public static final String POOL_TOKEN = "e2e-pool-token";
    public static final String SESSION_ID_SECRET = "e2e-secret-0123456789abcdef";
    private static final String CALLS_LOG = "calls.jsonl";
    private static LocalStack shared;

    public final AzuriteProcess azurite;
    public final PoolServer pool;
    private final HostProcess host;
    public final String baseUrl;
    /** The host JVM's java.io.tmpdir, its own so tests can see whether it leaves files behind. */
    public final Path hostTmpDir;
    private final boolean ownsBackends;

    private LocalStack(AzuriteProcess azurite, PoolServer pool, HostProcess host, String baseUrl, Path hostTmpDir, boolean ownsBackends) {
        this.azurite = azurite;
        this.pool = pool;
        this.host = host;
        this.baseUrl = baseUrl;
        this.hostTmpDir = hostTmpDir;
        this.ownsBackends = ownsBackends;
    }

    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** Starts a stack; {@code extraSettings} are added to (or override) the host's app settings. */
    public static LocalStack start(Map<String, String> extraSettings) {
        // Room for every session the suite's classes open on the shared stack within the 10-minute cooldown
        // (48 overflowed once the file, change, timeout and event tests were added).
        return start(extraSettings, 128);
    }

    /** As {@link #start(Map)}, with a pool of at most {@code maxSessions} sessions. */
    public static LocalStack start(Map<String, String> extraSettings, int maxSessions) {
        AzuriteProcess azurite = AzuriteProcess.startInMemory(0);
        PoolServer pool;
        try {
            pool = PoolServer.start(new PoolConfig(0, POOL_TOKEN, Duration.ofMinutes(10), maxSessions, Math.min(2, maxSessions - 1),
                    new SandboxLimits(1L << 30, 128, 256L << 20, 512, 64L << 20, 1.0),
                    Path.of("/var/tmp/code-interpreter-pool-test"), List.of("numpy", "pandas", "matplotlib", "matplotlib.pyplot"), 3600));
        } catch (IOException e) {
            azurite.close();
            throw new UncheckedIOException(e);
        }
        return withHost(azurite, pool, extraSettings, true);
    }

    /**
     * Another functions host on {@code base}'s pool and Azurite, with some settings changed: for fault and
     * authentication configurations, without the cost of a second pool. Its {@link #stop} stops only the host.
     */
    public static LocalStack hostOn(LocalStack base, Map<String, String> overrides) {
        return withHost(base.azurite, base.pool, overrides, false);
    }

    private static LocalStack withHost(AzuriteProcess azurite, PoolServer pool, Map<String, String> extraSettings, boolean owns) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "SESSION_POOL_ENDPOINT", pool.url(),
                "SESSION_POOL_TOKEN", POOL_TOKEN,
                "SESSION_POOL_API_VERSION", "2025-10-02-preview",
                "SESSION_ID_SECRET", SESSION_ID_SECRET,
                "OUTPUTS_STORAGE_CONNECTION_STRING", azurite.connectionString(),
                "OUTPUTS_CONTAINER", "outputs",
                "OUTPUTS_LINK_TTL_MINUTES", "30"));
        settings.putAll(extraSettings);
        try {
            Path tmp = Files.createTempDirectory("functions-host-");
            HostProcess host = HostProcess.start(settings, List.of("-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
                    "-Dcodeinterpreter.callsLog=" + callsLog(tmp)), LocalStack::echo);
            return new LocalStack(azurite, pool, host, host.baseUrl(), tmp, owns);
        } catch (IOException | RuntimeException e) {
            if (owns) {
                pool.close();
                azurite.close();
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The host's calls log: one event per tool call, as {@code .local/logs/calls.jsonl} under run-local.sh. */
    public Path callsLog() {
        return callsLog(hostTmpDir);
    }

    /** Beside the host's temporary folder, not in it: a soak test holds that folder empty. */
    private static Path callsLog(Path hostTmp) {
        return hostTmp.resolveSibling(hostTmp.getFileName() + "-" + CALLS_LOG);
    }

    /** The functions host's process id, to read its threads and descriptors from /proc. */
    public long hostPid() {
        return host.pid();
    }

    /** The host's errors (and everything it prints, with E2E_HOST_LOG set) go to the test log. */
    private static void echo(String line) {
        if (System.getenv("E2E_HOST_LOG") != null || line.contains("SEVERE") || line.contains("Exception")) {
            System.err.println("[host] " + line);
        }
    }

    public void stop() {
        host.close();
        deleteQuietly(hostTmpDir);
        callsLog().toFile().delete();
        if (ownsBackends) {
            pool.close();
            azurite.close();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
