package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The session pool or Blob Storage not there at all: an absent pool is a 503 with a retry hint, and an
 * absent Blob Storage costs the links but not the result or the files. Each test waits out the app's
 * retries (seconds), so the two run side by side (and only with each other), each on its own functions host.
 */
class UnavailableBackendAttackTest {
    private static final LocalStack SHARED = LocalStack.shared();

    @AfterAll
    static void deleteSessions() {
        Sessions.deleteAll();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void anUnreachablePoolIs503WithRetryAfterAndAHint() throws IOException {
        LocalStack noPool = LocalStack.hostOn(SHARED, Map.of("SESSION_POOL_ENDPOINT", "http://127.0.0.1:" + closedPort()));
        try {
            ToolClient.Answer a = new ToolClient(noPool.baseUrl).call("ExecutePythonCode", "pythonCode", "1");
            Expect.error(a, 503, "PoolUnreachable", "This is temporary: retry the call in a few seconds.");
            assertEquals("5", a.raw().headers().firstValue("Retry-After").orElse(null));
        } finally {
            noPool.stop();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void withoutBlobStorageTheResultStandsTheFilesStayAndTheMissingLinksAreExplained() throws IOException {
        String deadStorage = SHARED.azurite.connectionString().replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + closedPort());
        LocalStack noBlobs = LocalStack.hostOn(SHARED, Map.of("OUTPUTS_STORAGE_CONNECTION_STRING", deadStorage));
        try {
            ToolClient tool = Sessions.open(noBlobs.baseUrl);
            JsonNode r = Expect.outcome(tool.call("ExecutePythonCode", "pythonCode",
                    "open('/mnt/data/report.csv', 'w').write('a,b\\n1,2\\n')\nprint('written')"), "succeeded");
            assertEquals("written\n", r.path("stdout").asText());
            JsonNode file = r.path("files").get(0);
            assertNull(file.get("url"));
            assertTrue(file.path("linkError").asText().contains("the storage endpoint is unreachable"), file.toString());
            assertTrue(r.path("notes").toString().contains("Nothing was lost: fetch them later with GetSessionFile."), r.toString());
            assertEquals("report.csv", Expect.ok(tool.call("ListSessionFiles", Expect.body())).path("files").get(0).path("name").asText());
            assertEquals("a,b\n1,2\n", Expect.ok(tool.call("ReadSessionFile", "path", "report.csv")).path("content").asText());
            ToolClient.Answer link = tool.call("GetSessionFile", "path", "report.csv");
            Expect.error(link, 503, "LinkUnavailable", "the storage endpoint is unreachable");
            assertEquals("5", link.raw().headers().firstValue("Retry-After").orElse(null));
        } finally {
            noBlobs.stop();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
