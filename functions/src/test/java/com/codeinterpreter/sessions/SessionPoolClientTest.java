package com.codeinterpreter.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the client behaves when the pool fails: what it retries (decided where each request is built), what it
 * reports, and how the legacy api-version shapes its requests. The pool is a stub serving the specification's
 * examples and scripted failures.
 */
class SessionPoolClientTest {
    private static final String ID = "testSessionIdentifier";
    private final PoolStub stub = PoolStub.started();
    private final SessionPoolClient client = new SessionPoolClientBuilder().endpoint(stub.url()).staticToken("t").buildClient();

    @AfterEach
    void stop() {
        stub.close();
    }

    private static PoolStub.Reply example(String name) {
        return PoolStub.Reply.example(PoolStub.example("2025-10-02-preview", name));
    }

    @Test
    void anExecutionAnswered500IsNotRepeatedBecauseTheCodeMayHaveRun() {
        stub.reply(PoolStub.Reply.status(500), example("CodeExecution_Execute_Sync"));
        SessionPoolException e = assertThrows(SessionPoolException.class, () -> client.execute(ID, "print(7*9)", 60, 4096));
        assertEquals(500, e.status());
        assertEquals("HttpStatus500", e.code());
        assertFalse(e.retryable(), "the caller decides: the code may have run in part");
        assertEquals(1, stub.seen().size());
    }

    @Test
    void anExecutionThrottledOrRefusedByAnUnavailablePoolIsRepeated() {
        stub.reply(PoolStub.Reply.status(429), PoolStub.Reply.status(503), example("CodeExecution_Execute_Sync"));
        assertEquals(PoolExecution.State.SUCCEEDED, client.execute(ID, "print(7*9)", 60, 4096).state());
        assertEquals(3, stub.seen().size());
        assertEquals(stub.seen().get(0).text(), stub.seen().get(2).text(), "the same request, sent again");
        assertEquals(stub.seen().get(0).header("operation-id"), stub.seen().get(2).header("operation-id"));
    }

    @Test
    void aPollAnswered500IsRepeatedBecauseReadingTwiceIsHarmless() {
        stub.reply(PoolStub.Reply.status(500), example("CodeExecution_Get_Completed"));
        assertEquals(PoolExecution.State.SUCCEEDED, client.poll(ID, "testExecutionId").state());
        assertEquals(2, stub.seen().size());
    }

