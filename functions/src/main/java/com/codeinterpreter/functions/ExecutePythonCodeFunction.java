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

/** POST /api/ExecutePythonCode, and the MCP tool ExecutePythonCode: runs Python in the caller's session (contract: ExecutePythonCode). */
public final class ExecutePythonCodeFunction {
    static final ToolDefinition TOOL = ToolCatalog.EXECUTE_PYTHON_CODE;

    @FunctionName("ExecutePythonCode")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "ExecutePythonCode",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, TOOL);
    }

    @FunctionName("ExecutePythonCodeMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "ExecutePythonCode", description = ToolDescriptions.EXECUTE_PYTHON_CODE,
                    toolProperties = McpToolProperties.EXECUTE_PYTHON_CODE) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
