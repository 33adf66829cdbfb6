package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.SandboxHost;
import com.codeinterpreter.sessions.SessionPoolServiceVersion;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The local session pool: the dynamic-sessions data plane over HTTP on 127.0.0.1, both the current
 * ({@code /executions}) and the legacy ({@code /code/execute}) api-versions.
 *
 * <p>Every request is checked in the service's order: bearer token, api-version, route, identifier.
 */
public final class PoolServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PoolServer.class.getName());
    /** The service's identifier rule (SessionIdentifier in the API specification). */
    static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z0-9_|}{\\[\\]:\";'<>?/.,@#$%^&*()\\-+=!~`]{4,128}");

    private final PoolConfig config;
    private final HttpServer http;
    private final ExecutorService workers;
    private final SessionRegistry sessions;
    private final ExecutionRoutes executions;
    private final FileRoutes files;
    private final LegacyRoutes legacy;
    private final SessionRoutes management;
    private final byte[] token;
    private final Path poolDir;

    private PoolServer(PoolConfig config, SandboxHost host, Path poolDir, Clock clock) throws IOException {
        this.config = config;
        this.poolDir = poolDir;
        this.token = ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
        Path sessionsDir = Files.createDirectories(poolDir.resolve("sessions"));
        this.sessions = new SessionRegistry(config, host, sessionsDir, clock);
        this.executions = new ExecutionRoutes(sessions, config);
        this.files = new FileRoutes(sessions, host.switchesUid(), config.limits().diskBytes());
        this.legacy = new LegacyRoutes(executions, files, sessions);
        this.management = new SessionRoutes(sessions, config, clock);
        // Small JSON replies must not wait for Nagle's algorithm: without this a round trip costs ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 128);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pool-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(workers);
        http.createContext("/", this::handle);
    }

    /** Prepares the sandbox host and starts serving. */
    public static PoolServer start(PoolConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        PoolDirs.removeStale(config.dataDir());
        Path poolDir = PoolDirs.create(config.dataDir());
        SandboxHost host = SandboxHost.prepare(poolDir.resolve("runtime"));
        if (host.switchesUid()) {
            PoolDirs.makeTraversable(config.dataDir());
        }
        PoolServer server = new PoolServer(config, host, poolDir, Clock.systemUTC());
        server.http.start();
        LOG.info(host.describe());
        LOG.log(host.disks().available() ? Level.INFO : Level.WARNING, host.describeDisks(config.limits().diskBytes()));
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Sessions alive now, and kernels warming or waiting, for tests and benchmarks. */
    public int sessionCount() {
        return sessions.all().size();
    }

    public int warmKernelsAvailable() {
        return sessions.warmAvailable();
    }

    /** Resident memory of one session's sandbox, or 0 when it has none. */
    public long residentBytes(String identifier) {
        return sessions.find(identifier).map(Session::residentBytes).orElse(0L);
    }

    /** Whether new kernels are forked from the kernel template (the pool runs as root) rather than started alone. */
    public boolean forksKernels() {
        return sessions.forksKernels();
    }

    /** The kernel template's process (bubblewrap's, whose sandbox holds the template), for tests. */
    java.util.Optional<ProcessHandle> kernelTemplate() {
        return sessions.kernelTemplate();
    }

    /** RSS and PSS of each session's sandbox, for benchmarks. */
    public java.util.List<com.codeinterpreter.local.sandbox.SandboxMemory> sessionMemory() {
        return sessions.all().stream().map(Session::memory).toList();
    }

    private void handle(HttpExchange raw) {
        Exchange ex = new Exchange(raw);
        try {
            authorize(ex);
            SessionPoolServiceVersion version = ApiVersion.parse(ex.query("api-version"));
            route(ex, version);
        } catch (ApiException e) {
            ex.drain();
            send(ex, e);
        } catch (IOException e) {
            // Often the caller stopped waiting (the app gives up on a busy session at the call's timeout): one line, no
            // stack. The 500 still goes out for a caller that is there (send gives up quietly on one that is not).
            LOG.info(() -> "request failed with an I/O error (the caller may have gone): " + ex.method + " " + ex.path + " ("
                    + e.getMessage() + ")");
            send(ex, new ApiException(500, "InternalServerError", "The local pool failed to handle the request; see its log."));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request failed: " + ex.method + " " + ex.path, e);
            send(ex, new ApiException(500, "InternalServerError", "The local pool failed to handle the request; see its log."));
        } finally {
            ex.close();
        }
    }

    private static void send(Exchange ex, ApiException e) {
        try {
            ex.sendError(e);
        } catch (IOException | RuntimeException ignored) {
            // the client went away or the response was already started
        }
    }

    private void authorize(Exchange ex) {
        String header = ex.header("Authorization");
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        if (header == null || !MessageDigest.isEqual(given, token)) {
            throw new ApiException(401, header == null ? "MissingAuthorizationHeader" : "InvalidAuthenticationToken",
                    header == null
                            ? "The request has no Authorization header. Send 'Authorization: Bearer <token>' (locally the LOCAL_POOL_TOKEN)."
                            : "The bearer token was not accepted. Locally it must equal LOCAL_POOL_TOKEN; in Azure it must be an Entra ID token for https://dynamicsessions.io.");
        }
    }

    private void route(Exchange ex, SessionPoolServiceVersion version) throws IOException {
        String[] parts = ex.path.replaceAll("^/+|/+$", "").split("/", -1);
        String first = parts[0];
        String m = ex.method;
        switch (first) {
            case "executions" -> {
                requireCurrent(version, ex);
                if (parts.length == 1 && m.equals("POST")) {
                    executions.execute(ex, version, identifier(ex));
                } else if (parts.length == 2 && m.equals("GET")) {
                    executions.get(ex, identifier(ex), decode(parts[1]));
                } else {
                    notFound(ex);
                }
            }
            case "code" -> {
                if (parts.length == 2 && parts[1].equals("execute") && m.equals("POST")) {
                    requireLegacy(version, ex);
                    legacy.execute(ex, identifier(ex));
                } else {
                    notFound(ex);
                }
            }
            case "files" -> routeFiles(ex, version, parts);
            case ".management" -> {
                if (parts.length == 2 && parts[1].equals("stopSession") && m.equals("POST") && version == SessionPoolServiceVersion.V2025_10_02_PREVIEW) {
                    management.stop(ex, identifier(ex));
                } else {
                    notFound(ex);
                }
            }
            case "session", "listSessions", "metadata" -> {
                if (!version.hasSessionManagement()) {
                    throw ApiException.badRequest("UnsupportedApiVersion", "/" + first + " needs api-version 2025-02-02-preview or later.");
                }
                management.route(ex, version, first, first.equals("session") ? identifier(ex) : null);
            }
            default -> notFound(ex);
        }
    }

    private void routeFiles(Exchange ex, SessionPoolServiceVersion version, String[] parts) throws IOException {
        String m = ex.method;
        if (version.legacy()) {
            if (parts.length == 1 && m.equals("GET")) {
                legacy.list(ex, identifier(ex));
            } else if (parts.length == 2 && parts[1].equals("upload") && m.equals("POST")) {
                legacy.upload(ex, identifier(ex));
            } else if (parts.length >= 3 && parts[1].equals("content") && m.equals("GET")) {
                legacy.content(ex, identifier(ex), decodeTail(parts, 2));
            } else {
                notFound(ex);
            }
            return;
        }
        if (parts.length == 1 && m.equals("GET")) {
            files.list(ex, identifier(ex));
        } else if (parts.length == 1 && m.equals("POST")) {
            files.upload(ex, identifier(ex));
        } else if (parts.length == 2 && m.equals("GET")) {
            files.get(ex, identifier(ex), decode(parts[1]));
        } else if (parts.length == 2 && m.equals("DELETE")) {
            files.delete(ex, identifier(ex), decode(parts[1]));
        } else if (parts.length == 3 && parts[2].equals("content") && m.equals("GET")) {
            files.content(ex, identifier(ex), decode(parts[1]));
        } else {
            notFound(ex);
        }
    }

    private static void requireCurrent(SessionPoolServiceVersion version, Exchange ex) {
        if (version.legacy()) {
            throw ApiException.badRequest("UnsupportedApiVersion", ex.method + " /executions needs api-version 2024-10-02-preview or later; with "
                    + version.getVersion() + " use POST /code/execute.");
        }
    }

    private static void requireLegacy(SessionPoolServiceVersion version, Exchange ex) {
        if (!version.legacy()) {
            throw ApiException.badRequest("UnsupportedApiVersion", "POST /code/execute is the 2024-02-02-preview API; with "
                    + version.getVersion() + " use POST /executions with a flat body.");
        }
    }

    private static void notFound(Exchange ex) {
        throw ApiException.notFound("NotFound", "No operation " + ex.method + " " + ex.path + " in the dynamic-sessions API.");
    }

    static String identifier(Exchange ex) {
        String identifier = ex.query("identifier");
        if (identifier == null || identifier.isEmpty()) {
            throw ApiException.badRequest("MissingIdentifier", "The identifier query parameter is required: it names the session, "
                    + "for example ?identifier=<uuid>.");
        }
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw ApiException.badRequest("InvalidIdentifier", "The identifier must be 4 to 128 characters of letters, digits and "
                    + "_|}{[]:\";'<>?/.,@#$%^&*()-+=!~` (it was " + identifier.length() + " characters).");
        }
        return identifier;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String decodeTail(String[] parts, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < parts.length; i++) {
            b.append(i > from ? "/" : "").append(decode(parts[i]));
        }
        return b.toString();
    }

    /** Stops serving, kills every kernel and deletes every session's files. */
    @Override
    public void close() {
        http.stop(0);
        sessions.close();
        workers.shutdownNow();
        executions.close();
        FileTrees.deleteQuietly(poolDir);
    }
}
