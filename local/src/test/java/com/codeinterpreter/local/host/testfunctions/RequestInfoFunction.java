package com.codeinterpreter.local.host.testfunctions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A GET-only function on an overridden route that reports what it saw of the request, as a JSON object. */
public class RequestInfoFunction {

    /** What the function saw; a record, returned as the body, so the host writes it as JSON. */
    public record Info(String method, String uri, String customLower, String customMixed, String contentTypeLower,
                       List<String> headerNames, Map<String, String> query, String functionName, String invocationId,
                       String missing) {
    }

    @FunctionName("RequestInfo")
    public HttpResponseMessage info(
            final ExecutionContext context,
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "requests/info",
                    authLevel = AuthorizationLevel.ADMIN)
            HttpRequestMessage<Optional<String>> request) {
        Map<String, String> headers = request.getHeaders();
        Info info = new Info(request.getHttpMethod().name(), request.getUri().toString(), headers.get("x-custom"),
                headers.get("X-Custom"), headers.get("content-type"), List.copyOf(headers.keySet()),
                request.getQueryParameters(), context.getFunctionName(), context.getInvocationId(), null);
        return request.createResponseBuilder(HttpStatus.OK).body(info).build();
    }
}
