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
 * POST /api/UploadFileToSession, and the MCP tool UploadFileToSession: JSON {@code {path, content}} for
 * text or {@code {path, contentBase64}} for bytes, or (HTTP only) the raw bytes with {@code Content-Type:
 * application/octet-stream} and {@code ?path=} (and {@code ?sessionId=}). At most 100 MB: the Functions
 * host's limit for one request.
 */
public final class UploadFileToSessionFunction {
    static final ToolDefinition TOOL = ToolCatalog.UPLOAD_FILE_TO_SESSION;

    @FunctionName("UploadFileToSession")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "UploadFileToSession",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return RawUpload.is(request) ? RawUpload.handle(request, context, TOOL) : ToolEndpoint.handle(request, context, TOOL);
    }

    @FunctionName("UploadFileToSessionMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "UploadFileToSession", description = ToolDescriptions.UPLOAD_FILE_TO_SESSION,
                    toolProperties = McpToolProperties.UPLOAD_FILE_TO_SESSION) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
