package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a new user met first: each answer says what happened and what to do, in words an agent can act on. */
class NewUserPapercutsTest {
    private final String base = LocalStack.shared().baseUrl;
    // One session for the class: the shared pool has room for a limited number.
    private static final ToolClient client = new ToolClient(LocalStack.shared().baseUrl);

    @Test
    void theCodeLimitCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        ToolClient.Answer fits = client.call("ExecutePythonCode", "pythonCode", "#" + emoji.repeat(19_999));
        assertEquals(200, fits.status(), "20,000 characters are within the limit: " + fits);
        ToolClient.Answer over = client.call("ExecutePythonCode", "pythonCode", "#" + emoji.repeat(20_000));
        assertEquals(400, over.status(), over.toString());
        assertTrue(over.errorMessage().contains("20001 characters"), over.errorMessage());
    }

    @Test
    void aKeyboardInterruptIsAFailedCallWhoseTracebackShowsOnlyTheUsersCode() {
        JsonNode r = client.python("def stop():\n    raise KeyboardInterrupt('enough')\nstop()");
        assertEquals("failed", r.path("status").asText(), r.toString());
        assertEquals("KeyboardInterrupt", r.path("error").path("type").asText(), r.toString());
        String traceback = r.path("stderr").asText();
        assertTrue(traceback.contains("line 2, in stop"), traceback);
        assertFalse(traceback.contains("code interpreter") || traceback.contains("runner.py") || traceback.contains("dispatch"), traceback);
    }

    @Test
    void anUploadPathNamingAFolderIsRefused() {
        ToolClient.Answer json = client.call("UploadFileToSession", "path", "reports/", "content", "x");
        assertEquals(400, json.status(), json.toString());
        assertTrue(json.errorMessage().contains("names a folder") && json.errorMessage().contains("reports/data.csv"), json.errorMessage());
        ToolClient.Answer raw = client.send(HttpRequest.newBuilder(URI.create(base + "/api/UploadFileToSession?path="
                        + URLEncoder.encode("reports/", StandardCharsets.UTF_8) + "&sessionId=" + client.sessionId))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(400, raw.status(), raw.toString());
        assertEquals(404, client.call("ReadSessionFile", "path", "reports").status(), "nothing was stored as 'reports'");
    }

    @Test
    void aBodyInAnotherCharsetIsToldToSendUtf8() {
        byte[] latin1 = ("{\"sessionId\":\"" + client.sessionId + "\",\"pythonCode\":\"print('caf\u00e9')\"}").getBytes(StandardCharsets.ISO_8859_1);
        ToolClient.Answer r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/ExecutePythonCode"))
                .header("Content-Type", "application/json; charset=iso-8859-1").POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.errorMessage().contains("UTF-8"), r.errorMessage());
        byte[] utf16 = ("{\"pythonCode\":\"1\"}").getBytes(StandardCharsets.UTF_16);
        ToolClient.Answer wide = client.send(HttpRequest.newBuilder(URI.create(base + "/api/ExecutePythonCode"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(utf16)));
        assertEquals(400, wide.status(), wide.toString());
        assertTrue(wide.errorMessage().contains("not UTF-8"), wide.errorMessage());
    }

    @Test
    void aJsonUploadPastItsLimitStatesTheLimitAndPointsToTheRawUpload() {
        String body = "{\"sessionId\":\"" + client.sessionId + "\",\"path\":\"big.txt\",\"content\":\"" + "x".repeat(20_000_001) + "\"}";
        ToolClient.Answer r = client.post("UploadFileToSession", body, "application/json");
        assertEquals(413, r.status(), r.toString());
        assertTrue(r.errorMessage().contains("20,000,000 characters") && r.errorMessage().contains("application/octet-stream"),
                r.errorMessage());
        assertFalse(r.errorMessage().contains("StreamReadConstraints"), r.errorMessage());
    }

    @Test
    void packageInstallsAreRefusedByWhatRunsNotByHowTheCommandIsSpelled() {
        // A stand-in installer on PATH, named as the real one: it would leave a mark if it ran to its end.
        String setup = "mkdir -p bin && printf '#!/bin/sh\\nsleep 3\\necho ran > /mnt/data/installed\\n' > bin/pip && chmod +x bin/pip"
                + " && cp bin/pip bin/npm";
        assertEquals(0, client.call("RunShellCommand", "command", setup).json().path("exitCode").asInt());
        Map<String, String> spellings = Map.of(
                "X=pip; $X install requests", "pip install",
                "eval \"$(printf 'cGlwIGluc3RhbGwgcmVxdWVzdHM=' | base64 -d)\"", "pip install",
                "n=np; ${n}m i left-pad", "npm i",
                "sh -c \"$(echo pip) install requests\"", "pip install");
        spellings.forEach((command, what) -> {
            JsonNode r = client.call("RunShellCommand", "command", "export PATH=/mnt/data/bin:$PATH; " + command).json();
            assertEquals("failed", r.path("status").asText(), command + ": " + r);
            assertEquals("PackageInstallBlocked", r.path("error").path("type").asText(), command + ": " + r);
            assertTrue(r.path("error").path("message").asText().startsWith(what + " is not available"), command + ": " + r);
        });
        JsonNode after = client.call("RunShellCommand", "command", "sleep 4; ls /mnt/data/installed || echo none").json();
        assertEquals("none\n", after.path("stdout").asText(), "no installer ran to its end: " + after);
    }
}
