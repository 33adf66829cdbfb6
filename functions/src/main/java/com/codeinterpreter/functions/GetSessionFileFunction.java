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

/** POST /api/GetSessionFile, and the MCP tool GetSessionFile: an expiring download link to a session file. */
public final class GetSessionFileFunction {
    static final ToolDefinition TOOL = ToolCatalog.GET_SESSION_FILE;

    @FunctionName("GetSessionFile")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "GetSessionFile",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, TOOL);
    }

    @FunctionName("GetSessionFileMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "GetSessionFile", description = ToolDescriptions.GET_SESSION_FILE,
                    toolProperties = McpToolProperties.GET_SESSION_FILE) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
