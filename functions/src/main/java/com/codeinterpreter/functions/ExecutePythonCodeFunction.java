package com.codeinterpreter.functions;

import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.tools.ExecutePythonCodeTool;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** POST /api/ExecutePythonCode: runs Python in the caller's session (contract: ExecutePythonCode). */
public final class ExecutePythonCodeFunction {
    static final ToolDefinition TOOL = ToolCatalog.EXECUTE_PYTHON_CODE;

    @FunctionName("ExecutePythonCode")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "ExecutePythonCode",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, TOOL, (body, session) ->
                App.tools().executePythonCode.run(session, new ExecutePythonCodeTool.Request(body.requiredString("pythonCode"),
                        body.optionalInt("timeoutSeconds", ExecutePythonCodeTool.DEFAULT_TIMEOUT))));
    }
}
