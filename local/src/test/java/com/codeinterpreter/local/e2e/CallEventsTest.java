package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.calls.CallEvent;
import com.codeinterpreter.identity.Caller;
import com.codeinterpreter.identity.SessionIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One event per tool call, through the real host, pool and Azurite: every tool once, plus a refused, a
 * failed, a timed-out and a long call, over HTTP and MCP, each read back from the host's calls log with
 * its fields; and a marker planted in code, output and file content appears in none of them.
 */
class CallEventsTest {
    private static final String MARKER = "MARKER" + UUID.randomUUID().toString().replace("-", "");
    private static LocalStack stack;
    private static ToolClient client;
    private static String prefix;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
        client = new ToolClient(stack.baseUrl);
        prefix = new SessionIdentity(LocalStack.SESSION_ID_SECRET).identifier(Caller.KEY_HOLDER, client.sessionId).substring(0, 15);
    }

    @Test
    void everyToolCallWritesOneEventWithItsFieldsAndNoCodeOutputOrContent() throws Exception {
        JsonNode upload = only(() -> client.call("UploadFileToSession", "path", "in/data.txt", "content", "secret " + MARKER + "\n"));
        assertEvent(upload, "UploadFileToSession", "http", "succeeded", 200);
        assertNull(upload.get("sessionState"), "no code ran: " + upload);

        JsonNode python = only(() -> client.call("ExecutePythonCode", "pythonCode", "# " + MARKER + "\nprint('" + MARKER + "')\n"
                + "open('out.txt', 'w').write('" + MARKER + "')\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])"));
        assertEvent(python, "ExecutePythonCode", "http", "succeeded", 200);
        assertEquals("new", python.path("sessionState").asText(), python.toString());
        assertNotNull(python.get("executionId"));
        assertEquals(2, python.path("filesPublished").asInt(), "out.txt and the figure: " + python);
        assertEquals(0, python.path("filesFailed").asInt());
        assertTrue(python.path("poolMs").asLong() > 0, python.toString());
        assertTrue(python.path("sessionWaitMs").asLong() + python.path("poolMs").asLong() + python.path("publishMs").asLong()
                <= python.path("durationMs").asLong() + 1, "the parts never add up to more than the call: " + python);

        String explanation = "List the folder to see what the earlier step wrote. ".repeat(6);
        ObjectNode shell = ToolClient.JSON.createObjectNode().put("command", "echo " + MARKER + "; ls").put("explanation", explanation);
        JsonNode shellEvent = only(() -> client.call("RunShellCommand", shell));
        assertEvent(shellEvent, "RunShellCommand", "http", "succeeded", 200);
        assertEquals("continued", shellEvent.path("sessionState").asText());
        assertEquals(CallEvent.MAX_EXPLANATION, shellEvent.path("explanation").asText().length(), shellEvent.toString());
        assertTrue(explanation.startsWith(shellEvent.path("explanation").asText().replace("...", "")));

        assertEvent(only(() -> client.call("ReadSessionFile", "path", "out.txt")), "ReadSessionFile", "http", "succeeded", 200);
        assertEvent(only(() -> client.call("SearchSessionFiles", "pattern", "secret")), "SearchSessionFiles", "http", "succeeded", 200);
        assertEvent(only(() -> client.call("ListSessionFiles")), "ListSessionFiles", "http", "succeeded", 200);
        JsonNode link = only(() -> client.call("GetSessionFile", "path", "out.txt"));
        assertEvent(link, "GetSessionFile", "http", "succeeded", 200);
        assertEquals(1, link.path("filesPublished").asInt(), link.toString());
        JsonNode pdf = only(() -> client.call("GeneratePdfReport", "pythonCode", "from reportlab.pdfgen import canvas\n"
                + "c = canvas.Canvas('/mnt/data/r.pdf')\nc.drawString(72, 720, '" + MARKER + "')\nc.save()", "expectedOutputFilename", "r.pdf",
                "saveAsFilename", "report.pdf"));
        assertEvent(pdf, "GeneratePdfReport", "http", "succeeded", 200);
        assertTrue(pdf.path("filesPublished").asInt() >= 1, pdf.toString());

        assertEvent(only(() -> client.call("ExecutePythonCode", "pythonCode", "import socket\nsocket.create_connection(('example.com', 80))")),
                "ExecutePythonCode", "http", "NetworkAccessBlocked", 200);
        assertEvent(only(() -> client.call("ExecutePythonCode", "pythonCode", "'" + MARKER + "'\n1 / 0")), "ExecutePythonCode", "http",
                "failed", 200);
        ObjectNode slow = ToolClient.JSON.createObjectNode().put("pythonCode", "import time\ntime.sleep(10)").put("timeoutSeconds", 1);
        assertEvent(only(() -> client.call("ExecutePythonCode", slow)), "ExecutePythonCode", "http", "timedOut", 200);
        JsonNode missing = only(() -> client.call("ReadSessionFile", "path", "nope.txt"));
        assertEvent(missing, "ReadSessionFile", "http", "404", 404);
        assertNotNull(missing.get("errorCode"), missing.toString());

        ObjectNode longCall = ToolClient.JSON.createObjectNode().put("pythonCode", "import time\nprint('" + MARKER + "', flush=True)\n"
                + "time.sleep(3)").put("timeoutSeconds", 600);
        JsonNode started = only(() -> client.call("ExecutePythonCode", longCall));
        assertEvent(started, "ExecutePythonCode", "http", "running", 202);
        String executionId = started.path("executionId").asText();
        JsonNode polled;
        do {
            Thread.sleep(500);
            polled = only(() -> client.call("GetExecutionResult", "executionId", executionId));
            assertEquals(executionId, polled.path("executionId").asText(), polled.toString());
        } while (polled.path("status").asInt() == 202);
        assertEvent(polled, "GetExecutionResult", "http", "succeeded", 200);

        ObjectNode viaMcp = ToolClient.JSON.createObjectNode().put("sessionId", client.sessionId).put("pythonCode", "print('" + MARKER + "')");
        McpToolClient mcp = new McpToolClient(stack.baseUrl);
        JsonNode mcpEvent = only(() -> mcp.call("ExecutePythonCode", viaMcp));
        assertEvent(mcpEvent, "ExecutePythonCode", "mcp", "succeeded", 200);
        assertEquals("continued", mcpEvent.path("sessionState").asText());

        String log = Files.readString(stack.callsLog(), StandardCharsets.UTF_8);
        assertFalse(log.contains(MARKER), "code, output and file content stay out of the events");
        assertFalse(log.contains(client.sessionId), "the raw sessionId stays out of the events");
        assertFalse(log.contains(LocalStack.SESSION_ID_SECRET), "the secret stays out of the events");
        assertFalse(log.contains("example.com"), "so does what the code tried to reach");
        Set<String> invocations = new HashSet<>();
        events().forEach(e -> assertTrue(invocations.add(e.path("invocationId").asText()), "one event per invocation: " + e));
    }

    @Test
    void callsShSummarisesTheCallsLogPerToolWithTheLastFailures() throws Exception {
        only(() -> client.call("ListSessionFiles"));
        only(() -> client.call("ReadSessionFile", "path", "no-such-file.txt"));
        Process p = new ProcessBuilder("bash", Path.of("..", "scripts", "calls.sh").toString(), stack.callsLog().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.matches("(?s).*\\nListSessionFiles +\\d+ +succeeded=\\d+.*"), out);
        assertTrue(out.matches("(?s).*\\nReadSessionFile +\\d+ +.*404=\\d+.*"), out);
        assertTrue(out.contains("last failures:\n"), out);
        assertTrue(out.matches("(?s).*\\n  ReadSessionFile +404 \\w+ .*session " + prefix + ".*"), out);
    }

    @Test
    void aBadRequestIsAnEventWithItsStatusAndErrorCode() {
        JsonNode bad = only(() -> client.call("ExecutePythonCode", "pythonCode", ""));
        assertEvent(bad, "ExecutePythonCode", "http", "400", 400);
        assertEquals("InvalidRequest", bad.path("errorCode").asText(), bad.toString());
        assertEquals(0, bad.path("poolMs").asLong(), "refused before the pool: " + bad);
    }

    private static void assertEvent(JsonNode event, String tool, String transport, String outcome, int status) {
        assertEquals(tool, event.path("tool").asText(), event.toString());
        assertEquals(transport, event.path("transport").asText(), event.toString());
        assertEquals(outcome, event.path("outcome").asText(), event.toString());
        assertEquals(status, event.path("status").asInt(), event.toString());
        assertEquals(prefix, event.path("session").asText(), event.toString());
        assertFalse(event.path("invocationId").asText().isEmpty(), event.toString());
        assertTrue(event.path("durationMs").asLong() >= 0, event.toString());
        for (String field : List.of("sessionWaitMs", "poolMs", "publishMs", "filesPublished", "filesFailed")) {
            assertTrue(event.path(field).isNumber() && event.path(field).asLong() >= 0, field + ": " + event);
        }
        List<String> unknown = new ArrayList<>();
        event.fieldNames().forEachRemaining(f -> {
            if (!CallEvent.fieldNames().contains(f)) {
                unknown.add(f);
            }
        });
        assertEquals(List.of(), unknown, "only the event's own fields");
    }

    /** Makes one call and answers the one event it wrote (with the call's HTTP status checked against it). */
    private static JsonNode only(Supplier<Object> call) {
        int before = events().size();
        Object answer = call.get();
        List<JsonNode> after = events();
        assertEquals(before + 1, after.size(), "one event for " + answer);
        JsonNode event = after.get(after.size() - 1);
        if (answer instanceof ToolClient.Answer http) {
            assertEquals(http.status(), event.path("status").asInt(), http + " / " + event);
        }
        return event;
    }

    /** This test's events: those for its session (by the identifier's prefix, as an operator would filter). */
    private static List<JsonNode> events() {
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(stack.callsLog(), StandardCharsets.UTF_8)) {
                JsonNode event = ToolClient.JSON.readTree(line);
                if (prefix.equals(event.path("session").asText())) {
                    events.add(event);
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
