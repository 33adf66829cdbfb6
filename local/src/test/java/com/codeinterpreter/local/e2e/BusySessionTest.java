package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Busy sessions and timeouts, end to end: time spent waiting behind another call counts against a call's
 * timeoutSeconds, a call that cannot start in its time names what holds the session, code that ignores the
 * interrupt is ended soon after its timeout, and every message names the caller's timeoutSeconds.
 */
class BusySessionTest {
    // One session for the class: the shared pool has room for a limited number.
    private static final ToolClient client = new ToolClient(LocalStack.shared().baseUrl);

    private static ObjectNode python(String code, int timeoutSeconds) {
        return ToolClient.JSON.createObjectNode().put("pythonCode", code).put("timeoutSeconds", timeoutSeconds);
    }

    /** Starts a long asynchronous call that holds the session for about {@code seconds}; answers its executionId. */
    private String holdSession(int seconds) {
        ToolClient.Answer accepted = client.call("ExecutePythonCode", python("import time\ntime.sleep(" + seconds + ")\n'held'", 600));
        assertEquals(202, accepted.status(), accepted.toString());
        return accepted.json().path("executionId").asText();
    }

    private JsonNode awaitResult(String executionId) throws InterruptedException {
        for (int polls = 0; polls < 300; polls++) {
            ToolClient.Answer polled = client.call("GetExecutionResult", "executionId", executionId);
            if (polled.status() == 200) {
                return polled.json();
            }
            assertEquals(202, polled.status(), polled.toString());
            Thread.sleep(200);
        }
        throw new AssertionError("execution " + executionId + " did not finish");
    }

    @Test
    void aCallThatCannotStartInItsTimeNamesTheRunningExecutionAndNeverRuns() throws Exception {
        String running = holdSession(8);
        ToolClient.Answer busy = client.call("ExecutePythonCode", python("open('/mnt/data/queued.txt', 'w').write('ran')", 2));
        assertEquals(409, busy.status(), busy.toString());
        assertEquals("SessionBusy", busy.errorCode());
        String message = busy.errorMessage();
        assertTrue(message.contains(running), "names the execution that holds the session: " + message);
        assertTrue(message.contains("GetExecutionResult") && message.contains("timeoutSeconds (2 s)"), message);
        assertEquals(202, client.call("GetExecutionResult", "executionId", running).status(), "answered while the other call still ran");

        assertEquals("'held'", awaitResult(running).path("result").asText());
        JsonNode after = client.python("import os\nos.path.exists('/mnt/data/queued.txt')");
        assertEquals("False", after.path("result").asText(), "the refused call's code never ran, not even once the session was free");
    }

    @Test
    void timeSpentWaitingForTheSessionCountsAgainstTimeoutSeconds() throws Exception {
        String running = holdSession(4);
        JsonNode r = client.call("ExecutePythonCode", python("import time\ntime.sleep(8)\nprint('finished')", 10)).json();
        assertEquals("timedOut", r.path("status").asText(), "4 s of waiting and 8 s of sleep do not fit in 10 s: " + r);
        String message = r.path("error").path("message").asText();
        assertTrue(message.contains("timeoutSeconds (10 s)") && message.contains("waited"), message);
        assertEquals("'held'", awaitResult(running).path("result").asText());
    }

    @Test
    void codeThatIgnoresTheInterruptIsEndedAndTheSessionRestartedNamingTheCallersTimeout() {
        client.python("open('/mnt/data/kept.txt', 'w').write('kept')\nlost = 1");
        JsonNode r = client.call("ExecutePythonCode", python(
                "import time\nwhile True:\n    try:\n        time.sleep(100)\n    except BaseException:\n        pass", 2)).json();
        assertEquals("timedOut", r.path("status").asText(), r.toString());
        String message = r.path("error").path("message").asText();
        assertEquals("TimeoutError", r.path("error").path("type").asText(), r.toString());
        assertTrue(message.contains("timeoutSeconds (2 s)") && message.contains("restarted"), message);
        assertFalse(message.contains("17"), "no internal grace in the message: " + message);
        assertTrue(r.path("durationMs").asLong() < 17_000, "ended by the helper soon after 2 s, not by the pool's backstop: " + r);
        JsonNode after = client.python("import os\n('lost' in globals(), os.path.exists('/mnt/data/kept.txt'))");
        assertEquals("(False, True)", after.path("result").asText(), "variables lost, files kept");
    }

    @Test
    void codeStuckInsideCIsEndedToo() {
        // sum() over a range loops in C and never returns to Python's signal handler, so only the kill ends it.
        JsonNode r = client.call("ExecutePythonCode", python("sum(range(10 ** 12))", 2)).json();
        assertEquals("timedOut", r.path("status").asText(), r.toString());
        assertTrue(r.path("error").path("message").asText().contains("timeoutSeconds (2 s)"), r.toString());
        assertTrue(r.path("durationMs").asLong() < 17_000, r.toString());
        assertEquals("2", client.python("1 + 1").path("result").asText(), "the session works again");
    }

    @Test
    void aShellTimeoutAnswersTheSameErrorShapeAsAPythonOne() {
        JsonNode shell = client.call("RunShellCommand", ToolClient.JSON.createObjectNode().put("command", "sleep 30")
                .put("timeoutSeconds", 1)).json();
        JsonNode py = client.call("ExecutePythonCode", python("import time\ntime.sleep(30)", 1)).json();
        for (JsonNode r : new JsonNode[] {shell, py}) {
            assertEquals("timedOut", r.path("status").asText(), r.toString());
            assertEquals("TimeoutError", r.path("error").path("type").asText(), r.toString());
            assertTrue(r.path("error").path("message").asText().contains("timeoutSeconds (1 s)"), r.toString());
        }
    }

    @Test
    void the202AnswerSaysWhyTheCallRunsOn() throws Exception {
        ToolClient.Answer accepted = client.call("ExecutePythonCode", python("1", 186));
        assertEquals(202, accepted.status(), accepted.toString());
        assertTrue(accepted.json().path("message").asText().contains("timeoutSeconds (186) is over 185"), accepted.toString());
        awaitResult(accepted.json().path("executionId").asText());
    }
}
