package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One session, or one caller, reaching another's files, variables, executions or links: each attempt
 * finds nothing (404s and empty answers, never the other's data).
 */
class IsolationAttackTest {
    private static final LocalStack STACK = LocalStack.shared();
    private final ToolClient alice = Sessions.open(STACK.baseUrl);
    private final ToolClient mallory = Sessions.open(STACK.baseUrl);

    @AfterEach
    void deleteSessions() {
        Sessions.deleteAll();
    }

    @Test
    void anotherSessionCannotListSearchReadOrLinkTheFiles() {
        Expect.ok(alice.call("UploadFileToSession", "path", "private/secret.txt", "content", "alpha-secret"));
        assertEquals(List.of(), Expect.ok(mallory.call("ListSessionFiles", Expect.body())).path("files").findValuesAsText("name"));
        assertEquals(0, Expect.ok(mallory.call("SearchSessionFiles", "pattern", "alpha-secret")).path("matches").size());
        Expect.error(mallory.call("ReadSessionFile", "path", "private/secret.txt"), 404, "FileNotFound", "No file");
        Expect.error(mallory.call("ReadSessionFile", "path", "/mnt/data/private/secret.txt"), 404, "FileNotFound", "No file");
        Expect.error(mallory.call("GetSessionFile", "path", "private/secret.txt"), 404, "FileNotFound", "No file");
        assertEquals("alpha-secret", Expect.ok(alice.call("ReadSessionFile", "path", "private/secret.txt")).path("content").asText());
    }

    @Test
    void anotherSessionCannotSeeVariablesOrModules() {
        alice.python("alpha_var = 'alpha-secret'\nimport json\njson.alpha_marker = 1");
        JsonNode seen = mallory.python("import json\n('alpha_var' in globals(), hasattr(json, 'alpha_marker'))");
        assertEquals("(False, False)", seen.path("result").asText());
    }

    @Test
    void anExecutionIdIsOnlyValidInItsOwnSession() throws InterruptedException {
        ToolClient.Answer accepted = alice.call("ExecutePythonCode", Expect.body("pythonCode", "'alpha-result'", "timeoutSeconds", 186));
        assertEquals(202, accepted.status(), accepted.toString());
        String id = accepted.json().path("executionId").asText();
        Expect.error(mallory.call("GetExecutionResult", "executionId", id), 404, "ExecutionNotFound", "No execution " + id);
        ToolClient.Answer polled;
        int polls = 0;
        do {
            Thread.sleep(100);
            polled = alice.call("GetExecutionResult", "executionId", id);
        } while (polled.status() == 202 && ++polls < 100);
        assertEquals("'alpha-result'", Expect.ok(polled).path("result").asText());
    }

    @Test
    void linksLiveUnderEachSessionsOwnPrefixAndCannotBeRetargeted() {
        String aliceUrl = alice.python("open('/mnt/data/a.txt', 'w').write('alpha-secret')").path("files").get(0).path("url").asText();
        String malloryUrl = mallory.python("open('/mnt/data/m.txt', 'w').write('mine')").path("files").get(0).path("url").asText();
        String alicePrefix = URI.create(aliceUrl).getPath().split("/")[3];
        assertEquals(PoolAccess.identifier(alice.sessionId), alicePrefix, "the blob prefix is the session's HMAC identifier");
        assertNotEquals(alicePrefix, URI.create(malloryUrl).getPath().split("/")[3]);
        String aliceBlobWithMallorysSas = aliceUrl.substring(0, aliceUrl.indexOf('?')) + malloryUrl.substring(malloryUrl.indexOf('?'));
        assertEquals(403, ToolClient.download(aliceBlobWithMallorysSas).statusCode(), "a SAS signs one blob name");
        assertEquals(200, ToolClient.download(aliceUrl).statusCode());
    }

    @Test
    void withBuiltInAuthenticationTwoCallersWithOneSessionIdHaveTwoSessions() {
        LocalStack easyAuth = LocalStack.hostOn(STACK, Map.of("WEBSITE_AUTH_ENABLED", "True"));
        try {
            String shared = "same-session-id-" + System.nanoTime();
            Sessions.track("principal:principal-a", shared);
            Sessions.track("principal:principal-b", shared);
            callAs(easyAuth.baseUrl, "principal-a", "ExecutePythonCode", "{\"sessionId\":\"" + shared + "\",\"pythonCode\":\"owner = 'a'\"}");
            callAs(easyAuth.baseUrl, "principal-a", "UploadFileToSession", "{\"sessionId\":\"" + shared + "\",\"path\":\"a.txt\",\"content\":\"a\"}");
            JsonNode b = callAs(easyAuth.baseUrl, "principal-b", "ExecutePythonCode", "{\"sessionId\":\"" + shared
                    + "\",\"pythonCode\":\"globals().get('owner')\"}");
            assertEquals("", b.path("result").asText(""), "caller B does not see caller A's variable: " + b);
            assertEquals(0, callAs(easyAuth.baseUrl, "principal-b", "ListSessionFiles", "{\"sessionId\":\"" + shared + "\"}").path("files").size());
            JsonNode a = callAs(easyAuth.baseUrl, "principal-a", "ExecutePythonCode", "{\"sessionId\":\"" + shared + "\",\"pythonCode\":\"owner\"}");
            assertEquals("'a'", a.path("result").asText());
        } finally {
            easyAuth.stop();
        }
    }

    @Test
    void withoutBuiltInAuthenticationThePrincipalHeaderIsIgnoredAsForgeable() {
        String shared = "forged-header-" + System.nanoTime();
        Sessions.track(PoolAccess.KEY_HOLDER, shared);
        callAs(STACK.baseUrl, "principal-a", "ExecutePythonCode", "{\"sessionId\":\"" + shared + "\",\"pythonCode\":\"owner = 'a'\"}");
        JsonNode b = callAs(STACK.baseUrl, "principal-b", "ExecutePythonCode", "{\"sessionId\":\"" + shared + "\",\"pythonCode\":\"owner\"}");
        assertEquals("'a'", b.path("result").asText(), "one caller: the function key holder");
    }

    /** The pool runs as root on the host; a link swapped in after its checks must not lead it out of the session. */
    @Test
    void linksSwappedInDuringFileTransfersNeverLetThePoolReadOrWriteHostFiles() throws Exception {
        Path canary = Files.createTempDirectory(Path.of("/var/tmp"), "attack-canary-");
        Files.writeString(canary.resolve("secret.txt"), "HOST-SECRET");
        PoolAccess pool = new PoolAccess(STACK);
        String session = mallory.sessionId;
        try {
            // Run below the tools' helper, straight in the kernel, as code that got past any guardrail would.
            pool.execute(session, String.join("\n", "import os, shutil, threading",
                    "os.chdir('/mnt/data'); os.makedirs('d', exist_ok=True); os.makedirs('u', exist_ok=True)",
                    "open('d/secret.txt', 'w').write('inside')",
                    "stop_swap = threading.Event()",
                    "def flip(name):",
                    "    try:",
                    "        os.rename(name, name + '_real'); os.symlink('" + canary + "', name)",
                    "        os.unlink(name); os.rename(name + '_real', name)",
                    "    except OSError:",
                    "        if os.path.islink(name): os.unlink(name)",
                    "        if os.path.isdir(name + '_real'):",
                    "            shutil.rmtree(name, ignore_errors=True); os.rename(name + '_real', name)",
                    "def swap():",
                    "    while not stop_swap.is_set():",
                    "        flip('d'); flip('u')",
                    "threading.Thread(target=swap, daemon=True).start()"));
            int read = 0;
            for (int i = 0; i < 300; i++) {
                HttpResponse<byte[]> r = pool.content(session, "d", "secret.txt");
                assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("HOST-SECRET"), "attempt " + i + " read the host's file");
                read += r.statusCode() == 200 ? 1 : 0;
                pool.upload(session, "u", "planted-" + i + ".txt", "planted".getBytes(StandardCharsets.UTF_8));
            }
            pool.execute(session, "stop_swap.set()");
            try (var left = Files.list(canary)) {
                assertEquals(List.of(canary.resolve("secret.txt")), left.toList(), "nothing was written into the host folder");
            }
            assertTrue(read > 0, "the race ran: some reads found the session's own file");
        } finally {
            pool.deleteSession(session);
            try (var left = Files.list(canary)) {
                for (Path p : left.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(canary);
        }
    }

    private static JsonNode callAs(String baseUrl, String principal, String tool, String body) {
        ToolClient.Answer a = new ToolClient(baseUrl).send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + tool))
                .header("Content-Type", "application/json").header("x-ms-client-principal-id", principal)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return Expect.ok(a);
    }
}