    @Test
    void anUploadAnswered502IsRepeatedWithTheWholeFile() {
        stub.reply(PoolStub.Reply.status(502), example("SessionResourceFiles_Upload"));
        client.upload(ID, null, "data.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, stub.seen().size());
        assertTrue(stub.seen().get(1).text().contains("\r\n\r\na,b\n1,2\n\r\n--"), stub.seen().get(1).text());
        assertEquals(Map.of("api-version", "2025-10-02-preview", "identifier", ID), stub.seen().get(1).query(),
                "no path parameter for /mnt/data itself");
    }

    @Test
    void aDownloadAnswered502IsRepeated() throws IOException {
        stub.reply(PoolStub.Reply.status(502), example("SessionResourceFiles_GetContent"));
        try (FileDownload download = client.download(ID, null, "testfile")) {
            assertEquals("testfilecontent", new String(download.content().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(2, stub.seen().size());
    }

    @Test
    void aMissingSessionIsReportedByItsErrorCodeFromTheHeader() {
        stub.reply(new PoolStub.Reply(400, Map.of("x-ms-error-code", "SessionWithIdentifierNotFound"), new byte[0]));
        SessionPoolException e = assertThrows(SessionPoolException.class, () -> client.poll(ID, "testExecutionId"));
        assertTrue(e.sessionNotFound());
        assertEquals("The session pool answered HTTP 400.", e.getMessage());
    }

    @Test
    void aFullPoolIsReportedFromTheBodyAsRetryableAndNotAsAMissingFile() {
        JsonNode body = PoolStub.JSON.createObjectNode().set("error", PoolStub.JSON.createObjectNode()
                .put("code", "SessionPoolCapacityReached").put("message", "No more sessions are being allocated."));
        stub.reply(PoolStub.Reply.json(404, body));
        SessionPoolException e = assertThrows(SessionPoolException.class, () -> client.download(ID, null, "f"));
        assertEquals("SessionPoolCapacityReached", e.code());
        assertEquals("No more sessions are being allocated.", e.getMessage());
        assertTrue(e.retryable());
        assertFalse(e.notFound());
    }

    @Test
    void aBodyThatIsNotJsonIsAnInvalidPoolResponse() {
        stub.reply(new PoolStub.Reply(200, Map.of("Content-Type", "text/html"), "<html>".getBytes(StandardCharsets.UTF_8)));
        SessionPoolException e = assertThrows(SessionPoolException.class, () -> client.execute(ID, "1", 60, 4096));
        assertEquals("InvalidPoolResponse", e.code());
    }

    @Test
    void theLegacyVersionExecutesOnCodeExecuteWithThePropertiesWrapper() {
        // 2024-02-02-preview publishes no examples in our copies; the shape is the documented one (aca-sessions.md).
        JsonNode answer = PoolStub.JSON.createObjectNode().set("properties", PoolStub.JSON.createObjectNode()
                .put("status", "Success").put("stdout", "63\n").put("stderr", "").put("result", "").put("executionTimeInMilliseconds", 4));
        stub.reply(PoolStub.Reply.json(200, answer));
        SessionPoolClient legacy = new SessionPoolClientBuilder().endpoint(stub.url())
                .serviceVersion(SessionPoolServiceVersion.V2024_02_02_PREVIEW).staticToken("t").buildClient();

        PoolExecution execution = legacy.execute(ID, "print(7*9)", 60, 4096);

        assertEquals(PoolExecution.State.SUCCEEDED, execution.state());
        assertEquals("63\n", execution.stdout());
        PoolStub.Seen seen = stub.only();
        assertEquals("/code/execute", seen.path());
        assertEquals(PoolStub.JSON.createObjectNode().set("properties", PoolStub.JSON.createObjectNode()
                .put("codeInputType", "inline").put("executionType", "synchronous").put("code", "print(7*9)")
                .put("timeoutInSeconds", 60)), seen.json());
    }

    @Test
    void theLegacyVersionUploadsAndDownloadsOnItsOwnPaths() throws IOException {
        stub.reply(PoolStub.Reply.status(200), new PoolStub.Reply(200, Map.of(), "x".getBytes(StandardCharsets.UTF_8)));
        SessionPoolClient legacy = new SessionPoolClientBuilder().endpoint(stub.url())
                .serviceVersion(SessionPoolServiceVersion.V2024_02_02_PREVIEW).staticToken("t").buildClient();
        legacy.upload(ID, "dir", "a b.txt", new byte[] {1});
        try (FileDownload download = legacy.download(ID, "dir", "a b.txt"); InputStream in = download.content()) {
            assertEquals("x", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals("/files/upload", stub.seen().get(0).path());
        assertEquals("/files/content/a%20b.txt", stub.seen().get(1).path());
    }

    @Test
    void theLegacyVersionCannotStartCodeAsynchronouslyAndSaysWhichSettingToChange() {
        SessionPoolClient legacy = new SessionPoolClientBuilder().endpoint(stub.url())
                .serviceVersion(SessionPoolServiceVersion.V2024_02_02_PREVIEW).staticToken("t").buildClient();
        SessionPoolException e = assertThrows(SessionPoolException.class, () -> legacy.start(ID, "1", 60, 4096));
        assertEquals("AsyncNotSupported", e.code());
        assertEquals("api-version 2024-02-02-preview cannot run code asynchronously; set SESSION_POOL_API_VERSION to "
                + "2025-10-02-preview.", e.getMessage());
        assertTrue(stub.seen().isEmpty());
    }
}
