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

/** POST /api/RunShellCommand, and the MCP tool RunShellCommand: runs a bash command in /mnt/data of the caller's session. */
public final class RunShellCommandFunction {
    static final ToolDefinition TOOL = ToolCatalog.RUN_SHELL_COMMAND;

    @FunctionName("RunShellCommand")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "RunShellCommand",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, TOOL);
    }

    @FunctionName("RunShellCommandMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "RunShellCommand", description = ToolDescriptions.RUN_SHELL_COMMAND,
                    toolProperties = McpToolProperties.RUN_SHELL_COMMAND) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
