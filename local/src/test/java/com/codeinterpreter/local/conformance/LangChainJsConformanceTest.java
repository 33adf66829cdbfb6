package com.codeinterpreter.local.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain.js (@langchain/azure-dynamic-sessions 0.2.0) as recorded (aca-clients.md): fetch (undici) on
 * 2024-02-02-preview's legacy routes, lower-case header names, and undici's FormData framing, which puts
 * a file name's UTF-8 bytes in the quoted string as they are.
 */
class LangChainJsConformanceTest {
    private final int port = ConformancePool.port();
    private final String query = "?api-version=2024-02-02-preview&identifier=" + ConformancePool.uuid();

    private RecordedRequest fetch(String method, String target) {
        return RecordedRequest.of(method, target)
                .header("connection", "keep-alive")
                .header("authorization", ConformancePool.BEARER)
                .header("accept", "*/*")
                .header("accept-language", "*")
                .header("sec-fetch-mode", "cors")
                .header("user-agent", "node")
                .header("accept-encoding", "gzip, deflate");
    }

    @Test
    void uploadsAUtf8NamedFileRunsCodeAndDownloads() {
        RecordedReply none = fetch("GET", "/files" + query).send(port);
        assertEquals(200, none.status(), none.text());

        byte[] content = "ü,ß\n1,2\n".getBytes(StandardCharsets.UTF_8);
        String boundary = "----formdata-undici-0" + "31415926535";
        RecordedReply up = fetch("POST", "/files/upload" + query)
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .body(RecordedRequest.multipart(boundary, List.of(
                        "Content-Disposition: form-data; name=\"file\"; filename=\"données.csv\"",
                        "Content-Type: text/csv"), content))
                .send(port);
        assertEquals(200, up.status(), up.text());
        JsonNode file = up.json().path("value").get(0).path("properties");
        assertEquals("données.csv", file.path("filename").asText(), "stored under its own name, not an encoded form");
        assertEquals(content.length, file.path("size").asInt());

        RecordedReply ran = fetch("POST", "/code/execute" + query)
                .header("content-type", "application/json")
                .body("{\"properties\":{\"codeInputType\":\"inline\",\"executionType\":\"synchronous\",\"code\":"
                        + "\"print(open('données.csv', encoding='utf-8').read().split(',')[0])\\n'done'\"}}")
                .send(port);
        JsonNode p = ran.json().path("properties");
        assertEquals("Success", p.path("status").asText(), ran.text());
        assertEquals("ü\n", p.path("stdout").asText());
        assertEquals("done", p.path("result").asText());

        RecordedReply figure = fetch("POST", "/code/execute" + query)
                .header("content-type", "application/json")
                .body("{\"properties\":{\"codeInputType\":\"inline\",\"executionType\":\"synchronous\",\"code\":"
                        + "\"import matplotlib.pyplot as plt\\nfig, ax = plt.subplots()\\nax.plot([0, 1])\\nplt.show()\"}}")
                .send(port);
        assertEquals("image", figure.json().path("properties").path("result").path("type").asText(), figure.text());
        assertTrue(figure.json().path("properties").path("result").has("base64_data"));

        RecordedReply download = fetch("GET", "/files/content/donn%C3%A9es.csv" + query).send(port);
        assertEquals(200, download.status(), download.text());
        assertArrayEquals(content, download.body());
    }
}
