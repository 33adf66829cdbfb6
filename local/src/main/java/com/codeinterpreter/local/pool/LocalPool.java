package com.codeinterpreter.local.pool;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the local pool in the foreground: {@code scripts/local-pool.sh [--port N]}. Prints
 * {@code listening on http://127.0.0.1:N} once it accepts requests; stops cleanly on SIGINT/SIGTERM.
 */
public final class LocalPool {
    private LocalPool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                env.put("LOCAL_POOL_PORT", args[++i]);
            } else {
                System.err.println("usage: local-pool.sh [--port N]   (other settings: LOCAL_POOL_* environment variables, see local/README.md)");
                System.exit(2);
            }
        }
        PoolConfig config = PoolConfig.fromEnvironment(env);
        PoolServer server = PoolServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "pool-shutdown"));
        System.out.println("listening on " + server.url());
        System.out.flush();
        stopped.await();
    }
}
