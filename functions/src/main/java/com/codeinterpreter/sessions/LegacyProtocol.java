package com.codeinterpreter.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /code/execute} with the {@code properties} wrapper: api-version 2024-02-02-preview, which
 * most clients in the wild still use. Synchronous only; its output length is the pool's default.
 */
final class LegacyProtocol implements ExecutionProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String executePath() {
        return "code/execute";
    }

    @Override
    public JsonNode executeBody(String code, int timeoutSeconds, int maxOutputLength, boolean asynchronous) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("properties")
                .put("codeInputType", "inline")
                .put("executionType", "synchronous")
                .put("code", code)
                .put("timeoutInSeconds", timeoutSeconds);
        return body;
    }

    @Override
    public PoolExecution parse(JsonNode body, String fallbackId) {
        JsonNode p = body.path("properties");
        boolean success = p.path("status").asText("").equals("Success");
        JsonNode value = p.path("result");
        String stderr = p.path("stderr").asText("");
        PoolExecution.State state = success ? PoolExecution.State.SUCCEEDED
                : stderr.contains("did not stop when interrupted") || stderr.contains("Python process ended") ? PoolExecution.State.STATE_LOST
                : stderr.contains("timeout") || stderr.contains("TimeoutError") ? PoolExecution.State.TIMED_OUT
                : PoolExecution.State.FAILED;
        return new PoolExecution(state, fallbackId, p.path("stdout").asText(""), stderr,
                value.isMissingNode() || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString(),
                success ? null : PoolErrorCode.EXECUTION_FAILED.code(), success ? null : lastLine(stderr),
                p.path("executionTimeInMilliseconds").asLong(0));
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        int nl = trimmed.lastIndexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(nl + 1);
    }

    @Override
    public String uploadPath() {
        return "files/upload";
    }

    @Override
    public String contentPath(String encodedName) {
        return "files/content/" + encodedName;
    }
}
