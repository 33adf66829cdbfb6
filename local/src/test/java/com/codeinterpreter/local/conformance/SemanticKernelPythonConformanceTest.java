package com.codeinterpreter.local.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Semantic Kernel Python's SessionsPythonTool as recorded (aca-clients.md): 2024-02-02-preview's legacy
 * routes, the identifier not encoded, {@code timeoutInSeconds: 100} inside {@code properties}, the
 * multipart file name sent as {@code /mnt/data/<name>}, and {@code Content-Type: application/json} kept on
 * every request as a default header, GETs included.
 */
class SemanticKernelPythonConformanceTest {
    private final int port = ConformancePool.port();
    private final String query = "?identifier=" + ConformancePool.uuid() + "&api-version=2024-02-02-preview";

    private RecordedRequest httpx(String method, String target) {
        return RecordedRequest.of(method, target)
                .header("accept", "*/*")
                .header("accept-encoding", "gzip, deflate")
                .header("connection", "keep-alive")
                .header("user-agent", "semantic-kernel-python")
                .header("Authorization", ConformancePool.BEARER);
    }

    @Test
    void uploadsUnderAMntDataNameListsRunsAndDownloads() {
        RecordedReply none = httpx("GET", "/files" + query).header("Content-Type", "application/json").send(port);
        assertEquals(200, none.status(), none.text());
        assertEquals(0, none.json().path("value").size());

        byte[] content = "print('from a file')\n".getBytes(StandardCharsets.UTF_8);
        String boundary = ConformancePool.uuid().replace("-", "");
        RecordedReply up = httpx("POST", "/files/upload" + query)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .body(RecordedRequest.multipart(boundary, List.of(
                        "Content-Disposition: form-data; name=\"file\"; filename=\"/mnt/data/script.py\"",
                        "Content-Type: application/octet-stream"), content))
                .send(port);
        assertEquals(200, up.status(), up.text());
        JsonNode file = up.json().path("value").get(0).path("properties");
        assertEquals("script.py", file.path("filename").asText());
        assertEquals(content.length, file.path("size").asInt());
        assertTrue(file.path("lastModifiedTime").isTextual());

        RecordedReply ran = httpx("POST", "/code/execute" + query)
                .header("Content-Type", "application/json")
                .body("{\"properties\": {\"codeInputType\": \"inline\", \"executionType\": \"synchronous\", \"code\": "
                        + "\"exec(open('/mnt/data/script.py').read())\\n6 * 7\", \"timeoutInSeconds\": 100}}")
                .send(port);
        JsonNode p = ran.json().path("properties");
        assertEquals("Success", p.path("status").asText(), ran.text());
        assertEquals("from a file\n", p.path("stdout").asText());
        assertEquals(42, p.path("result").asInt());

        RecordedReply shown = httpx("POST", "/code/execute" + query)
                .header("Content-Type", "application/json")
                .body("{\"properties\": {\"codeInputType\": \"inline\", \"executionType\": \"synchronous\", \"code\": "
                        + "\"import matplotlib.pyplot as plt\\nplt.plot([1, 4, 9])\\nplt.show()\", \"timeoutInSeconds\": 100}}")
                .send(port);
        assertEquals("image", shown.json().path("properties").path("result").path("type").asText(), shown.text());

        RecordedReply listed = httpx("GET", "/files" + query).header("Content-Type", "application/json").send(port);
        assertEquals("script.py", listed.json().path("value").get(0).path("properties").path("filename").asText());
        RecordedReply download = httpx("GET", "/files/content/script.py" + query).header("Content-Type", "application/json").send(port);
        assertEquals(200, download.status(), download.text());
        assertArrayEquals(content, download.body());
    }
}
