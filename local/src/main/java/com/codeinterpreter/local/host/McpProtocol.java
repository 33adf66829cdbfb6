package com.codeinterpreter.local.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The MCP methods of the local endpoint, as the Azure Functions MCP extension answers them: the tools
 * are the {@code mcpToolTrigger} functions, {@code tools/call} checks the required properties (JSON-RPC
 * error -32602 when one is missing) and then calls the function with the invocation context the
 * extension would send ({@code name, arguments, sessionid, clientinfo, transport}); the function's string
 * is the result's one text content.
 */
final class McpProtocol {
    /** Newest first; an unknown version asked for in {@code initialize} gets the first. */
    static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final int INVALID_PARAMS = -32602;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_REQUEST = -32600;
    static final int PARSE_ERROR = -32700;
    private static final Logger LOG = Logger.getLogger(McpProtocol.class.getName());

    private final Map<String, McpToolFunction> tools = new LinkedHashMap<>();

    McpProtocol(List<McpToolFunction> tools) {
        tools.forEach(t -> this.tools.put(t.toolName(), t));
    }

    /** The protocol version to agree on for the one a client asks for. */
    static String negotiate(String requested) {
        return VERSIONS.contains(requested) ? requested : VERSIONS.get(0);
    }

    /** The result of {@code initialize}, for the version agreed on. */
    ObjectNode initializeResult(String protocolVersion) {
        ObjectNode result = ResponseWriter.JSON.createObjectNode().put("protocolVersion", protocolVersion);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.putObject("serverInfo").put("name", "code-interpreter-local").put("version", "1.0.0");
        return result;
    }

    /** Answers one request of a session: a JSON-RPC response with its result or error. */
    ObjectNode answer(JsonNode request, McpSessions.Session session, Map<String, String> headers) {
        JsonNode id = request.get("id");
        JsonNode params = request.path("params");
        return switch (request.path("method").asText()) {
            case "ping" -> result(id, ResponseWriter.JSON.createObjectNode());
            case "tools/list" -> result(id, list());
            case "tools/call" -> call(id, params, session, headers);
            default -> error(id, METHOD_NOT_FOUND, "Method not found: " + request.path("method").asText());
        };
    }

    private ObjectNode list() {
        ObjectNode result = ResponseWriter.JSON.createObjectNode();
        var list = result.putArray("tools");
        for (McpToolFunction tool : tools.values()) {
            list.addObject().put("name", tool.toolName()).put("description", tool.description()).set("inputSchema", tool.inputSchema());
        }
        return result;
    }

    private ObjectNode call(JsonNode id, JsonNode params, McpSessions.Session session, Map<String, String> headers) {
        String name = params.path("name").asText();
        McpToolFunction tool = tools.get(name);
        if (tool == null) {
            return error(id, INVALID_PARAMS, "Unknown tool: '" + name + "'");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return error(id, INVALID_PARAMS, "The arguments of '" + name + "' must be a JSON object.");
        }
        List<String> missing = tool.required().stream()
                .filter(r -> arguments == null || !arguments.hasNonNull(r)).toList();
        if (!missing.isEmpty()) {
            return error(id, INVALID_PARAMS, "One or more required tool properties are missing values. Please provide: "
                    + String.join(", ", missing));
        }
        ObjectNode content = ResponseWriter.JSON.createObjectNode();
        var blocks = content.putArray("content");
        try {
            Object returned = tool.invoke(invocation(name, arguments, session, headers), new FunctionContext(tool.functionName()));
            if (returned != null) {
                String text = returned instanceof String s ? s : ResponseWriter.JSON.writeValueAsString(returned);
                blocks.addObject().put("type", "text").put("text", text);
            }
            content.put("isError", false);
        } catch (FunctionFailedException | JsonProcessingException e) {
            LOG.log(Level.WARNING, "MCP tool " + name + " (function " + tool.functionName() + ") failed", e.getCause());
            blocks.addObject().put("type", "text").put("text", "An error occurred invoking '" + name + "'.");
            content.put("isError", true);
        }
        return result(id, content);
    }

    /** The tool invocation context the extension hands a function, as JSON. */
    private static String invocation(String name, JsonNode arguments, McpSessions.Session session, Map<String, String> headers) {
        ObjectNode context = ResponseWriter.JSON.createObjectNode().put("name", name);
        if (arguments != null && arguments.isObject()) {
            context.set("arguments", arguments);
        }
        context.put("sessionid", session.id());
        if (session.clientInfo() != null) {
            context.set("clientinfo", session.clientInfo());
        }
        ObjectNode transport = context.putObject("transport").put("name", "http-streamable").put("sessionId", session.id());
        ObjectNode headerNode = transport.putObject("properties").putObject("headers");
        headers.forEach(headerNode::put);
        return context.toString();
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = ResponseWriter.JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = ResponseWriter.JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }
}
