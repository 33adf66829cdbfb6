package com.codeinterpreter.local.bench;

import com.codeinterpreter.local.host.HostProcess;
import com.codeinterpreter.local.azurite.AzuriteProcess;
import com.codeinterpreter.local.pool.PoolConfig;
import com.codeinterpreter.local.pool.PoolServer;
import com.codeinterpreter.local.sandbox.SandboxLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Azurite, a local pool and the functions host, as run-local.sh runs them, for one set of measurements. */
final class BenchStack implements AutoCloseable {
    static final String TOKEN = "bench-pool-token";
    /** LOCAL_POOL_READY_INSTANCES' default. */
    static final int DEFAULT_READY_INSTANCES = 2;
    static final String SESSION_ID_SECRET = "bench-secret-0123456789abcdef";
    static final List<String> PRELOAD = List.of("numpy", "pandas", "matplotlib", "matplotlib.pyplot");

    // The serial collector, as run-local.sh runs the host. No dead space left in the old generation by a full
    // collection: by default it may leave up to 5% of it (~13 MiB here) uncompacted, filled with int[] that the
    // class histogram then counts as live, at three full collections of every four.
    static final List<String> HOST_JVM = List.of("-XX:+UseSerialGC", "-XX:MarkSweepDeadRatio=0");

    final AzuriteProcess azurite;
    final PoolServer pool;
    final HostProcess host;

    private BenchStack(AzuriteProcess azurite, PoolServer pool, HostProcess host) {
        this.azurite = azurite;
        this.pool = pool;
        this.host = host;
    }

    static PoolConfig poolConfig(int readyInstances) {
        // Room for every session the sections open within the cooldown: the file-tool figures' sessions made
        // 80 too few for the start-up figures that follow them.
        return new PoolConfig(0, TOKEN, Duration.ofMinutes(30), 160, readyInstances, SandboxLimits.DEFAULTS,
                Path.of("/var/tmp/code-interpreter-bench"), PRELOAD, 3600);
    }

    static BenchStack start(int readyInstances) {
        AzuriteProcess azurite = AzuriteProcess.startInMemory(0);
        try {
            PoolServer pool = PoolServer.start(poolConfig(readyInstances));
            return new BenchStack(azurite, pool, HostProcess.start(settings(pool.url(), azurite.connectionString()), HOST_JVM, line -> { }));
        } catch (IOException e) {
            azurite.close();
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> settings(String poolUrl, String storage) {
        return Map.of("SESSION_POOL_ENDPOINT", poolUrl, "SESSION_POOL_TOKEN", TOKEN, "SESSION_POOL_API_VERSION", "2025-10-02-preview",
                "SESSION_ID_SECRET", SESSION_ID_SECRET, "OUTPUTS_STORAGE_CONNECTION_STRING", storage,
                "OUTPUTS_CONTAINER", "outputs", "OUTPUTS_LINK_TTL_MINUTES", "60");
    }

    /** Waits until the pool has {@code n} warm kernels waiting (or a minute has passed). */
    void awaitWarm(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pool.warmKernelsAvailable() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        host.close();
        pool.close();
        azurite.close();
    }
}
