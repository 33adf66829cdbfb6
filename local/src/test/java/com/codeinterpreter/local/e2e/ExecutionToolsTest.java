package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ExecutePythonCode, RunShellCommand and GeneratePdfReport: results, state, limits and errors. */
class ExecutionToolsTest {
    private final String base = LocalStack.shared().baseUrl;
    private final ToolClient client = new ToolClient(base);

    private ObjectNode fields() {
        return ToolClient.JSON.createObjectNode();
    }

    @Test
    void stateIsKeptAcrossCallsInOneSessionAndSeparateBetweenSessions() {
        client.python("incidents = 41");
        assertEquals("42", client.python("incidents + 1").path("result").asText());
        client.call("UploadFileToSession", "path", "mine.txt", "content", "only mine");
        ToolClient other = new ToolClient(base);
        JsonNode elsewhere = other.python("import os\n('incidents' in globals(), os.path.exists('/mnt/data/mine.txt'))");
        assertEquals("(False, False)", elsewhere.path("result").asText());
        assertEquals(404, other.call("ReadSessionFile", "path", "mine.txt").status());
    }

    @Test
    void withoutASessionIdEachCallerHasOneDefaultSession() {
        ToolClient.Answer first = client.post("ExecutePythonCode", "{\"pythonCode\":\"default_marker = 7\"}", "application/json");
        assertEquals(200, first.status(), first.toString());
        ToolClient.Answer second = client.post("ExecutePythonCode", "{\"pythonCode\":\"default_marker\"}", "application/json");
        assertEquals("7", second.json().path("result").asText());
    }

    @Test
    void aUsersExceptionIsAFailedResultWithItsTracebackNotAnHttpError() {
        ToolClient.Answer a = client.call("ExecutePythonCode", "pythonCode", "def f():\n    raise ValueError('bad input')\nf()");
        assertEquals(200, a.status());
        JsonNode r = a.json();
        assertEquals("failed", r.path("status").asText());
        assertEquals("ValueError", r.path("error").path("type").asText());
        assertEquals("bad input", r.path("error").path("message").asText());
        assertTrue(r.path("stderr").asText().contains("line 2, in f"), r.toString());
        JsonNode syntax = client.python("def broken(:\n    pass");
        assertEquals("failed", syntax.path("status").asText());
        assertEquals("SyntaxError", syntax.path("error").path("type").asText());
    }

    @Test
    void stdoutAndTheTrailingValueComeBack() {
        JsonNode r = client.python("print('hello')\nimport sys\nprint('oops', file=sys.stderr)\n{'a': 1}");
        assertEquals("hello\n", r.path("stdout").asText());
        assertEquals("oops\n", r.path("stderr").asText());
        assertEquals("{'a': 1}", r.path("result").asText());
        assertTrue(r.path("durationMs").asLong() >= 0);
        assertFalse(r.path("stdoutTruncated").asBoolean());
    }

    @Test
    void longOutputIsTruncatedAndSaysSo() {
        JsonNode r = client.python("print('x' * 50000)");
        assertEquals(20000, r.path("stdout").asText().length());
        assertTrue(r.path("stdoutTruncated").asBoolean());
        assertTrue(r.path("notes").toString().contains("truncated"));
    }

    @Test
    void openFiguresAreCapturedAsPngsWithInlineMarkdown() {
        JsonNode r = client.python("import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.title('not saved')");
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        JsonNode figure = r.path("files").get(0);
        assertEquals("figure-1.png", figure.path("name").asText());
        assertEquals("image/png", figure.path("contentType").asText());
        assertTrue(r.path("markdown").asText().startsWith("![figure-1.png]("));
        assertEquals(200, ToolClient.download(figure.path("url").asText()).statusCode());
        assertEquals(0, client.python("import matplotlib.pyplot as plt\nlen(plt.get_fignums())").path("files").size(), "figures are closed after a call");
    }

    @Test
    void codeLengthLimitIsTwentyThousandCharacters() {
        String atLimit = "x = 1" + " ".repeat(20000 - 5);
        assertEquals(200, client.call("ExecutePythonCode", "pythonCode", atLimit).status());
        ToolClient.Answer over = client.call("ExecutePythonCode", "pythonCode", atLimit + " ");
        assertEquals(400, over.status());
        assertTrue(over.errorMessage().contains("20000"), over.toString());
    }

    @Test
    void timeoutSecondsLimitsAreOneTo900() {
        ObjectNode f = fields().put("pythonCode", "1");
        assertEquals(400, client.call("ExecutePythonCode", f.deepCopy().put("timeoutSeconds", 0)).status());
        assertEquals(400, client.call("ExecutePythonCode", f.deepCopy().put("timeoutSeconds", 901)).status());
        assertEquals(200, client.call("ExecutePythonCode", f.deepCopy().put("timeoutSeconds", 1)).status());
        assertEquals(202, client.call("ExecutePythonCode", f.deepCopy().put("timeoutSeconds", 900)).status());
    }

    @Test
    void aTimeoutStopsTheCodeKeepsTheSessionAndReportsFilesWrittenBeforeIt() {
        client.python("kept = 'yes'");
        ObjectNode f = fields().put("pythonCode", "open('/mnt/data/partial.txt', 'w').write('x')\nimport time\ntime.sleep(30)")
                .put("timeoutSeconds", 1);
        JsonNode r = client.call("ExecutePythonCode", f).json();
        assertEquals("timedOut", r.path("status").asText(), r.toString());
        assertTrue(r.path("error").path("message").asText().contains("timeoutSeconds"));
        assertEquals("partial.txt", r.path("files").get(0).path("name").asText());
        assertEquals("'yes'", client.python("kept").path("result").asText());
    }

