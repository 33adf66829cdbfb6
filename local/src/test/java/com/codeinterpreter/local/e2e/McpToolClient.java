package com.codeinterpreter.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;

/** Calls the tools over MCP (streamable HTTP, JSON answers) in one MCP session, as an agent's MCP client does. */
final class McpToolClient {
    private static final String ACCEPT = "application/json, text/event-stream";

    private final ToolClient http;
    private final String url;
    private final String mcpSession;

    McpToolClient(String baseUrl) {
        this.http = new ToolClient(baseUrl);
        this.url = baseUrl + "/runtime/webhooks/mcp";
        ToolClient.Answer init = rpc(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}}");
        if (init.status() != 200) {
            throw new AssertionError("MCP initialize answered " + init);
        }
        this.mcpSession = init.raw().headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    /** The tool's answer: the JSON in the result's one text content. */
    JsonNode call(String tool, ObjectNode arguments) {
        ObjectNode request = ToolClient.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call");
        request.putObject("params").put("name", tool).set("arguments", arguments);
        ToolClient.Answer answer = rpc(mcpSession, request.toString());
        JsonNode text = answer.json().path("result").path("content").path(0).path("text");
        if (answer.status() != 200 || !text.isTextual()) {
            throw new AssertionError("MCP tools/call answered " + answer);
        }
        try {
            return ToolClient.JSON.readTree(text.asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ToolClient.Answer rpc(String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", ACCEPT).POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request);
    }
}
