package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.SandboxLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Real local pools for the tests: the shared one is started once per test JVM (kernels take a moment
 * to warm) and stopped when the JVM exits; tests that need special settings start their own.
 */
final class TestPools {
    static final String TOKEN = "test-pool-token";
    static final Path DATA_DIR = Path.of("/var/tmp/code-interpreter-pool-test");
    private static PoolServer shared;

    private TestPools() {
    }

    static synchronized PoolServer shared() {
        if (shared == null) {
            shared = start(config(Duration.ofMinutes(10), 32, 2));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static PoolConfig config(Duration cooldown, int maxSessions, int ready) {
        return new PoolConfig(0, TOKEN, cooldown, maxSessions, ready,
                new SandboxLimits(1L << 30, 64, 64L << 20, 256, 64L << 20, 1.0),
                DATA_DIR, List.of("numpy", "pandas", "matplotlib", "matplotlib.pyplot"), 900);
    }

    static PoolServer start(PoolConfig config) {
        try {
            return PoolServer.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
