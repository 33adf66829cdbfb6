package com.codeinterpreter.local.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's SessionsREPLTool as recorded (aca-clients.md): api-version 2024-02-02-preview, the legacy
 * routes, a lower-case {@code properties} body with {@code code} first, the identifier URL-encoded, an
 * upload part typed {@code application/json} whatever the file, and the JDK client's {@code Upgrade: h2c}.
 */
class LangChain4jConformanceTest {
    private static final String VERSION = "api-version=2024-02-02-preview";
    private final int port = ConformancePool.port();
    private final String query = "?identifier=" + URLEncoder.encode("lc4j:" + ConformancePool.uuid() + "/repl", StandardCharsets.UTF_8)
            + "&" + VERSION;

    private RecordedRequest jdk(String method, String target) {
        return RecordedRequest.of(method, target)
                .header("Connection", "Upgrade, HTTP2-Settings")
                .header("HTTP2-Settings", "AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA")
                .header("Upgrade", "h2c")
                .header("User-Agent", "Java-http-client/17.0.13")
                .header("Authorization", ConformancePool.BEARER);
    }

    private JsonNode execute(String code) {
        RecordedReply r = jdk("POST", "/code/execute" + query)
                .header("Content-Type", "application/json")
                .body("{\"properties\":{\"code\":" + RecordedReply.JSON.valueToTree(code) + ",\"codeInputType\":\"inline\",\"executionType\":\"synchronous\"}}")
                .send(port);
        assertEquals(200, r.status(), r.text());
        return r.json().path("properties");
    }

    @Test
    void listUploadExecuteShowAFigureAndDownloadAsTheToolDoes() {
        RecordedReply before = jdk("GET", "/files" + query).send(port);
        assertEquals(200, before.status(), "the tool lists before it has run code: " + before.text());
        assertEquals(0, before.json().path("value").size());

        byte[] csv = "city,temp\nOslo,3\nRome,15\n".getBytes(StandardCharsets.UTF_8);
        String boundary = "-----" + ConformancePool.uuid().replace("-", "");
        RecordedReply uploaded = jdk("POST", "/files/upload" + query)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .body(RecordedRequest.multipart(boundary, List.of(
                        "Content-Disposition: form-data; name=\"file\"; filename=\"weather.csv\"",
                        "Content-Type: application/json"), csv))
                .send(port);
        assertEquals(200, uploaded.status(), uploaded.text());
        JsonNode file = uploaded.json().path("value").get(0).path("properties");
        assertEquals("weather.csv", file.path("filename").asText());
        assertEquals(csv.length, file.path("size").asInt());
        assertTrue(file.path("lastModifiedTime").isTextual());

        JsonNode ran = execute("import pandas as pd\ndf = pd.read_csv('/mnt/data/weather.csv')\nprint(len(df))\nint(df.temp.max())");
        assertEquals("Success", ran.path("status").asText(), ran.toString());
        assertEquals("2\n", ran.path("stdout").asText());
        assertEquals("", ran.path("stderr").asText());
        assertEquals(15, ran.path("result").asInt());

        JsonNode shown = execute("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2])\nplt.show()");
        // The tool takes base64_data out of the result before a model sees it: it must be there to take.
        assertEquals("image", shown.path("result").path("type").asText(), shown.toString());
        assertEquals("png", shown.path("result").path("format").asText());
        assertTrue(shown.path("result").path("base64_data").asText().startsWith("iVBORw0KGgo"), "a base64 PNG");

        JsonNode failed = execute("1 / 0");
        assertEquals("Failure", failed.path("status").asText());
        assertTrue(failed.path("stderr").asText().contains("ZeroDivisionError"), failed.toString());

        RecordedReply listed = jdk("GET", "/files" + query).send(port);
        assertEquals("weather.csv", listed.json().path("value").get(0).path("properties").path("filename").asText());
        RecordedReply content = jdk("GET", "/files/content/weather.csv" + query).send(port);
        assertEquals(200, content.status());
        assertArrayEquals(csv, content.body());
    }
}
