package com.codeinterpreter.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How each api-version's responses are read into a {@link PoolExecution}, failures included: the published
 * examples show only successes, so failures are built on the specification's model
 * ({@code status: Failed} with {@code error.code}, {@code error.message}).
 */
class ExecutionProtocolTest {
    private final ExecutionProtocol current = ExecutionProtocol.of(SessionPoolServiceVersion.V2025_10_02_PREVIEW);
    private final ExecutionProtocol legacy = ExecutionProtocol.of(SessionPoolServiceVersion.V2024_02_02_PREVIEW);

    private static ObjectNode failed(String code) {
        ObjectNode body = PoolStub.example("2025-10-02-preview", "CodeExecution_Execute_Sync").path("responses").path("200").path("body").deepCopy();
        body.put("status", "Failed");
        body.putObject("error").put("code", code).put("message", "what happened");
        return body;
    }

    @ParameterizedTest
    @CsvSource({"KernelRestarted,STATE_LOST", "ExecutionTimeoutKernelRestarted,STATE_LOST", "ExecutionTimeout,TIMED_OUT",
            "SomeNewTimeoutCode,TIMED_OUT", "ExecutionFailed,FAILED", "SessionUnavailable,FAILED"})
    void aFailedExecutionIsReadByItsErrorCode(String code, PoolExecution.State state) {
        PoolExecution execution = current.parse(failed(code), "fallback");
        assertEquals(state, execution.state());
        assertEquals(code, execution.errorCode());
        assertEquals("what happened", execution.errorMessage());
        assertEquals("testExecutionId", execution.executionId());
    }

    @Test
    void aFailureWithoutAnErrorIsAFailureAndAMissingIdIsTheOneTheClientSent() {
        JsonNode body = PoolStub.JSON.createObjectNode().put("status", "Failed");
        PoolExecution execution = current.parse(body, "sent-operation-id");
        assertEquals(PoolExecution.State.FAILED, execution.state());
        assertNull(execution.errorCode());
        assertEquals("sent-operation-id", execution.executionId());
    }

    @Test
    void notStartedIsStillRunning() {
        assertEquals(PoolExecution.State.RUNNING, current.parse(PoolStub.JSON.createObjectNode().put("status", "NotStarted"), "x").state());
    }

    @Test
    void aTrailingValueThatIsNotAStringKeepsItsJson() {
        ObjectNode body = PoolStub.JSON.createObjectNode().put("status", "Succeeded");
        body.putObject("result").putObject("executionResult").put("a", 1);
        assertEquals("{\"a\":1}", current.parse(body, "x").executionResult());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Traceback (most recent call last):\\nZeroDivisionError: division by zero|FAILED|ZeroDivisionError: division by zero",
            "TimeoutError: the code ran past 60 s|TIMED_OUT|TimeoutError: the code ran past 60 s",
            "The Python process ended unexpectedly|STATE_LOST|The Python process ended unexpectedly"})
    void aLegacyFailureIsReadFromItsStandardError(String stderr, PoolExecution.State state, String message) {
        ObjectNode body = PoolStub.JSON.createObjectNode();
        body.putObject("properties").put("status", "Failure").put("stdout", "").put("stderr", stderr.replace("\\n", "\n"));
        PoolExecution execution = legacy.parse(body, "sent-operation-id");
        assertEquals(state, execution.state());
        assertEquals("ExecutionFailed", execution.errorCode());
        assertEquals(message, execution.errorMessage());
        assertEquals("sent-operation-id", execution.executionId(), "the legacy answer has no id");
    }

    @Test
    void aLegacySuccessHasNoError() {
        ObjectNode body = PoolStub.JSON.createObjectNode();
        body.putObject("properties").put("status", "Success").put("stdout", "63\n").put("result", "63").put("executionTimeInMilliseconds", 7);
        PoolExecution execution = legacy.parse(body, "x");
        assertEquals(new PoolExecution(PoolExecution.State.SUCCEEDED, "x", "63\n", "", "63", null, null, 7), execution);
    }
}
