package com.codeinterpreter.functions;

import com.codeinterpreter.tools.ReadSessionFileTool;
import com.codeinterpreter.tools.SessionPaths;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;
import java.util.Set;

/** POST /api/ReadSessionFile: a text file's lines from /mnt/data. */
public final class ReadSessionFileFunction {
    static final Set<String> FIELDS = Set.of("path", "startLine", "maxLines");

    @FunctionName("ReadSessionFile")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "ReadSessionFile",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, "ReadSessionFile", FIELDS, (body, session) ->
                App.tools().readSessionFile.run(session, new ReadSessionFileTool.Request(SessionPaths.resolve("path", body.requiredString("path")),
                        body.optionalInt("startLine", 1), body.optionalInt("maxLines", ReadSessionFileTool.DEFAULT_MAX_LINES))));
    }
}
