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

/** POST /api/ReadSessionFile, and the MCP tool ReadSessionFile: a text file's lines from /mnt/data. */
public final class ReadSessionFileFunction {
    static final ToolDefinition TOOL = ToolCatalog.READ_SESSION_FILE;

    @FunctionName("ReadSessionFile")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "ReadSessionFile",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, TOOL);
    }

    @FunctionName("ReadSessionFileMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "ReadSessionFile", description = ToolDescriptions.READ_SESSION_FILE,
                    toolProperties = McpToolProperties.READ_SESSION_FILE) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
