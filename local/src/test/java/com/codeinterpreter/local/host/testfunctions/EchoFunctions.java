package com.codeinterpreter.local.host.testfunctions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** Functions that hand the request body back, one per body type the host supports. */
public class EchoFunctions {

    @FunctionName("EchoJson")
    public HttpResponseMessage echoJson(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        context.getLogger().info("echoing " + request.getBody().map(String::length).orElse(0) + " characters");
        return request.createResponseBuilder(HttpStatus.OK)
                .header("Content-Type", "application/json")
                .body(request.getBody().orElse("{\"empty\":true}"))
                .build();
    }

    @FunctionName("EchoBytes")
    public HttpResponseMessage echoBytes(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST, HttpMethod.PUT}, dataType = "binary",
                    authLevel = AuthorizationLevel.ANONYMOUS)
            HttpRequestMessage<Optional<byte[]>> request) {
        byte[] body = request.getBody().orElse(new byte[0]);
        return request.createResponseBuilder(HttpStatus.OK)
                .header("Content-Type", "application/octet-stream")
                .header("X-Body-Length", Integer.toString(body.length))
                .body(body)
                .build();
    }

    /** Declares a plain String body and returns a plain String, not an HttpResponseMessage. */
    @FunctionName("EchoText")
    public String echoText(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS)
            HttpRequestMessage<String> request) {
        return request.getBody() == null ? "(no body)" : "you said: " + request.getBody();
    }

    /** Declares a plain byte[] body and returns the bytes reversed, with no Content-Type of its own. */
    @FunctionName("ReverseBytes")
    public HttpResponseMessage reverseBytes(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS)
            HttpRequestMessage<byte[]> request) {
        byte[] in = request.getBody() == null ? new byte[0] : request.getBody();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return request.createResponseBuilder(HttpStatus.OK).body(out).build();
    }
}
