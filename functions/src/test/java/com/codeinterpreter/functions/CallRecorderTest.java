package com.codeinterpreter.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.calls.CallEvent;
import com.codeinterpreter.calls.CallTrace;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The event of a call: its outcome read from the answer, written once through the invocation's logger. */
class CallRecorderTest {

    @Test
    void theOutcomeIsTheExecutionsStatusARefusalsTypeOrTheHttpStatus() {
        assertEquals("succeeded", outcome(200, "{\"status\":\"succeeded\"}"));
        assertEquals("failed", outcome(200, "{\"status\":\"failed\",\"error\":{\"type\":\"ZeroDivisionError\"}}"));
        assertEquals("timedOut", outcome(200, "{\"status\":\"timedOut\",\"error\":{\"type\":\"TimeoutError\"}}"));
        assertEquals("NetworkAccessBlocked", outcome(200, "{\"status\":\"failed\",\"error\":{\"type\":\"NetworkAccessBlocked\"}}"));
        assertEquals("failed", outcome(200, "{\"status\":\"failed\",\"error\":{\"type\":\"MyOwnBlocked\"}}"),
                "a type the user's code made up is no refusal, and never reaches the event");
        assertEquals("succeeded", outcome(200, "{\"content\":\"a file's text\"}"), "the file tools' answers");
        assertEquals("running", outcome(202, "{\"status\":\"running\",\"executionId\":\"x\"}"));
        assertEquals("404", outcome(404, "{\"error\":{\"code\":\"FileNotFound\",\"message\":\"...\"}}"));
    }

    @Test
    void theEventCarriesTheAnswersIdsAndStateButNothingOfItsContent() throws Exception {
        JsonNode body = ToolArguments.JSON.readTree("{\"status\":\"succeeded\",\"stdout\":\"secret output\",\"executionId\":\"e-1\","
                + "\"sessionState\":\"new\",\"files\":[{\"name\":\"secret.csv\"}]}");
        CallEvent event = CallRecorder.event("inv-1", "ExecutePythonCode", CallRecorder.HTTP, new ToolOutcome(200, body), CallTrace.open());
        CallTrace.current().close();
        assertEquals("e-1", event.executionId());
        assertEquals("new", event.sessionState());
        assertEquals("inv-1", event.invocationId());
        assertTrue(!event.line().contains("secret"), event.line());
        JsonNode continued = ToolArguments.JSON.readTree("{\"status\":\"succeeded\",\"executionId\":\"e-2\"}");
        assertEquals("continued", CallRecorder.event("i", "t", "http", new ToolOutcome(200, continued), CallTrace.open()).sessionState());
        CallTrace.current().close();
        assertNull(CallRecorder.event("i", "t", "http", new ToolOutcome(200, ToolArguments.JSON.readTree("{\"entries\":[]}")),
                CallTrace.open()).sessionState(), "no code ran");
        CallTrace.current().close();
    }

    @Test
    void oneLineIsLoggedPerCallEvenWhenItFails() throws Exception {
        TestContext context = new TestContext();
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage().startsWith(CallEvent.PREFIX)) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        context.getLogger().addHandler(capture);
        try {
            CallRecorder.run(context, "ReadSessionFile", CallRecorder.MCP, () -> Map.of("content", "x"));
            CallRecorder.run(context, "ReadSessionFile", CallRecorder.MCP, () -> {
                throw ToolException.invalid("'path' is required");
            });
        } finally {
            context.getLogger().removeHandler(capture);
        }
        assertEquals(2, lines.size(), lines.toString());
        JsonNode failed = ToolArguments.JSON.readTree(lines.get(1).substring(CallEvent.PREFIX.length()));
        assertEquals("400", failed.path("outcome").asText());
        assertEquals("InvalidRequest", failed.path("errorCode").asText());
        assertEquals("mcp", failed.path("transport").asText());
        assertEquals(context.getInvocationId(), failed.path("invocationId").asText());
    }

    private static String outcome(int status, String body) {
        try {
            CallEvent event = CallRecorder.event("i", "t", "http", new ToolOutcome(status, ToolArguments.JSON.readTree(body)), CallTrace.open());
            return event.outcome();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            CallTrace.current().close();
        }
    }

    private static final class TestContext implements com.microsoft.azure.functions.ExecutionContext {
        private final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("CallRecorderTest");

        @Override
        public java.util.logging.Logger getLogger() {
            return logger;
        }

        @Override
        public String getInvocationId() {
            return "call-recorder-test";
        }

        @Override
        public String getFunctionName() {
            return "ReadSessionFileMcp";
        }
    }
}
