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
 *
 * <p>The messages themselves are the MCP Java SDK's to answer ({@link McpSessions}). The HTTP side is
 * written here because the SDK's streamable-HTTP transports are servlets, and the host serves with the
 * JDK's HTTP server: a servlet container would be a second server and a slower start for one endpoint.
 */
final class McpEndpoint {
    static final List<String> PATH = List.of("runtime", "webhooks", "mcp");
    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int SESSION_NOT_FOUND = -32001;

    private final List<McpToolFunction> tools;
    private final long maxRequestBytes;
    private McpSessions sessions;

    McpEndpoint(List<McpToolFunction> tools, long maxRequestBytes) {
        this.tools = List.copyOf(tools);
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

    /** The SDK's server, made at the first MCP request so that a host serving only HTTP calls never loads it. */
    private synchronized McpSessions sessions() {
        if (sessions == null) {
            sessions = McpSessions.serving(tools);
        }
        return sessions;
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
            reply(exchange, 400, error(null, PARSE_ERROR, "Parse error: " + e.getOriginalMessage()), null);
            return;
        }
        if (message == null || !message.isObject() || !(message.has("method") || message.has("result") || message.has("error"))) {
            reply(exchange, 400, error(null, INVALID_REQUEST, "Send one JSON-RPC message (an object); batches are not supported."), null);
            return;
        }
        boolean request = message.has("method") && message.has("id");
        if (request && message.path("method").asText().equals("initialize")) {
            McpSessions.Opened opened = sessions().initialize(message);
            reply(exchange, 200, List.of(opened.answer()), eventStream, opened.sessionId());
            return;
        }
        String sessionId = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        if (sessionId == null) {
            reply(exchange, 400, error(message.get("id"), INVALID_REQUEST,
                    "Bad Request: the " + SESSION_HEADER + " header is required; call initialize first."), null);
            return;
        }
        if (!sessions().exists(sessionId)) {
            reply(exchange, 404, error(message.get("id"), SESSION_NOT_FOUND, "Session not found: initialize a new session."), null);
            return;
        }
        String version = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        if (version != null && !McpProtocol.VERSIONS.contains(version)) {
            reply(exchange, 400, error(message.get("id"), INVALID_REQUEST, "Unsupported MCP-Protocol-Version "
                    + version + "; supported: " + String.join(", ", McpProtocol.VERSIONS)), null);
            return;
        }
        if (!request) {
            // A notification (notifications/initialized, cancellations) or a client's response: nothing to answer.
            sessions().accept(sessionId, message);
            ResponseWriter.send(exchange, new ResponseWriter.Encoded(202, Map.of(), new byte[0]));
            return;
        }
        reply(exchange, 200, sessions().answer(sessionId, message, headers(exchange)), eventStream, null);
    }

    private void delete(HttpExchange exchange) throws IOException {
        String sessionId = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        if (sessionId == null) {
            throw new HostException(400, "BadRequest", "Name the session to end in the " + SESSION_HEADER + " header.");
        }
        if (!sessions().end(sessionId)) {
            throw new HostException(404, "NotFound", "No session " + sessionId + ".");
        }
        ResponseWriter.send(exchange, new ResponseWriter.Encoded(204, Map.of(), new byte[0]));
    }

    /** A JSON-RPC error the transport answers itself, before any session sees the message; always as JSON. */
    private static void reply(HttpExchange exchange, int status, ObjectNode error, String sessionId) throws IOException {
        reply(exchange, status, List.of(error.toString()), false, sessionId);
    }

    /**
     * Writes the messages that answer a request: as JSON its response (the last), or all as events of one
     * stream when the client accepts only that.
     */
    private static void reply(HttpExchange exchange, int status, List<String> messages, boolean eventStream, String sessionId)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (sessionId != null) {
            headers.put(SESSION_HEADER, sessionId);
        }
        byte[] bytes;
        if (eventStream) {
            headers.put("Content-Type", "text/event-stream");
            headers.put("Cache-Control", "no-cache");
            StringBuilder events = new StringBuilder();
            messages.forEach(m -> events.append("event: message\ndata: ").append(m).append("\n\n"));
            bytes = events.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            headers.put("Content-Type", ResponseWriter.JSON_TYPE);
            bytes = messages.get(messages.size() - 1).getBytes(StandardCharsets.UTF_8);
        }
        ResponseWriter.send(exchange, new ResponseWriter.Encoded(status, headers, bytes));
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = ResponseWriter.JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
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
