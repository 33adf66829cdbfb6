package com.codeinterpreter.local.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Semantic Kernel .NET's SessionsPythonPlugin as recorded (aca-clients.md): 2024-10-02-preview, a
 * PascalCase flat body with {@code timeoutInSeconds} before {@code code} and {@code ; charset=utf-8}, and
 * .NET's multipart: a quoted boundary and unquoted {@code name}/{@code filename} beside an RFC 5987
 * {@code filename*}; downloads name the file with {@code Uri.EscapeDataString}.
 */
class SemanticKernelDotNetConformanceTest {
    private final int port = ConformancePool.port();
    private final String query = "?identifier=" + ConformancePool.uuid() + "&api-version=2024-10-02-preview";

    private RecordedRequest dotnet(String method, String target) {
        return RecordedRequest.of(method, target)
                .header("User-Agent", "Semantic-Kernel")
                .header("Authorization", ConformancePool.BEARER);
    }

    private RecordedReply upload(String filename, String filenameStar, byte[] content) {
        String boundary = ConformancePool.uuid();
        return dotnet("POST", "/files" + query)
                .header("Content-Type", "multipart/form-data; boundary=\"" + boundary + "\"")
                .body(RecordedRequest.multipart(boundary, List.of(
                        "Content-Disposition: form-data; name=file; filename=" + filename + "; filename*=utf-8''" + filenameStar),
                        content))
                .send(port);
    }

    @Test
    void uploadsWithDotNetFramingListsRunsAndDownloads() {
        RecordedReply none = dotnet("GET", "/files" + query).send(port);
        assertEquals(200, none.status(), none.text());
        assertEquals(0, none.json().path("value").size());

        byte[] content = "hello from .NET\n".getBytes(StandardCharsets.UTF_8);
        RecordedReply up = upload("x.txt", "x.txt", content);
        assertEquals(200, up.status(), "the plugin's upload: " + up.text());
        assertEquals("x.txt", up.json().path("name").asText());
        assertEquals(content.length, up.json().path("sizeInBytes").asInt());

        byte[] accented = "é\n".getBytes(StandardCharsets.UTF_8);
        RecordedReply star = upload("r_sum_.txt", "r%C3%A9sum%C3%A9.txt", accented);
        assertEquals(200, star.status(), star.text());
        assertEquals("résumé.txt", star.json().path("name").asText(), "filename* is the name, decoded");

        RecordedReply ran = dotnet("POST", "/executions" + query)
                .header("Content-Type", "application/json; charset=utf-8")
                .body("{\"codeInputType\":\"Inline\",\"executionType\":\"Synchronous\",\"timeoutInSeconds\":100,"
                        + "\"code\":\"print(open('/mnt/data/x.txt').read().strip())\\nlen(open('/mnt/data/résumé.txt').read())\"}")
                .send(port);
        assertEquals(200, ran.status(), ran.text());
        JsonNode execution = ran.json();
        assertEquals("Succeeded", execution.path("status").asText(), ran.text());
        assertEquals("hello from .NET\n", execution.path("result").path("stdout").asText());
        assertEquals("2", execution.path("result").path("executionResult").asText());

        RecordedReply printed = dotnet("POST", "/executions" + query)
                .header("Content-Type", "application/json; charset=utf-8")
                .body("{\"codeInputType\":\"Inline\",\"executionType\":\"Synchronous\",\"timeoutInSeconds\":100,\"code\":\"print(7*9)\"}")
                .send(port);
        assertEquals("", printed.json().path("result").path("executionResult").asText(), printed.text());
        assertTrue(printed.json().path("result").path("executionResult").isTextual(), "\"\" as in the specification's example");

        JsonNode listed = dotnet("GET", "/files" + query).send(port).json();
        assertEquals(2, listed.path("value").size(), listed.toString());
        for (JsonNode f : listed.path("value")) {
            assertTrue(f.path("name").isTextual() && f.path("sizeInBytes").isNumber() && f.path("lastModifiedAt").isTextual(), f.toString());
            assertEquals("file", f.path("type").asText().toLowerCase(java.util.Locale.ROOT));
        }
        RecordedReply download = dotnet("GET", "/files/r%C3%A9sum%C3%A9.txt/content" + query).send(port);
        assertEquals(200, download.status(), download.text());
        assertArrayEquals(accented, download.body());
    }
}
