package com.codeinterpreter.sessions;

import com.fasterxml.jackson.databind.JsonNode;

/** How one api-version shapes a code execution and the files API: paths, request body and response. */
interface ExecutionProtocol {

    /** The protocol {@code version} speaks. */
    static ExecutionProtocol of(SessionPoolServiceVersion version) {
        return version.legacy() ? new LegacyProtocol() : new CurrentProtocol();
    }

    /** The path of the execute operation, relative to the pool endpoint. */
    String executePath();

    /** The request body for code, as JSON. */
    JsonNode executeBody(String code, int timeoutSeconds, int maxOutputLength, boolean asynchronous);

    /** Reads an execute or poll response. */
    PoolExecution parse(JsonNode body, String fallbackId);

    /** The path a file is uploaded to. */
    String uploadPath();

    /** The path of a file's content, from its URL-encoded name. */
    String contentPath(String encodedName);
}
