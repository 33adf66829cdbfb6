package com.codeinterpreter.functions;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.identity.Caller;
import com.codeinterpreter.identity.SessionKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Turns an MCP tool invocation into the same tool call the HTTP function makes, and its outcome into the
 * text the MCP client gets: the JSON an HTTP call answers (for an image, its markdown field carries the
 * link), or {@code {"error":{"code","message"}}}. The extension sends a returned string as the tool
 * result's one text content; it has no way to mark it as an error, so the error's JSON says so itself.
 *
 * <p>The invocation context is the extension's JSON: {@code {name, arguments, sessionid, clientinfo,
 * transport: {name, sessionId, properties: {headers}}}}. The MCP session id stands in for
 * {@code sessionId} when the arguments carry none, so one MCP session works in one sandbox session.
 */
final class McpToolEndpoint {
    private McpToolEndpoint() {
    }

    static String handle(String invocation, ExecutionContext context, ToolDefinition tool) {
        return handle(invocation, context, tool, ToolEndpoint.bound(tool));
    }

    /** As {@link #handle(String, ExecutionContext, ToolDefinition)}, with what the call does given. */
    static String handle(String invocation, ExecutionContext context, ToolDefinition tool, ToolEndpoint.ToolCall call) {
        ToolOutcome outcome = CallRecorder.run(context, tool.name(), CallRecorder.MCP, () -> {
            JsonNode root = parse(invocation);
            JsonNode arguments = root.path("arguments");
            ObjectNode args = arguments.isObject() ? (ObjectNode) arguments : ToolArguments.JSON.createObjectNode();
            ToolArguments body = ToolArguments.of(args, tool.name(), tool.acceptedFields());
            String sessionId = body.optionalString("sessionId");
            if (sessionId == null) {
                sessionId = mcpSessionId(root);
            }
            return call.run(body, new SessionKey(Caller.of(headers(root), App.settings()), sessionId));
        });
        return outcome.body().toString();
    }

    private static JsonNode parse(String invocation) {
        try {
            JsonNode root = invocation == null ? null : ToolArguments.JSON.readTree(invocation);
            if (root == null || !root.isObject()) {
                throw ToolException.invalid("The MCP tool invocation is not a JSON object.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw ToolException.invalid("The MCP tool invocation is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The MCP session's id, fit to be a sessionId (a long or odd one is hashed), or null without a session. */
    static String mcpSessionId(JsonNode root) {
        String id = root.path("sessionid").asText(null);
        if (id == null || id.isEmpty()) {
            id = root.path("transport").path("sessionId").asText(null);
        }
        if (id == null || id.isEmpty()) {
            return null;
        }
        boolean usable = id.length() <= SessionKey.MAX_SESSION_ID && id.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        return usable ? id : "mcp-" + sha256(id);
    }

    /** The HTTP headers of the MCP request, which the extension passes along; Caller reads the principal from them. */
    private static Map<String, String> headers(JsonNode root) {
        Map<String, String> headers = new HashMap<>();
        root.path("transport").path("properties").path("headers").fields()
                .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
