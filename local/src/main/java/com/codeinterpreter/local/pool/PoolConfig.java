package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings of the local pool. Every one has a default and an environment variable; see local/README.md.
 *
 * @param port            TCP port on 127.0.0.1 (0 picks a free one)
 * @param token           the bearer token callers must send
 * @param cooldown        idle time after which a session and its files are deleted, as in the service
 * @param maxSessions     concurrent sessions; a new identifier beyond that is refused
 * @param readyInstances  pre-warmed kernels kept waiting for new identifiers
 * @param limits          each session's resource limits
 * @param dataDir         where session folders and runtime files live (must be reachable by other uids)
 * @param preload         modules each kernel imports before it is handed out
 * @param maxTimeoutSeconds the largest {@code timeoutInSeconds} accepted
 */
public record PoolConfig(int port, String token, Duration cooldown, int maxSessions, int readyInstances,
                         SandboxLimits limits, Path dataDir, List<String> preload, int maxTimeoutSeconds) {

    public static final String DEFAULT_TOKEN = "local-pool-token";
    public static final long MAX_UPLOAD_BYTES = 128L * 1024 * 1024;

    public PoolConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the pool's bearer token must not be empty (LOCAL_POOL_TOKEN)");
        }
        if (cooldown.isNegative() || cooldown.isZero()) {
            throw new IllegalArgumentException("cooldown must be positive (LOCAL_POOL_COOLDOWN_SECONDS)");
        }
        if (maxSessions < 1 || readyInstances < 0) {
            throw new IllegalArgumentException("max sessions must be >= 1 and ready instances >= 0");
        }
        preload = List.copyOf(preload);
    }

    /** Reads the settings from environment variables, each falling back to its default. */
    public static PoolConfig fromEnvironment(Map<String, String> env) {
        Function<String, String> get = env::get;
        SandboxLimits d = SandboxLimits.DEFAULTS;
        return new PoolConfig(
                intOr(get, "LOCAL_POOL_PORT", 8091),
                env.getOrDefault("LOCAL_POOL_TOKEN", DEFAULT_TOKEN),
                Duration.ofSeconds(intOr(get, "LOCAL_POOL_COOLDOWN_SECONDS", 300)),
                intOr(get, "LOCAL_POOL_MAX_SESSIONS", 64),
                intOr(get, "LOCAL_POOL_READY_INSTANCES", 2),
                new SandboxLimits(
                        (long) intOr(get, "LOCAL_POOL_MEMORY_MB", (int) (d.memoryBytes() >> 20)) << 20,
                        intOr(get, "LOCAL_POOL_MAX_PROCESSES", d.processes()),
                        (long) intOr(get, "LOCAL_POOL_MAX_FILE_MB", (int) (d.fileSizeBytes() >> 20)) << 20,
                        d.openFiles(),
                        (long) intOr(get, "LOCAL_POOL_TMP_MB", (int) (d.tmpBytes() >> 20)) << 20,
                        Double.parseDouble(env.getOrDefault("LOCAL_POOL_CPUS", Double.toString(d.cpus())))),
                Path.of(env.getOrDefault("LOCAL_POOL_DATA_DIR", "/var/tmp/code-interpreter-pool")),
                Arrays.stream(env.getOrDefault("LOCAL_POOL_PRELOAD", "numpy,pandas,matplotlib,matplotlib.pyplot").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList(),
                intOr(get, "LOCAL_POOL_MAX_TIMEOUT_SECONDS", 3600));
    }

    private static int intOr(Function<String, String> env, String name, int fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
