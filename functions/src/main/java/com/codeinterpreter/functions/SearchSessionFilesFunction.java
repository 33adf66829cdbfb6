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

/** POST /api/SearchSessionFiles, and the MCP tool SearchSessionFiles: grep-style search of the session's text files. */
public final class SearchSessionFilesFunction {
    static final ToolDefinition TOOL = ToolCatalog.SEARCH_SESSION_FILES;

    @FunctionName("SearchSessionFiles")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "SearchSessionFiles",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, TOOL);
    }

    @FunctionName("SearchSessionFilesMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "SearchSessionFiles", description = ToolDescriptions.SEARCH_SESSION_FILES,
                    toolProperties = McpToolProperties.SEARCH_SESSION_FILES) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
