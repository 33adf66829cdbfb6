package com.codeinterpreter.local.azurite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service in a child process on 127.0.0.1, for tests and for running the app locally.
 *
 * <p>Runs the copy in {@code tools/azurite} (see {@link AzuriteInstallation}), so neither Docker nor a global
 * npm package is needed. {@link #close()} stops it; a shutdown hook stops it too if the JVM exits
 * first, so an aborted test run leaves no emulator behind. From a script:
 * {@code java -cp ... AzuriteProcess [--port 10000] [--location DIR]} runs it in the foreground and prints
 * {@code azurite listening on <endpoint>} once it answers.
 */
public final class AzuriteProcess implements AutoCloseable {
    public static final String ACCOUNT_NAME = "devstoreaccount1";
    /** The emulator's published key: the same in every Azurite install, so not a secret. */
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final OutputTail output;
    private final Thread shutdownHook;
    private volatile boolean stopping;

    private AzuriteProcess(Process process, int port, OutputTail output) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.shutdownHook = new Thread(this::stop, "azurite-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Azurite keeping its data in memory only. {@code port} 0 picks a free port. */
    public static AzuriteProcess startInMemory(int port) {
        return start(port, List.of("--inMemoryPersistence"));
    }

    /** Starts Azurite keeping its data in {@code location}, which survives restarts. {@code port} 0 picks a free port. */
    public static AzuriteProcess start(int port, Path location) {
        try {
            Files.createDirectories(location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Azurite's data folder " + location, e);
        }
        return start(port, List.of("--location", location.toAbsolutePath().toString()));
    }

    public int port() {
        return port;
    }

    /** The blob endpoint, path-style as the emulator expects: {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    public String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT_NAME;
    }

    /** A connection string for the emulator account, as the SDK and OUTPUTS_STORAGE_CONNECTION_STRING take it. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT_NAME + ";AccountKey=" + ACCOUNT_KEY
                + ";BlobEndpoint=" + blobEndpoint() + ";";
    }

    /** Completes when Azurite has exited, stopped or not: for a caller that must stop what depends on it. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The last lines Azurite wrote, to tell why it ended. */
    public String output() {
        return output.text();
    }

    /** Stops Azurite and waits until it has exited. Safe to call more than once. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
    }

    private void stop() {
        stopping = true;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static AzuriteProcess start(int requestedPort, List<String> persistence) {
        AzuriteInstallation installation = AzuriteInstallation.find();
        Path main = installation.blobMain();
        // A port we picked may be taken by someone else before Azurite binds it; then pick again.
        for (int attempt = 1; ; attempt++) {
            int port = requestedPort == 0 ? freePort() : requestedPort;
            List<String> command = new ArrayList<>(List.of("node", main.toString(),
                    "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
                    "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent"));
            command.addAll(persistence);
            Process process;
            try {
                process = new ProcessBuilder(command).directory(installation.root().toFile())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run node (Node.js 20 or newer is required for Azurite)", e);
            }
            AzuriteProcess azurite = new AzuriteProcess(process, port, OutputTail.of(process));
            try {
                azurite.awaitHttp();
                return azurite;
            } catch (RuntimeException e) {
                azurite.close();
                if (requestedPort != 0 || attempt == 3 || !azurite.output.text().contains("EADDRINUSE")) {
                    throw e;
                }
            }
        }
    }

    // Any HTTP answer (the emulator refuses an unsigned request with 403) means it is up.
    private void awaitHttp() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(blobEndpoint() + "?comp=list"))
                .timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with status " + process.exitValue()
                        + " before answering on port " + port + ". Its output:\n" + output.text());
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Azurite", e);
            }
        }
        throw new IllegalStateException("Azurite did not answer on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s. Its output:\n" + output.text());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 10000;
        Path location = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--location") && i + 1 < args.length) {
                location = Path.of(args[++i]);
            } else {
                System.err.println(
                        "usage: AzuriteProcess [--port N (default 10000, 0 = any)] [--location DIR (default: in memory)]");
                System.exit(2);
            }
        }
        AzuriteProcess azurite = location == null ? startInMemory(port) : start(port, location);
        System.out.println("azurite listening on " + azurite.blobEndpoint());
        System.out.flush();
        int status = azurite.process.waitFor();
        if (azurite.stopping) {
            return; // SIGINT/SIGTERM: the shutdown hook stopped it
        }
        System.err.println("Azurite exited with status " + status + ":\n" + azurite.output.text());
        System.exit(1);
    }
}
