package com.codeinterpreter.local.host;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A local Functions host: serves the HTTP-triggered functions of a package on 127.0.0.1 under
 * {@code /api/<route>}, and its MCP tool functions at {@code /runtime/webhooks/mcp} as the Functions MCP
 * extension does ({@link McpEndpoint}), so the app runs where Azure Functions Core Tools cannot be installed.
 *
 * <p>Functions are found by their annotations ({@link FunctionDiscovery}); each class is instantiated
 * once and its functions may run concurrently. Like {@code func start}, the host checks no function keys.
 * It answers {@code GET /api} with the list of functions, which also serves as its ready check.
 *
 * <p>Not emulated: other triggers and bindings (refused or skipped at start), the MCP extension's SSE
 * transport ({@code /runtime/webhooks/mcp/sse}), {@code host.json} (the route
 * prefix is always {@code api}), route constraints and the 230-second response timeout.
 */
public final class LocalFunctionsHost implements AutoCloseable {
    public static final int DEFAULT_PORT = 7071;
    public static final String DEFAULT_PACKAGE = "com.codeinterpreter.functions";
    static final String ROUTE_PREFIX = "api";
    private static final Logger LOG = Logger.getLogger(LocalFunctionsHost.class.getName());

    private final List<HttpFunction> functions;
    private final List<McpToolFunction> tools;
    private final McpEndpoint mcp;
    private final long maxRequestBytes;
    private final HttpServer http;
    private final ExecutorService workers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalFunctionsHost(List<HttpFunction> functions, List<McpToolFunction> tools, int port, long maxRequestBytes)
            throws IOException {
        this.functions = functions;
        this.tools = tools;
        this.mcp = new McpEndpoint(tools, maxRequestBytes);
        this.maxRequestBytes = maxRequestBytes;
        // Small JSON replies must not wait for Nagle's algorithm: without this a round trip costs ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "functions-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(workers);
        http.createContext("/", this::handle);
    }

    /**
     * Finds the functions in {@code packagePrefix} (and below) on the class path and starts serving them.
     *
     * @param port 0 picks a free port
     * @throws IllegalStateException when a function cannot be served or two claim the same route; the
     *     message names the method and what to change
     * @throws IOException when the port cannot be bound
     */
    public static LocalFunctionsHost start(int port, String packagePrefix) throws IOException {
        return start(port, packagePrefix, RequestBody.DEFAULT_LIMIT);
    }

    /** As {@link #start(int, String)}, with another request body limit, so tests need not send 100 MB. */
    static LocalFunctionsHost start(int port, String packagePrefix, long maxRequestBytes) throws IOException {
        Objects.requireNonNull(packagePrefix, "packagePrefix");
        ClassLoader loader = Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
                LocalFunctionsHost.class.getClassLoader());
        FunctionInstances instances = new FunctionInstances(loader);
        List<FunctionInstances.Annotated> methods = instances.functionMethods(packagePrefix);
        List<HttpFunction> functions = FunctionDiscovery.discover(methods, instances);
        List<McpToolFunction> tools = McpToolDiscovery.discover(methods, instances);
        LocalFunctionsHost host = new LocalFunctionsHost(functions, tools, port, maxRequestBytes);
        host.http.start();
        if (functions.isEmpty()) {
            LOG.warning("no HTTP functions found in package " + packagePrefix + " on the class path");
        }
        LOG.info("serving " + functions.size() + " functions of " + packagePrefix + " on " + host.url() + "/" + ROUTE_PREFIX
                + " and " + tools.size() + " MCP tools on " + host.mcpUrl()
                + "; function keys are not checked (authLevel is informational locally, as with func start)");
        return host;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, without the {@code /api} prefix. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:PORT/runtime/webhooks/mcp}, where the MCP tools are served (streamable HTTP). */
    public String mcpUrl() {
        return url() + "/" + String.join("/", McpEndpoint.PATH);
    }

    /** The functions served, sorted by route. */
    List<HttpFunction> functions() {
        return functions;
    }

    /** The MCP tools served, sorted by tool name. */
    List<McpToolFunction> tools() {
        return tools;
    }

    /** One line per function: {@code Echo: POST /api/echo (authLevel FUNCTION)}, then {@code EchoMcp: MCP tool echo}. */
    public List<String> describeFunctions() {
        return Stream.concat(functions.stream().map(f -> f.describe(ROUTE_PREFIX)), tools.stream().map(McpToolFunction::describe)).toList();
    }

    private void handle(HttpExchange exchange) {
        try {
            route(exchange);
        } catch (HostException e) {
            if (e.status() == 413) {
                // The body is not read beyond what keeps the caller from a reset, so the connection ends here.
                exchange.getResponseHeaders().set("Connection", "close");
            }
            sendError(exchange, e.status(), e.code(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "request failed: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath(), e);
            sendError(exchange, 500, "InternalServerError", "The local Functions host failed to handle the request; see its log.");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        List<String> path = Stream.of(RouteTemplate.trimSlashes(exchange.getRequestURI().getPath()).split("/+"))
                .filter(s -> !s.isEmpty()).toList();
        if (path.isEmpty() || (path.size() == 1 && path.get(0).equalsIgnoreCase(ROUTE_PREFIX))) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw methodNotAllowed(exchange, List.of("GET", "HEAD"));
            }
            ResponseWriter.send(exchange, new ResponseWriter.Encoded(200, Map.of("Content-Type", ResponseWriter.JSON_TYPE), listing()));
            return;
        }
        if (McpEndpoint.serves(path)) {
            mcp.handle(exchange);
            return;
        }
        List<String> below = path.get(0).equalsIgnoreCase(ROUTE_PREFIX) ? path.subList(1, path.size()) : null;
        List<HttpFunction> matching = below == null ? List.of() : functions.stream().filter(f -> f.route().matches(below)).toList();
        if (matching.isEmpty()) {
            throw new HostException(404, "NotFound", "No function serves " + exchange.getRequestURI().getPath()
                    + ". GET /" + ROUTE_PREFIX + " lists the functions and their routes.");
        }
        HttpFunction function = matching.stream().filter(f -> f.accepts(method))
                .max(Comparator.comparingInt(f -> f.route().literalCount()))
                .orElseThrow(() -> methodNotAllowed(exchange, matching.stream().flatMap(f -> f.methodNames().stream()).toList()));
        Invocation.run(function, exchange, maxRequestBytes);
    }

    private static HostException methodNotAllowed(HttpExchange exchange, List<String> allowed) {
        String allow = String.join(", ", new TreeSet<>(allowed));
        exchange.getResponseHeaders().set("Allow", allow);
        return new HostException(405, "MethodNotAllowed", exchange.getRequestMethod() + " is not allowed on "
                + exchange.getRequestURI().getPath() + "; it takes " + allow + ".");
    }

    private byte[] listing() throws IOException {
        ObjectNode root = ResponseWriter.JSON.createObjectNode();
        ArrayNode list = root.putArray("functions");
        for (HttpFunction f : functions) {
            ObjectNode item = list.addObject().put("name", f.name()).put("route", ROUTE_PREFIX + "/" + f.route().text());
            f.methodNames().forEach(item.putArray("methods")::add);
            item.put("authLevel", f.authLevel().name());
        }
        return ResponseWriter.JSON.writeValueAsBytes(root);
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message) {
        try {
            ResponseWriter.send(exchange, ResponseWriter.error(status, code, message));
        } catch (IOException | RuntimeException ignored) {
            // the client went away, or the response had already started
        }
    }

    /** Stops serving; requests in flight are abandoned. Can be called more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.stop(0);
            workers.shutdownNow();
        }
    }
}
