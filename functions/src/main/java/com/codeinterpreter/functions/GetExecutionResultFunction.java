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

/**
 * GET or POST /api/GetExecutionResult, and the MCP tool GetExecutionResult: the result of a long call
 * that answered 202 ({@code executionId} and the same {@code sessionId}, in the query or a JSON body).
 * Answers 202 again while it runs.
 */
public final class GetExecutionResultFunction {
    static final ToolDefinition TOOL = ToolCatalog.GET_EXECUTION_RESULT;

    @FunctionName("GetExecutionResult")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "GetExecutionResult",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handleBodyOrQuery(request, context, TOOL);
    }

    @FunctionName("GetExecutionResultMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "GetExecutionResult", description = ToolDescriptions.GET_EXECUTION_RESULT,
                    toolProperties = McpToolProperties.GET_EXECUTION_RESULT) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
