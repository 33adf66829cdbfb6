package com.codeinterpreter.functions;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.catalog.RequestBinder;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.identity.Caller;
import com.codeinterpreter.identity.SessionKey;
import com.fasterxml.jackson.databind.node.TextNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.util.Locale;
import java.util.Optional;

/**
 * UploadFileToSession's second HTTP form: the file's raw bytes as the body ({@code Content-Type:
 * application/octet-stream}), its path and the session in the query. The bytes go to the session as they
 * came, never through JSON.
 */
final class RawUpload {
    private RawUpload() {
    }

    static boolean is(HttpRequestMessage<?> request) {
        String contentType = Optional.ofNullable(Caller.header(request.getHeaders(), "content-type")).orElse("");
        return contentType.toLowerCase(Locale.ROOT).startsWith("application/octet-stream");
    }

    static HttpResponseMessage handle(HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context, ToolDefinition tool) {
        return ToolEndpoint.respond(request, context, tool.name(), () -> {
            String path = request.getQueryParameters().get("path");
            if (path == null) {
                throw ToolException.invalid("A raw upload names its file in the query: ?path=data/input.csv (and optionally &sessionId=...).");
            }
            byte[] bytes = request.getBody().orElse(new byte[0]);
            SessionKey session = new SessionKey(Caller.of(request.getHeaders(), App.settings()), request.getQueryParameters().get("sessionId"));
            String resolved = (String) RequestBinder.value(tool.parameter("path"), TextNode.valueOf(path));
            return App.tools().upload(ToolEndpoint.traced(session), resolved, bytes);
        });
    }
}
