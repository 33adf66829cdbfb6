package com.codeinterpreter.local.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@code tools/call} as the Azure Functions MCP extension answers it: it checks the required properties
 * (JSON-RPC error -32602 with the extension's text when one is missing), then calls the function with the
 * invocation context the extension would send ({@code name, arguments, sessionid, clientinfo, transport});
 * the function's string is the result's one text content, and a function that throws is an error result.
 */
final class McpToolCall {
    private static final Logger LOG = Logger.getLogger(McpToolCall.class.getName());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private McpToolCall() {
    }

    static McpSchema.CallToolResult call(McpToolFunction tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Map<String, Object> arguments = request.arguments();
        List<String> missing = tool.required().stream().filter(r -> arguments == null || arguments.get(r) == null).toList();
        if (!missing.isEmpty()) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("One or more required tool properties are missing values. Please provide: " + String.join(", ", missing))
                    .build();
        }
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder();
        try {
            Object returned = tool.invoke(invocation(tool.toolName(), arguments, exchange), new FunctionContext(tool.functionName()));
            if (returned != null) {
                result.addTextContent(returned instanceof String s ? s : ResponseWriter.JSON.writeValueAsString(returned));
            }
            return result.isError(false).build();
        } catch (FunctionFailedException | JsonProcessingException e) {
            LOG.log(Level.WARNING, "MCP tool " + tool.toolName() + " (function " + tool.functionName() + ") failed", e.getCause());
            return result.addTextContent("An error occurred invoking '" + tool.toolName() + "'.").isError(true).build();
        }
    }

    /** The tool invocation context the extension hands a function, as JSON. */
    private static String invocation(String name, Map<String, Object> arguments, McpSyncServerExchange exchange) {
        ObjectNode context = ResponseWriter.JSON.createObjectNode().put("name", name);
        if (arguments != null) {
            context.set("arguments", ResponseWriter.JSON.valueToTree(arguments));
        }
        context.put("sessionid", exchange.sessionId());
        if (exchange.getClientInfo() != null) {
            context.set("clientinfo", McpJsonDefaults.getMapper().convertValue(exchange.getClientInfo(), JsonNode.class));
        }
        ObjectNode transport = context.putObject("transport").put("name", "http-streamable").put("sessionId", exchange.sessionId());
        ObjectNode headers = transport.putObject("properties").putObject("headers");
        McpSessions.requestHeaders(exchange.transportContext()).forEach(headers::put);
        return context.toString();
    }

    /** A JSON object as the SDK's schema types hold one. */
    static Map<String, Object> toMap(JsonNode object) {
        return ResponseWriter.JSON.convertValue(object, MAP);
    }
}
