package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies that are not what a tool takes: broken or ambiguous JSON, other shapes, other content types,
 * and sizes beyond the host's limit. Each is refused with its exact status; none reaches a session.
 */
class MalformedBodyAttackTest {
    private static final String BASE = LocalStack.shared().baseUrl;
    private final ToolClient client = Sessions.open(BASE);

    @AfterEach
    void deleteSessions() {
        Sessions.deleteAll();
    }

    static Stream<Arguments> bodiesThatAreNotOneJsonObject() {
        return Stream.of(
                Arguments.of("truncated", "{\"pythonCode\": ", "The request body is not valid JSON"),
                Arguments.of("empty", "", "The request has no body"),
                Arguments.of("whitespace", "  \n ", "The request body must be a JSON object"),
                Arguments.of("array", "[{\"pythonCode\": \"1\"}]", "The request body must be a JSON object"),
                Arguments.of("string", "\"print(1)\"", "The request body must be a JSON object"),
                Arguments.of("null", "null", "The request body must be a JSON object"),
                Arguments.of("duplicate key", "{\"pythonCode\": \"1\", \"pythonCode\": \"2\"}", "Duplicate field 'pythonCode'"),
                Arguments.of("two objects", "{\"pythonCode\": \"1\"} {\"pythonCode\": \"2\"}", "The request body is not valid JSON"),
                Arguments.of("single quotes", "{'pythonCode': '1'}", "The request body is not valid JSON"),
                Arguments.of("NaN", "{\"pythonCode\": \"1\", \"timeoutSeconds\": NaN}", "The request body is not valid JSON"),
                Arguments.of("2000-digit number", "{\"pythonCode\": \"1\", \"timeoutSeconds\": " + "9".repeat(2000) + "}",
                        "longer than 1,000 digits"),
                Arguments.of("100k nested arrays", "{\"pythonCode\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                        "deeper than 1,000 levels"),
                Arguments.of("100k nested objects", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000),
                        "deeper than 1,000 levels"),
                Arguments.of("form encoding", "pythonCode=print(1)", "The request body is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bodiesThatAreNotOneJsonObject(String what, String body, String message) {
        Expect.error(client.post("ExecutePythonCode", body, "application/json"), 400, "InvalidRequest", message);
    }

    @Test
    void invalidUtf8IsRefusedNotGuessed() {
        byte[] body = {'{', '"', 'p', 'a', 't', 'h', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ToolClient.Answer a = client.send(HttpRequest.newBuilder(URI.create(BASE + "/api/ReadSessionFile"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        Expect.error(a, 400, "InvalidRequest", "The request body is not UTF-8");
    }

    /** JSON is JSON whatever the label: agents and proxies often send text/plain or nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void jsonIsReadWhateverTheContentType(String contentType) {
        ToolClient.Answer a = contentType == null
                ? client.send(HttpRequest.newBuilder(URI.create(BASE + "/api/ExecutePythonCode"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\": \"" + client.sessionId + "\", \"pythonCode\": \"6 * 7\"}")))
                : client.post("ExecutePythonCode", "{\"sessionId\": \"" + client.sessionId + "\", \"pythonCode\": \"6 * 7\"}", contentType);
        assertEquals("42", Expect.outcome(a, "succeeded").path("result").asText());
    }

    static Stream<String> jsonIsReadWhateverTheContentType() {
        return Stream.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8", null);
    }

    @Test
    void onlyUploadTakesRawBytesAndThenOnlyWithAPath() {
        ToolClient.Answer noPath = client.send(HttpRequest.newBuilder(URI.create(BASE + "/api/UploadFileToSession?sessionId=" + client.sessionId))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofString("bytes")));
        Expect.error(noPath, 400, "InvalidRequest", "A raw upload names its file in the query: ?path=");
        Expect.error(client.post("ExecutePythonCode", "print(1)", "application/octet-stream"), 400, "InvalidRequest",
                "The request body is not valid JSON");
    }

    @Test
    void aBodyOverTheHostsHundredMegabytesIs413BeforeItIsRead() {
        long size = 104_857_601L;
        ToolClient.Answer a = client.send(HttpRequest.newBuilder(URI.create(BASE + "/api/UploadFileToSession?path=huge.bin&sessionId="
                        + client.sessionId)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(size)), size)));
        Expect.error(a, 413, "RequestTooLarge", "at most 104857600 bytes");
        Expect.error(client.call("ReadSessionFile", "path", "huge.bin"), 404, "FileNotFound", "No file /mnt/data/huge.bin");
    }

    @Test
    void anUploadOfExactlyOneHundredMegabytesIsStoredWhole() {
        long size = 104_857_600L;
        ToolClient.Answer a = client.send(HttpRequest.newBuilder(URI.create(BASE + "/api/UploadFileToSession?path=exact.bin&sessionId="
                        + client.sessionId)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(size)), size)));
        assertEquals(size, Expect.ok(a).path("size").asLong());
        String check = Expect.outcome(client.call("RunShellCommand", "command", "stat -c %s exact.bin && rm exact.bin"), "succeeded")
                .path("stdout").asText();
        assertEquals(size + "\n", check);
    }

    @Test
    void aSessionIdWithControlCharactersIsRefusedEverywhere() {
        Expect.error(client.call("ListSessionFiles", Expect.body("sessionId", "a\u0000b")), 400, "InvalidRequest", "control character");
        Expect.error(client.call("ListSessionFiles", Expect.body("sessionId", "a\r\nSet-Cookie: x")), 400, "InvalidRequest", "control character");
        ToolClient.Answer raw = client.send(HttpRequest.newBuilder(URI.create(BASE + "/api/UploadFileToSession?path=a.txt&sessionId=a%07b"))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofString("x")));
        Expect.error(raw, 400, "InvalidRequest", "control character");
        ToolClient.Answer poll = client.send(HttpRequest.newBuilder(URI.create(BASE + "/api/GetExecutionResult?executionId=x&sessionId=%1b")).GET());
        Expect.error(poll, 400, "InvalidRequest", "control character");
    }

    @Test
    void unicodeSessionIdsAreOrdinaryIds() {
        String emoji = "🦊".repeat(64);
        assertEquals(128, emoji.length(), "128 UTF-16 code units: at the limit");
        ToolClient fox = new ToolClient(BASE, emoji);
        Sessions.track(PoolAccess.KEY_HOLDER, emoji);
        fox.python("fox = 'ראשון مرحبا'");
        assertEquals("'ראשון مرحبا'", fox.python("fox").path("result").asText());
        assertTrue(new String(fox.call("ListSessionFiles", Expect.body()).body(), StandardCharsets.UTF_8).contains("\"files\""));
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
