package com.codeinterpreter.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** {@code POST /executions} with a flat body: api-versions 2024-10-02-preview and later. */
final class CurrentProtocol implements ExecutionProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String executePath() {
        return "executions";
    }

    @Override
    public JsonNode executeBody(String code, int timeoutSeconds, int maxOutputLength, boolean asynchronous) {
        ObjectNode body = JSON.createObjectNode()
                .put("codeInputType", "Inline")
                .put("executionType", asynchronous ? "Asynchronous" : "Synchronous")
                .put("code", code)
                .put("timeoutInSeconds", timeoutSeconds);
        body.put("outputStreamsMaxLength", maxOutputLength);
        return body;
    }

    @Override
    public PoolExecution parse(JsonNode body, String fallbackId) {
        String id = body.path("id").asText(fallbackId);
        String status = body.path("status").asText("");
        JsonNode result = body.path("result");
        JsonNode error = body.path("error");
        String errorCode = error.isObject() ? error.path("code").asText(null) : null;
        String errorMessage = error.isObject() ? error.path("message").asText(null) : null;
        PoolExecution.State state = switch (status) {
            case "NotStarted", "Running" -> PoolExecution.State.RUNNING;
            case "Succeeded" -> PoolExecution.State.SUCCEEDED;
            default -> stateOfFailure(errorCode);
        };
        JsonNode value = result.path("executionResult");
        return new PoolExecution(state, id,
                result.path("stdout").asText(""),
                result.path("stderr").asText(""),
                value.isMissingNode() || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString(),
                errorCode, errorMessage,
                result.path("executionTimeInMilliseconds").asLong(0));
    }

    private static PoolExecution.State stateOfFailure(String errorCode) {
        if (errorCode == null) {
            return PoolExecution.State.FAILED;
        }
        if (PoolErrorCode.EXECUTION_TIMEOUT_KERNEL_RESTARTED.matches(errorCode) || PoolErrorCode.KERNEL_RESTARTED.matches(errorCode)) {
            return PoolExecution.State.STATE_LOST;
        }
        // Azure's own timeout codes are not all published; any code that names a timeout is one.
        return errorCode.toLowerCase(Locale.ROOT).contains("timeout") ? PoolExecution.State.TIMED_OUT : PoolExecution.State.FAILED;
    }

    @Override
    public String uploadPath() {
        return "files";
    }

    @Override
    public String contentPath(String encodedName) {
        return "files/" + encodedName + "/content";
    }
}
