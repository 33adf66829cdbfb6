package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a function sees of the request: URI, method, headers, query parameters and body. */
class RequestAdapterTest {
    private static LocalFunctionsHost host;
    private static HostClient client;

    @BeforeAll
    static void start() throws Exception {
        host = LocalFunctionsHost.start(0, DiscoveryTest.PACKAGE);
        client = new HostClient(host);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void headersHaveLowerCaseNamesAndAreReadableInAnyCase() {
        JsonNode info = client.get("/api/requests/info", "X-Custom", "hello", "Content-Type", "text/csv").json();
        assertEquals("hello", info.path("customLower").asText());
        assertEquals("hello", info.path("customMixed").asText());
        assertEquals("text/csv", info.path("contentTypeLower").asText());
        for (JsonNode name : info.path("headerNames")) {
            assertEquals(name.asText().toLowerCase(Locale.ROOT), name.asText());
        }
    }

    @Test
    void queryParametersAreDecodedRepeatsJoinedAndEmptyOnesLeftOut() {
        JsonNode query = client.get("/api/requests/info?a=1&b=x%20y+z&a=2&empty=&flag").json().path("query");
        assertEquals("{\"a\":\"1,2\",\"b\":\"x y z\"}", query.toString());
    }

    @Test
    void uriMethodAndContextDescribeTheCall() {
        JsonNode info = client.get("/api/requests/info?x=1").json();
        assertEquals("GET", info.path("method").asText());
        assertEquals(client.url("/api/requests/info?x=1"), info.path("uri").asText());
        assertEquals("RequestInfo", info.path("functionName").asText());
        String first = info.path("invocationId").asText();
        assertEquals(36, first.length());
        assertTrue(!first.equals(client.get("/api/requests/info").json().path("invocationId").asText()), "a new id per invocation");
    }

    @Test
    void aJsonStringBodyRoundTripsAsUtf8() {
        String json = "{\"message\":\"h\u00e9llo \u2713 \ud83d\ude00\",\"n\":[1,2,3]}";
        HostClient.Response r = client.post("/api/EchoJson", json, "Content-Type", "application/json");
        assertEquals(200, r.status());
        assertEquals(json, r.text());
        assertEquals("application/json", r.header("Content-Type"));
    }

    @Test
    void aBinaryBodyRoundTripsByteForByte() {
        byte[] body = new byte[3 * 1024 * 1024 + 7];
        new Random(42).nextBytes(body);
        for (int i = 0; i < 256; i++) {
            body[i] = (byte) i;
        }
        HostClient.Response r = client.post("/api/EchoBytes", body, "Content-Type", "application/octet-stream");
        assertEquals(200, r.status());
        assertEquals(Integer.toString(body.length), r.header("X-Body-Length"));
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertArrayEquals(body, r.bytes());
    }

    @Test
    void aChunkedBodyIsReadToTheEnd() {
        byte[] body = new byte[200_000];
        new Random(7).nextBytes(body);
        HostClient.Response r = client.send("PUT", "/api/EchoBytes",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertEquals(200, r.status());
        assertArrayEquals(body, r.bytes());
    }

    @Test
    void aPlainByteArrayBodyIsPassedAsIs() {
        HostClient.Response r = client.post("/api/ReverseBytes", new byte[] {1, 2, 3, (byte) 0xff});
        assertArrayEquals(new byte[] {(byte) 0xff, 3, 2, 1}, r.bytes());
    }

    @Test
    void aMissingBodyIsEmptyOptionalOrNull() {
        assertEquals("{\"empty\":true}", client.send("POST", "/api/EchoJson", HttpRequest.BodyPublishers.noBody()).text());
        assertEquals("(no body)", client.send("POST", "/api/EchoText", HttpRequest.BodyPublishers.noBody()).text());
        assertEquals("0", client.send("POST", "/api/EchoBytes", HttpRequest.BodyPublishers.noBody()).header("X-Body-Length"));
    }

    @Test
    void aPlainStringBodyIsDecodedAsUtf8() {
        assertEquals("you said: gr\u00fc\u00df", client.post("/api/EchoText", "gr\u00fc\u00df").text());
    }
}
