package com.codeinterpreter.sessions;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;

/** How one api-version shapes a code execution: its path, its request body and its response. */
interface ExecutionProtocol {

    /** The path of the execute operation, relative to the pool endpoint. */
    String executePath();

    /** The request body for code, as JSON. */
    JsonNode executeBody(String code, int timeoutSeconds, int maxOutputLength, boolean asynchronous);

    /** Reads an execute or poll response. */
    PoolExecution parse(JsonNode body, String fallbackId);

    /** Whether this version can run code asynchronously and poll for it. */
    boolean supportsAsync();

    /** The files API paths of this version. */
    String listFilesPath();

    String uploadPath();

    String contentPath(String encodedName);

    default HttpMethod executeMethod() {
        return HttpMethod.POST;
    }
}
