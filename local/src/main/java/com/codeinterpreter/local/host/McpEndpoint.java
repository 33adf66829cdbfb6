package com.codeinterpreter.local.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The MCP endpoint at {@code /runtime/webhooks/mcp}, where the Functions MCP extension serves in Azure:
 * the streamable HTTP transport. POST carries one JSON-RPC message; {@code initialize} opens a session
 * named by the {@code Mcp-Session-Id} response header, which every later request must send (400 without
 * it, 404 for one that ended); DELETE ends it. A request is answered as {@code application/json}, or
 * as one {@code text/event-stream} event when the client accepts only that; notifications get 202.
 * There is no server-initiated stream (GET is 405), and only local origins may call (DNS rebinding).
 */
final class McpEndpoint {
    static final List<String> PATH = List.of("runtime", "webhooks", "mcp");
    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final McpProtocol protocol;
    private final McpSessions sessions = new McpSessions();
    private final long maxRequestBytes;

    McpEndpoint(List<McpToolFunction> tools, long maxRequestBytes) {
        this.protocol = new McpProtocol(tools);
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Whether a request path (split on '/') is the endpoint's. */
    static boolean serves(List<String> path) {
        return path.size() == PATH.size() && String.join("/", path).equalsIgnoreCase(String.join("/", PATH));
    }

    void handle(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !isLocal(origin)) {
            throw new HostException(403, "Forbidden", "Origin " + origin + " may not call the local MCP endpoint.");
        }
        switch (exchange.getRequestMethod()) {
            case "POST" -> post(exchange);
            case "DELETE" -> delete(exchange);
            default -> {
                exchange.getResponseHeaders().set("Allow", "POST, DELETE");
                throw new HostException(405, "MethodNotAllowed", exchange.getRequestMethod() + " is not served here: send JSON-RPC "
                        + "messages with POST (this endpoint offers no server-initiated stream) and end a session with DELETE.");
            }
        }
    }

    private void post(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HostException(415, "UnsupportedMediaType", "Send JSON-RPC messages as Content-Type: application/json.");
        }
        boolean eventStream = eventStreamOnly(exchange.getRequestHeaders().getFirst("Accept"));
        JsonNode message;
        try {
            message = ResponseWriter.JSON.readTree(RequestBody.read(exchange, maxRequestBytes));
        } catch (JsonProcessingException e) {
            reply(exchange, 400, McpProtocol.error(null, McpProtocol.PARSE_ERROR, "Parse error: " + e.getOriginalMessage()), false, null);
            return;
        }
        if (message == null || !message.isObject() || !(message.has("method") || message.has("result") || message.has("error"))) {
            reply(exchange, 400, McpProtocol.error(null, McpProtocol.INVALID_REQUEST, "Send one JSON-RPC message (an object); "
                    + "batches are not supported."), false, null);
            return;
        }
        boolean request = message.has("method") && message.has("id");
        if (request && message.path("method").asText().equals("initialize")) {
            JsonNode params = message.path("params");
            String version = McpProtocol.negotiate(params.path("protocolVersion").asText());
            McpSessions.Session session = sessions.create(version, params.get("clientInfo"));
            reply(exchange, 200, McpProtocol.result(message.get("id"), protocol.initializeResult(version)), eventStream, session.id());
            return;
        }
        String sessionId = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        McpSessions.Session session = sessionId == null ? null : sessions.get(sessionId);
        if (sessionId == null) {
            reply(exchange, 400, McpProtocol.error(message.get("id"), McpProtocol.INVALID_REQUEST,
                    "Bad Request: the " + SESSION_HEADER + " header is required; call initialize first."), false, null);
            return;
        }
        if (session == null) {
            reply(exchange, 404, McpProtocol.error(message.get("id"), -32001, "Session not found: initialize a new session."), false, null);
            return;
        }
        String version = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        if (version != null && !McpProtocol.VERSIONS.contains(version)) {
            reply(exchange, 400, McpProtocol.error(message.get("id"), McpProtocol.INVALID_REQUEST, "Unsupported MCP-Protocol-Version "
                    + version + "; supported: " + String.join(", ", McpProtocol.VERSIONS)), false, null);
            return;
        }
        if (!request) {
            // A notification (notifications/initialized, cancellations) or a client's response: nothing to answer.
            ResponseWriter.send(exchange, new ResponseWriter.Encoded(202, Map.of(), new byte[0]));
            return;
        }
        reply(exchange, 200, protocol.answer(message, session, headers(exchange)), eventStream, null);
    }

    private void delete(HttpExchange exchange) throws IOException {
        String sessionId = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        if (sessionId == null) {
            throw new HostException(400, "BadRequest", "Name the session to end in the " + SESSION_HEADER + " header.");
        }
        if (!sessions.remove(sessionId)) {
            throw new HostException(404, "NotFound", "No session " + sessionId + ".");
        }
        ResponseWriter.send(exchange, new ResponseWriter.Encoded(204, Map.of(), new byte[0]));
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body, boolean eventStream, String sessionId) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (sessionId != null) {
            headers.put(SESSION_HEADER, sessionId);
        }
        byte[] bytes;
        if (eventStream && status == 200) {
            headers.put("Content-Type", "text/event-stream");
            headers.put("Cache-Control", "no-cache");
            bytes = ("event: message\ndata: " + body + "\n\n").getBytes(StandardCharsets.UTF_8);
        } else {
            headers.put("Content-Type", ResponseWriter.JSON_TYPE);
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        ResponseWriter.send(exchange, new ResponseWriter.Encoded(status, headers, bytes));
    }

    /** True when the client takes text/event-stream but not JSON; JSON is preferred when both are accepted. */
    static boolean eventStreamOnly(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        boolean json = a.contains("application/json") || a.contains("*/*") || a.contains("application/*");
        if (!json && !a.contains("text/event-stream")) {
            throw new HostException(406, "NotAcceptable", "Accept application/json or text/event-stream.");
        }
        return !json;
    }

    /** The request's headers, one value each, as the extension passes them in the invocation context. */
    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    private static boolean isLocal(String origin) {
        try {
            String host = URI.create(origin).getHost();
            return host != null && LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