    @Test
    void aLongTimeoutAnswers202AndIsPolledToCompletion() throws Exception {
        ObjectNode f = fields().put("pythonCode", "import time\ntime.sleep(1)\nopen('/mnt/data/late.txt','w').write('done')\nprint('finished')")
                .put("timeoutSeconds", 600);
        ToolClient.Answer accepted = client.call("ExecutePythonCode", f);
        assertEquals(202, accepted.status(), accepted.toString());
        String statusUrl = accepted.json().path("statusUrl").asText();
        assertTrue(statusUrl.contains("/api/GetExecutionResult?executionId="), statusUrl);
        assertEquals(statusUrl, accepted.raw().headers().firstValue("Location").orElse(null));
        ToolClient.Answer polled;
        int polls = 0;
        do {
            Thread.sleep(200);
            polled = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(statusUrl)).GET());
            polls++;
        } while (polled.status() == 202 && polls < 100);
        assertEquals(200, polled.status(), polled.toString());
        assertEquals("finished\n", polled.json().path("stdout").asText());
        assertEquals("late.txt", polled.json().path("files").get(0).path("name").asText());
        ToolClient.Answer unknown = client.call("GetExecutionResult", "executionId", "no-such-execution");
        assertEquals(404, unknown.status(), unknown.toString());
    }

    @Test
    void shellRunsInMntDataWithItsExitCode() {
        JsonNode r = client.call("RunShellCommand", "command", "pwd; echo err >&2; exit 3", "explanation", "where am I").json();
        assertEquals("succeeded", r.path("status").asText());
        assertEquals("/mnt/data\n", r.path("stdout").asText());
        assertEquals("err\n", r.path("stderr").asText());
        assertEquals(3, r.path("exitCode").asInt());
        JsonNode made = client.call("RunShellCommand", "command", "echo a,b > made.csv").json();
        assertEquals("made.csv", made.path("files").get(0).path("name").asText());
    }

    @Test
    void shellTimeoutLimitsAndBackgroundRefusal() {
        ObjectNode f = fields().put("command", "echo hi");
        assertEquals(400, client.call("RunShellCommand", f.deepCopy().put("timeoutSeconds", 241)).status());
        assertEquals(400, client.call("RunShellCommand", f.deepCopy().put("timeoutSeconds", 0)).status());
        assertEquals(202, client.call("RunShellCommand", f.deepCopy().put("timeoutSeconds", 240)).status());
        ToolClient.Answer background = client.call("RunShellCommand", f.deepCopy().put("isBackground", true));
        assertEquals(400, background.status());
        assertTrue(background.errorMessage().contains("isBackground"), background.toString());
        assertEquals(200, client.call("RunShellCommand", f.deepCopy().put("isBackground", false)).status());
        JsonNode slow = client.call("RunShellCommand", f.deepCopy().put("command", "echo started; sleep 30").put("timeoutSeconds", 1)).json();
        assertEquals("timedOut", slow.path("status").asText());
        assertEquals("started\n", slow.path("stdout").asText());
    }

    @Test
    void pdfReportWithoutTheExpectedFileListsWhatWasProduced() {
        JsonNode r = client.call("GeneratePdfReport", "pythonCode", "open('/mnt/data/notes.txt','w').write('x')",
                "expectedOutputFilename", "report.pdf", "saveAsFilename", "summary.pdf").json();
        assertEquals("failed", r.path("status").asText(), r.toString());
        assertEquals("ExpectedOutputMissing", r.path("error").path("type").asText());
        assertTrue(r.path("error").path("message").asText().contains("/mnt/data/notes.txt"), r.toString());
        for (String[] bad : new String[][] {{"expectedOutputFilename", "../x.pdf"}, {"saveAsFilename", "a/b.pdf"}}) {
            ObjectNode f = fields().put("pythonCode", "1").put("expectedOutputFilename", "r.pdf").put("saveAsFilename", "s.pdf");
            f.put(bad[0], bad[1]);
            assertEquals(400, client.call("GeneratePdfReport", f).status(), bad[0]);
        }
        assertEquals(400, client.call("GeneratePdfReport", "pythonCode", "1", "expectedOutputFilename", "r.pdf").status());
    }

    @Test
    void badRequestsGetClearErrors() {
        ToolClient.Answer malformed = client.post("ExecutePythonCode", "{\"pythonCode\": ", "application/json");
        assertEquals(400, malformed.status());
        assertTrue(malformed.errorMessage().contains("not valid JSON"));
        ToolClient.Answer unknownField = client.call("ExecutePythonCode", "pythonCode", "1", "timeout", "5");
        assertEquals(400, unknownField.status());
        assertTrue(unknownField.errorMessage().contains("timeoutSeconds"));
        assertEquals(400, client.call("ExecutePythonCode", fields()).status());
        assertEquals(400, client.call("ExecutePythonCode", fields().put("pythonCode", 5)).status());
        assertEquals(400, client.call("ExecutePythonCode", fields().put("pythonCode", "1").put("sessionId", "x".repeat(129))).status());
        assertEquals(200, client.call("ExecutePythonCode", fields().put("pythonCode", "1").put("sessionId", "x".repeat(128))).status());
        assertEquals("InvalidRequest", malformed.errorCode());
        assertEquals(new String(malformed.body(), StandardCharsets.UTF_8).contains("\"error\""), true);
    }
}
