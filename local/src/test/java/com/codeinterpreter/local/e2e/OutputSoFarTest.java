package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A long run's output so far: GetExecutionResult answers {@code running} with the end of the output printed
 * until then and how long the run has taken, over HTTP and MCP; the final answer is unchanged. Takes a minute.
 */
class OutputSoFarTest {
    private static final Pattern LINE = Pattern.compile("line (\\d+)\\n");

    @Test
    void aMinuteLongRunShowsGrowingOutputWhenPolledAt20And40Seconds() throws Exception {
        LocalStack stack = LocalStack.shared();
        ToolClient client = new ToolClient(stack.baseUrl);
        client.python("1");  // the session's interpreter up, so the run starts with the call
        ObjectNode run = ToolClient.JSON.createObjectNode().put("timeoutSeconds", 300).put("pythonCode",
                "import sys, time\nfor i in range(60):\n    print('line %d' % i, flush=True)\n    time.sleep(1)\n"
                        + "sys.stderr.write('done\\n')");
        long started = System.nanoTime();
        ToolClient.Answer accepted = client.call("ExecutePythonCode", run);
        assertEquals(202, accepted.status(), accepted.toString());
        String executionId = accepted.json().path("executionId").asText();

        sleepUntil(started, 20);
        JsonNode at20 = poll(client, executionId);
        sleepUntil(started, 30);
        ObjectNode viaMcp = ToolClient.JSON.createObjectNode().put("sessionId", client.sessionId).put("executionId", executionId);
        JsonNode at30 = new McpToolClient(stack.baseUrl).call("GetExecutionResult", viaMcp);
        sleepUntil(started, 40);
        JsonNode at40 = poll(client, executionId);

        int last20 = lastLine(at20);
        int last30 = lastLine(at30);
        int last40 = lastLine(at40);
        long elapsed20 = at20.path("elapsedSeconds").asLong(-1);
        long elapsed40 = at40.path("elapsedSeconds").asLong(-1);
        // The run starts once the helper is installed for it, a second or two after the call: a line a second from then.
        assertTrue(elapsed20 >= 12 && elapsed20 <= 20, at20.toString());
        assertTrue(elapsed40 >= elapsed20 + 18 && elapsed40 <= 40, at40.toString());
        assertTrue(Math.abs(last20 + 1 - elapsed20) <= 2, "a line a second: " + at20);
        assertTrue(Math.abs(last40 + 1 - elapsed40) <= 2, "a line a second: " + at40);
        assertTrue(last30 > last20 && last40 > last30, "growing: " + last20 + ", " + last30 + ", " + last40);
        assertTrue(at40.path("stdoutSoFar").asText().startsWith("line 0\n"), "all of it, within the tail's cap: " + at40);
        assertEquals("", at40.path("stderrSoFar").asText(), at40.toString());
        assertEquals("running", at30.path("status").asText(), at30.toString());
        assertTrue(at30.path("elapsedSeconds").asLong() > elapsed20 && at30.has("stdoutSoFar"), "MCP carries the same fields: " + at30);

        JsonNode done;
        do {
            Thread.sleep(1000);
            done = poll(client, executionId);
        } while ("running".equals(done.path("status").asText()));
        assertEquals("succeeded", done.path("status").asText(), done.toString());
        assertEquals(60, done.path("stdout").asText().lines().count(), "the final answer has all of it");
        assertEquals("done\n", done.path("stderr").asText());
        assertFalse(done.has("stdoutSoFar"), "the final answer is unchanged: " + done);
        assertEquals(0, done.path("files").size(), "the output-so-far file is no output of the call: " + done);
    }

    @Test
    void aLongShellCommandShowsItsOutputSoFarToo() throws Exception {
        ToolClient client = new ToolClient(LocalStack.shared().baseUrl);
        client.python("1");  // the session's interpreter up, so the command starts at once
        ObjectNode run = ToolClient.JSON.createObjectNode().put("timeoutSeconds", 200)
                .put("command", "for i in $(seq 1 12); do echo shell $i; echo warn $i >&2; sleep 1; done");
        ToolClient.Answer accepted = client.call("RunShellCommand", run);
        assertEquals(202, accepted.status(), accepted.toString());
        Thread.sleep(6000);
        JsonNode running = poll(client, accepted.json().path("executionId").asText());
        assertEquals("running", running.path("status").asText(), running.toString());
        assertTrue(running.path("stdoutSoFar").asText().startsWith("shell 1\nshell 2\n"), running.toString());
        assertTrue(running.path("stderrSoFar").asText().startsWith("warn 1\nwarn 2\n"), running.toString());
        assertFalse(running.path("stdoutSoFar").asText().contains("shell 12"), "seen while it runs: " + running);
    }

    private static JsonNode poll(ToolClient client, String executionId) {
        ToolClient.Answer answer = client.call("GetExecutionResult", "executionId", executionId);
        assertTrue(answer.status() == 200 || answer.status() == 202, answer.toString());
        return answer.json();
    }

    private static int lastLine(JsonNode running) {
        assertEquals("running", running.path("status").asText(), running.toString());
        Matcher m = LINE.matcher(running.path("stdoutSoFar").asText());
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static void sleepUntil(long startedNanos, int seconds) throws InterruptedException {
        long remaining = startedNanos + seconds * 1_000_000_000L - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000);
        }
    }
}
