package com.codeinterpreter.local.conformance;

import com.codeinterpreter.local.pool.PoolConfig;
import com.codeinterpreter.local.pool.PoolServer;
import com.codeinterpreter.local.sandbox.SandboxLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** One real local pool for the client conformance tests, started once per test JVM. */
final class ConformancePool {
    static final String TOKEN = "conformance-token";
    static final String BEARER = "Bearer " + TOKEN;
    private static PoolServer pool;

    private ConformancePool() {
    }

    static synchronized int port() {
        if (pool == null) {
            try {
                pool = PoolServer.start(new PoolConfig(0, TOKEN, Duration.ofMinutes(10), 16, 1,
                        new SandboxLimits(1L << 30, 64, 64L << 20, 256, 64L << 20, 1.0),
                        Path.of("/var/tmp/code-interpreter-pool-test"), List.of("numpy", "pandas", "matplotlib", "matplotlib.pyplot"), 900));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(pool::close));
        }
        return pool.port();
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
