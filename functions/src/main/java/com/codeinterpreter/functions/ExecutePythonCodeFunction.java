package com.codeinterpreter.functions;

import com.codeinterpreter.tools.ExecutePythonCodeTool;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;
import java.util.Set;

/** POST /api/ExecutePythonCode: runs Python in the caller's session (contract: ExecutePythonCode). */
public final class ExecutePythonCodeFunction {
    static final Set<String> FIELDS = Set.of("pythonCode", "timeoutSeconds");

    @FunctionName("ExecutePythonCode")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "ExecutePythonCode",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, "ExecutePythonCode", FIELDS, (body, session) ->
                App.tools().executePythonCode.run(session, new ExecutePythonCodeTool.Request(body.requiredString("pythonCode"),
                        body.optionalInt("timeoutSeconds", ExecutePythonCodeTool.DEFAULT_TIMEOUT))));
    }
}
