package com.codeinterpreter.local.host;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * The MCP server behind the local endpoint: the MCP Java SDK's, serving the {@code mcpToolTrigger} functions
 * as tools. The SDK answers {@code initialize} (agreeing on a version of {@link #VERSIONS}), {@code ping},
 * {@code tools/list} and unknown methods; {@link McpToolCall} answers {@code tools/call} as the Azure
 * Functions MCP extension does.
 */
final class McpProtocol {
    /** Newest first; an unknown version asked for in {@code initialize} gets the first. */
    static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    /**
     * The extension checks a call's arguments against no schema, only for the required properties, and the tools
     * declare no output schema: so no validator, rather than the SDK's default one, which costs ~0.3 s and four
     * jars at the first MCP request. Asked to validate anyway, it says why it cannot.
     */
    private static final JsonSchemaValidator NO_SCHEMA_VALIDATION = (schema, value) -> {
        throw new UnsupportedOperationException("The local MCP endpoint validates no values against JSON schemas, as the "
                + "Functions MCP extension does not; declare no output schema and leave input validation off.");
    };

    private McpProtocol() {
    }

    /** The SDK's server for the tools, on the sessions it keeps (the SDK calls them its transport provider). */
    static McpSyncServer serve(List<McpToolFunction> tools, McpSessions sessions, McpJsonMapper json) {
        return McpServer.sync(sessions)
                .jsonMapper(json)
                .jsonSchemaValidator(NO_SCHEMA_VALIDATION)
                .serverInfo("code-interpreter-local", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // Tool calls run on the thread of their HTTP request, which waits for the answer anyway.
                .immediateExecution(true)
                // The extension checks only the required properties, with its own error (McpToolCall).
                .validateToolInputs(false)
                .tools(tools.stream().map(McpProtocol::specification).toList())
                .build();
    }

    private static McpServerFeatures.SyncToolSpecification specification(McpToolFunction tool) {
        McpSchema.Tool described = McpSchema.Tool.builder(tool.toolName())
                .description(tool.description())
                .inputSchema(McpToolCall.toMap(tool.inputSchema()))
                .build();
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(described)
                .callHandler((exchange, request) -> McpToolCall.call(tool, exchange, request))
                .build();
    }
}
