package com.codeinterpreter.functions;

import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.catalog.ToolDescriptions;
import com.codeinterpreter.tools.SessionKey;
import com.codeinterpreter.tools.SessionPaths;
import com.codeinterpreter.tools.ToolException;
import com.codeinterpreter.tools.UploadFileToSessionTool;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
        String contentType = Optional.ofNullable(Caller.header(request.getHeaders(), "content-type")).orElse("");
        if (contentType.toLowerCase().startsWith("application/octet-stream")) {
            return ToolEndpoint.respond(request, context, TOOL.name(), () -> raw(request));
        }
        return ToolEndpoint.handle(request, context, TOOL, UploadFileToSessionFunction::call);
    }

    @FunctionName("UploadFileToSessionMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "UploadFileToSession", description = ToolDescriptions.UPLOAD_FILE_TO_SESSION,
                    toolProperties = McpToolProperties.UPLOAD_FILE_TO_SESSION) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL, UploadFileToSessionFunction::call);
    }

    private static Object call(RequestBody body, SessionKey session) {
        return App.tools().uploadFileToSession.run(session, new UploadFileToSessionTool.Request(
                SessionPaths.resolve("path", body.requiredString("path")), content(body)));
    }

    private static Object raw(HttpRequestMessage<Optional<byte[]>> request) {
        String path = request.getQueryParameters().get("path");
        if (path == null) {
            throw ToolException.invalid("A raw upload names its file in the query: ?path=data/input.csv (and optionally &sessionId=...).");
        }
        byte[] bytes = request.getBody().orElse(new byte[0]);
        SessionKey session = new SessionKey(Caller.of(request.getHeaders(), App.settings()), request.getQueryParameters().get("sessionId"));
        return App.tools().uploadFileToSession.run(session, new UploadFileToSessionTool.Request(SessionPaths.resolve("path", path), bytes));
    }

    private static byte[] content(RequestBody body) {
        String text = body.optionalString("content");
        String base64 = body.optionalString("contentBase64");
        if ((text == null) == (base64 == null)) {
            throw ToolException.invalid("Give exactly one of 'content' (text, stored as UTF-8) and 'contentBase64' (bytes, base64), "
                    + "or send the raw bytes with Content-Type: application/octet-stream and ?path=.");
        }
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            // Line breaks are common in base64 from tools; anything else that is not base64 is an error.
            return Base64.getDecoder().decode(base64.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw ToolException.invalid("'contentBase64' is not valid base64: " + e.getMessage() + ".");
        }
    }
}
