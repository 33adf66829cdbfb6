package com.codeinterpreter.local.host;

import com.codeinterpreter.local.azurite.AzuriteProcess;
import com.codeinterpreter.local.pool.PoolConfig;
import com.codeinterpreter.local.pool.PoolServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The whole app on this machine, in the foreground, as {@code scripts/run-local.sh} runs it from the
 * repository: Azurite (Blob Storage, data in {@code .local/azurite}), the local session pool in this JVM
 * (real bubblewrap sandboxes) and the functions host in its own JVM ({@link HostProcess}), with the app
 * settings of {@link LocalAppSettings}. The tests start the same three the same way.
 *
 * <p>Prints {@code ready: http://127.0.0.1:PORT/api} on standard output once all three answer, and
 * everything else on standard error. Stops all three on SIGINT or SIGTERM, or as soon as Azurite or the
 * host exits. Ports: {@code AZURITE_PORT} (10000), {@code LOCAL_POOL_PORT} (8091), {@code FUNCTIONS_PORT}
 * (7071); the pool's other settings are its {@code LOCAL_POOL_*} variables. Logs: the pool's in
 * {@code .local/logs/pool.log}, the host's in {@code .local/logs/functions.log}, one event per tool call in
 * {@code .local/logs/calls.jsonl}.
 */
public final class LocalApp {
    private static final Path LOGS = Path.of(".local", "logs");
    private static final Path HOST_LOG = LOGS.resolve("functions.log");
    /** One event per tool call (CallsLog), which scripts/calls.sh summarises. */
    private static final Path CALLS_LOG = LOGS.resolve("calls.jsonl");
    private static final List<String> HOST_JVM = List.of("-XX:+UseSerialGC", "-Xshare:auto",
            "-D" + CallsLog.PROPERTY + "=" + CALLS_LOG.toAbsolutePath());

    private AzuriteProcess azurite;
    private PoolServer pool;
    private HostProcess host;
    private volatile boolean stopping;

    private LocalApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            exit(2, "usage: scripts/run-local.sh   (settings: AZURITE_PORT, LOCAL_POOL_PORT, FUNCTIONS_PORT, LOCAL_POOL_*)");
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        int azuritePort = port(env, "AZURITE_PORT", 10000);
        int poolPort = port(env, "LOCAL_POOL_PORT", 8091);
        int functionsPort = port(env, "FUNCTIONS_PORT", LocalFunctionsHost.DEFAULT_PORT);
        env.putIfAbsent("LOCAL_POOL_TOKEN", PoolConfig.DEFAULT_TOKEN);
        for (int port : new int[] {azuritePort, poolPort, functionsPort}) {
            requireFree(port);
        }
        Map<String, String> settings = LocalAppSettings.read(Path.of(""), System.getenv(), azuritePort, poolPort, env.get("LOCAL_POOL_TOKEN"));
        PoolConfig poolConfig = PoolConfig.fromEnvironment(env);
        Files.createDirectories(LOGS);
        logPoolTo(LOGS.resolve("pool.log"));

        say("starting Azurite (:" + azuritePort + "), the local pool (:" + poolPort + ") and the functions host (:" + functionsPort
                + "); logs in " + LOGS + "/{pool,functions}.log");
        LocalApp app = new LocalApp();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "run-local-shutdown"));
        List<String> listing = new ArrayList<>();
        try (PrintWriter hostLog = new PrintWriter(Files.newBufferedWriter(HOST_LOG, StandardCharsets.UTF_8), true)) {
            app.start(azuritePort, poolConfig, functionsPort, settings, line -> {
                hostLog.println(line);
                if (line.startsWith("  ")) {
                    listing.add(line);
                }
            });
            listing.forEach(System.err::println);
            System.out.println("ready: " + app.host.baseUrl() + "/" + LocalFunctionsHost.ROUTE_PREFIX);
            System.out.flush();
            app.awaitFirstExit();
        }
    }

    /** Starts the three at once (none needs another to start) and returns when all three answer. */
    private void start(int azuritePort, PoolConfig poolConfig, int functionsPort, Map<String, String> settings,
                       Consumer<String> hostOutput) {
        CompletableFuture<AzuriteProcess> azuriteStarted = CompletableFuture.supplyAsync(
                () -> AzuriteProcess.start(azuritePort, Path.of(".local", "azurite")));
        CompletableFuture<PoolServer> poolStarted = CompletableFuture.supplyAsync(() -> {
            try {
                return PoolServer.start(poolConfig);
            } catch (IOException e) {
                throw new UncheckedIOException("the local pool cannot listen on 127.0.0.1:" + poolConfig.port(), e);
            }
        });
        try {
            host = HostProcess.start(functionsPort, settings, HOST_JVM, hostOutput);
            azurite = azuriteStarted.join();
            pool = poolStarted.join();
        } catch (RuntimeException e) {
            // What did start is stopped by the shutdown hook, once the ones still starting have finished.
            azurite = azuriteStarted.exceptionally(t -> null).join();
            pool = poolStarted.exceptionally(t -> null).join();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            exit(1, "cannot start: " + cause.getMessage() + (host == null ? "\nthe end of " + HOST_LOG + ":\n" + tail(HOST_LOG) : ""));
        }
    }

    /** Waits until Azurite or the host exits (the pool runs in this JVM), then says which and exits. */
    private void awaitFirstExit() {
        Object ended = CompletableFuture.anyOf(host.onExit().thenApply(p -> "functions host"),
                azurite.onExit().thenApply(p -> "Azurite")).join();
        // Ctrl-C reaches the children too (one process group), and one may exit before this JVM's shutdown hook runs.
        for (int i = 0; i < 20 && !stopping; i++) {
            sleep(50);
        }
        if (stopping) {
            return;
        }
        String detail = ended.equals("Azurite") ? "; its last output:\n" + azurite.output() : "; the end of " + HOST_LOG + ":\n" + tail(HOST_LOG);
        exit(1, ended + " exited, stopping the others" + detail);
    }

    /** Stops the host first (no calls in flight), then the pool (it deletes its sessions), then Azurite. */
    private void stop() {
        stopping = true;
        say("stopping");
        if (host != null) {
            host.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    /** This JVM's log (the pool's) into a file, one line per record: the terminal shows only what run-local says. */
    private static void logPoolTo(Path file) throws IOException {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new StreamHandler(Files.newOutputStream(file), LogLine.forNewHandler()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        });
    }

    /** The last lines of a log, for the message that says why the app stopped. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        exit(2, name + " must be a port, 1-65535, was '" + value + "'");
        return -1;
    }

    /** Something already listening there would answer in place of ours. */
    private static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            exit(1, "port " + port + " is already in use (another run-local.sh?); free it or set AZURITE_PORT, LOCAL_POOL_PORT, "
                    + "FUNCTIONS_PORT");
        }
    }

    private static void say(String message) {
        System.err.println("run-local: " + message);
    }

    private static void exit(int status, String message) {
        say(message);
        System.exit(status);
    }
}
