package com.codeinterpreter.functions;

import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.catalog.ToolDescriptions;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** POST /api/ListSessionFiles, and the MCP tool ListSessionFiles: the session's files with their metadata. */
public final class ListSessionFilesFunction {
    static final ToolDefinition TOOL = ToolCatalog.LIST_SESSION_FILES;

    @FunctionName("ListSessionFiles")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "ListSessionFiles",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, TOOL);
    }

    @FunctionName("ListSessionFilesMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "ListSessionFiles", description = ToolDescriptions.LIST_SESSION_FILES,
                    toolProperties = McpToolProperties.LIST_SESSION_FILES) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
