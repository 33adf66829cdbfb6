package com.codeinterpreter.functions;

import com.codeinterpreter.catalog.OpenApiDocument;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/**
 * GET /api/openapi.json: the OpenAPI document of the HTTP tools, built from the catalog. Anonymous, so a
 * client can read how to call the tools before it has a key; the tools themselves still need one.
 */
public final class OpenApiFunction {

    @FunctionName("OpenApi")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS, route = "openapi.json")
            HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        var uri = request.getUri();
        // The server is where this request came in, so the document is right behind any host name.
        String server = uri.getScheme() + "://" + uri.getRawAuthority() + "/api";
        return request.createResponseBuilder(HttpStatus.OK)
                .header("Content-Type", "application/json; charset=utf-8")
                .body(OpenApiDocument.build(server).toPrettyString())
                .build();
    }
}
