package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session pool that throttles or fails for a moment, played by a fake in front of the real one:
 * throttling and brief failures are retried with backoff, and a failed code execution is not repeated
 * behind the caller's back.
 */
class UpstreamFaultAttackTest {
    private static final LocalStack SHARED = LocalStack.shared();
    private static FakeUpstream fake;
    private static LocalStack behindFake;
    private final ToolClient client = Sessions.open(behindFake.baseUrl);

    @AfterEach
    void deleteSessions() {
        Sessions.deleteAll();
    }

    @BeforeAll
    static void startAFlakyPoolInFrontOfTheRealOne() throws IOException {
        fake = new FakeUpstream(SHARED.pool.url());
        behindFake = LocalStack.hostOn(SHARED, Map.of("SESSION_POOL_ENDPOINT", fake.url()));
    }

    @AfterAll
    static void stop() {
        behindFake.stop();
        fake.close();
    }

    @BeforeEach
    void aSessionWithItsHelperInstalled() {
        client.python("ready = True");
        fake.reset();
    }

    @Test
    void throttlingIsRetriedWithBackoffUntilThePoolTakesTheCall() {
        fake.script("POST", "/executions", 429, 429);
        assertEquals("'ok'", client.python("'ok'").path("result").asText());
        assertEquals(3, fake.seen("POST", "/executions"), "two 429s, then the call");
    }

    @Test
    void aBriefOutageIsRetried() {
        fake.script("POST", "/executions", 503);
        assertEquals("'ok'", client.python("'ok'").path("result").asText());
        assertEquals(2, fake.seen("POST", "/executions"));
    }

    @Test
    void anExecutionAnswered500IsNotRepeatedAndTheCallerIsToldItMayHaveRun() {
        fake.script("POST", "/executions", 500);
        ToolClient.Answer a = client.call("ExecutePythonCode", "pythonCode", "counter = globals().get('counter', 0) + 1");
        Expect.error(a, 502, "Fake500", "code may have run in part");
        assertEquals(1, fake.seen("POST", "/executions"), "not retried: the code could have run");
    }

    @Test
    void aFailedDownloadIsRetriedBecauseReadingTwiceIsHarmless() {
        Expect.ok(client.call("UploadFileToSession", "path", "r.txt", "content", "retried"));
        fake.script("GET", "/content", 502);
        JsonNode link = Expect.ok(client.call("GetSessionFile", "path", "r.txt"));
        assertEquals("retried", new String(ToolClient.download(link.path("url").asText()).body()));
        assertEquals(2, fake.seen("GET", "/content"));
    }
}
