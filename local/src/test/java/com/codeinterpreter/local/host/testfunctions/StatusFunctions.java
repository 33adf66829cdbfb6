package com.codeinterpreter.local.host.testfunctions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Map;
import java.util.Optional;

/** Functions that answer with something other than a plain 200, or fail. */
public class StatusFunctions {

    @FunctionName("Teapot")
    public HttpResponseMessage teapot(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "status/teapot", authLevel = AuthorizationLevel.ANONYMOUS)
            HttpRequestMessage<Optional<String>> request) {
        return request.createResponseBuilder(HttpStatusType.custom(418))
                .header("X-Brewed-By", "local-host")
                .body(Map.of("short", true, "stout", false))
                .build();
    }

    @FunctionName("Fails")
    public HttpResponseMessage fails(
            @HttpTrigger(name = "req") HttpRequestMessage<Optional<String>> request) {
        throw new IllegalStateException("secret detail that must not reach the caller");
    }

    /** Static, returns nothing: the host answers 204, as the real one does when a function sets no response. */
    @FunctionName("Ping")
    public static void ping(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "status/ping", authLevel = AuthorizationLevel.ANONYMOUS)
            HttpRequestMessage<Optional<String>> request) {
    }
}
