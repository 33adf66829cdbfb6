package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.identity.SessionIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An answer says when a call did not simply continue its session: new, restarted or expired. */
class SessionLifecycleTest {
    private final LocalStack stack = LocalStack.shared();
    private final ToolClient client = new ToolClient(stack.baseUrl);

    @Test
    void newThenContinuedThenRestartedThenExpired() throws Exception {
        JsonNode first = client.python("x = 1");
        assertEquals("new", first.path("sessionState").asText(), first.toString());
        JsonNode second = client.python("x");
        assertTrue(second.path("sessionState").isMissingNode(), "a continuing call says nothing: " + second);
        assertEquals("1", second.path("result").asText());

        client.call("UploadFileToSession", "path", "kept.txt", "content", "kept");
        client.python("import os\nos._exit(1)");
        JsonNode restarted = client.python("import os\n('x' in globals(), os.path.exists('kept.txt'))");
        assertEquals("restarted", restarted.path("sessionState").asText(), restarted.toString());
        assertEquals("(False, True)", restarted.path("result").asText());
        assertTrue(restarted.path("notes").toString().contains("variables and imports"), restarted.toString());

        expire();
        JsonNode expired = client.python("import os\nos.path.exists('kept.txt')");
        assertEquals("expired", expired.path("sessionState").asText(), expired.toString());
        assertEquals("False", expired.path("result").asText());
        assertTrue(expired.path("notes").toString().contains("expired after being idle"), expired.toString());
        assertFalse(client.python("1").has("sessionState"));
    }

    @Test
    void readingAFileOfAnExpiredSessionSaysWhyItIsGone() throws Exception {
        client.call("UploadFileToSession", "path", "data.csv", "content", "a\n1\n");
        client.call("ReadSessionFile", "path", "data.csv");
        expire();
        ToolClient.Answer gone = client.call("ReadSessionFile", "path", "data.csv");
        assertEquals(404, gone.status());
        assertTrue(gone.errorMessage().contains("expired after being idle"), gone.toString());
    }

    /** What the pool's cooldown does, now: the session and its files are deleted. */
    private void expire() throws Exception {
        String identifier = new SessionIdentity("e2e-secret-0123456789abcdef").identifier("function-key-holder", client.sessionId);
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.pool.url()
                        + "/session?api-version=2025-10-02-preview&identifier=" + identifier))
                .header("Authorization", "Bearer " + LocalStack.POOL_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode(), deleted.body());
    }
}
