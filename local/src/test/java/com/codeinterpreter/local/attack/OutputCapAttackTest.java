package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Output without end, or just long: the answer shows the first 20,000 characters and says so, the whole
 * stream (up to 50 MB) is saved as a session file with a link, memory stays flat, and the session (and
 * every other session) carries on.
 */
class OutputCapAttackTest {
    private static final LocalStack STACK = LocalStack.shared();
    private static final long SAVED_MAX = 50L * 1024 * 1024;
    private final ToolClient client = Sessions.open(STACK.baseUrl);

    @AfterEach
    void deleteSessions() {
        Sessions.deleteAll();
    }

    @Test
    void endlessPrintingIsCutSavedUpTo50MegabytesAndTheSessionLivesOn() {
        client.python("kept = 'yes'");
        JsonNode r = Expect.outcome(client.call("ExecutePythonCode", Expect.body("pythonCode", "while True:\n    print('x' * 1000)",
                "timeoutSeconds", 3)), "timedOut");
        assertEquals(20_000, r.path("stdout").asText().length());
        assertTrue(r.path("stdoutTruncated").asBoolean());
        JsonNode saved = savedFile(r, "stdout");
        assertEquals(SAVED_MAX, saved.path("size").asLong());
        assertTrue(r.path("notes").toString().contains("Its first 52428800 bytes are saved as " + saved.path("path").asText()), r.toString());
        assertTrue(r.path("notes").toString().contains(saved.path("url").asText()), "the note carries the link");
        HttpResponse<byte[]> download = ToolClient.download(saved.path("url").asText());
        assertEquals(SAVED_MAX, download.body().length);
        assertEquals("x".repeat(1000) + "\n", new String(download.body(), 0, 1001, StandardCharsets.UTF_8));
        long rss = STACK.pool.residentBytes(PoolAccess.identifier(client.sessionId));
        assertTrue(rss < 400L << 20, "the kernel's memory stayed flat: " + (rss >> 20) + " MiB");
        assertEquals("'yes'", client.python("kept").path("result").asText(), "the session kept its state");
    }

    @Test
    void longButFiniteOutputIsSavedWholeForBothStreams() {
        JsonNode r = client.python("print('y' * 50000)\nimport sys\nprint('e' * 30000, file=sys.stderr)");
        assertEquals("y".repeat(20_000), r.path("stdout").asText());
        assertEquals("e".repeat(20_000), r.path("stderr").asText());
        assertTrue(r.path("stdoutTruncated").asBoolean() && r.path("stderrTruncated").asBoolean());
        JsonNode out = savedFile(r, "stdout");
        assertEquals(50_001, out.path("size").asLong());
        assertEquals(30_001, savedFile(r, "stderr").path("size").asLong());
        assertTrue(r.path("notes").toString().contains("stdout was 50001 characters long and is truncated here to its first 20000 "
                + "characters. The whole of it is saved as " + out.path("path").asText()), r.toString());
        JsonNode read = Expect.ok(client.call("ReadSessionFile", "path", out.path("path").asText()));
        assertEquals("y".repeat(50_000) + "\n", read.path("content").asText());
    }

    @Test
    void endlessShellOutputIsCutAndSavedToo() {
        JsonNode r = Expect.outcome(client.call("RunShellCommand", Expect.body("command", "yes", "timeoutSeconds", 2)), "timedOut");
        assertEquals("y\n".repeat(10_000), r.path("stdout").asText());
        assertTrue(r.path("stdoutTruncated").asBoolean());
        assertEquals(SAVED_MAX, savedFile(r, "stdout").path("size").asLong());
        assertEquals("succeeded", client.call("RunShellCommand", "command", "echo alive").json().path("status").asText());
    }

    @Test
    void shortOutputSavesNothing() {
        JsonNode r = client.python("print('short')");
        assertEquals(0, r.path("files").size());
        assertEquals(false, r.has("notes"), r.toString());
    }

    @Test
    void savedOutputsAreKeptToTheNewestTwenty() {
        for (int i = 0; i < 22; i++) {
            client.python("print('z' * 20001)");
        }
        JsonNode listed = Expect.ok(client.call("ListSessionFiles", "path", ".outputs"));
        assertEquals(20, listed.path("files").size(), listed.toString());
    }

    @Test
    void aLoggingHandlerMadeInAnEarlierCallStillWritesAndIsCappedLater() {
        client.python("import logging, sys\nlog = logging.getLogger('attack')\nlog.addHandler(logging.StreamHandler(sys.stdout))\n"
                + "log.setLevel(logging.INFO)");
        assertEquals("hello\n", client.python("log.info('hello')").path("stdout").asText());
        JsonNode r = client.python("for i in range(3000):\n    log.info('line %05d of the log', i)");
        assertTrue(r.path("stdoutTruncated").asBoolean(), r.toString());
        assertTrue(savedFile(r, "stdout").path("size").asLong() > 60_000);
    }

    @Test
    void endlessOutputInOneSessionDoesNotHoldUpAnother() {
        CompletableFuture<ToolClient.Answer> flood = CompletableFuture.supplyAsync(() ->
                client.call("RunShellCommand", Expect.body("command", "yes", "timeoutSeconds", 4)));
        ToolClient other = Sessions.open(STACK.baseUrl);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            assertEquals(String.valueOf(i * i), other.python(i + " * " + i).path("result").asText());
            latencies.add((System.nanoTime() - started) / 1_000_000);
        }
        assertEquals("timedOut", flood.join().json().path("status").asText());
        assertTrue(latencies.stream().allMatch(ms -> ms < 3000), "another session answered within 3 s: " + latencies);
    }

    private static JsonNode savedFile(JsonNode answer, String stream) {
        for (JsonNode file : answer.path("files")) {
            if (file.path("path").asText().startsWith("/mnt/data/.outputs/") && file.path("name").asText().endsWith("-" + stream + ".txt")) {
                return file;
            }
        }
        throw new AssertionError("no saved " + stream + " in " + answer);
    }
}
