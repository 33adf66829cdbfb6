package com.codeinterpreter.local.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain Python (langchain-azure-dynamic-sessions) as recorded (aca-clients.md): SessionsPythonREPLTool
 * on 2024-02-02-preview with the identifier {@code quote()}d (so '/' stays as it is) and parts typed
 * {@code application/octet-stream}, its {@code close()} deleting the session with 2025-10-02-preview, and
 * SessionsBashTool on 2025-02-02-preview with {@code shellCommand} and {@code execCommandAndArgs}.
 */
class LangChainPythonConformanceTest {
    private final int port = ConformancePool.port();
    /** {@code urllib.parse.quote("langchain/<uuid>:repl")}: '/' is safe by default, ':' is escaped. */
    private final String identifier = "langchain/" + ConformancePool.uuid() + "%3Arepl";

    private RecordedRequest requests(String method, String target) {
        return RecordedRequest.of(method, target)
                .header("User-Agent", "langchain-azure-dynamic-sessions/1.0.3 (Language=Python)")
                .header("Accept-Encoding", "gzip, deflate")
                .header("Accept", "*/*")
                .header("Connection", "keep-alive")
                .header("Authorization", ConformancePool.BEARER);
    }

    private String legacy() {
        return "?identifier=" + identifier + "&api-version=2024-02-02-preview";
    }

    private RecordedReply upload(String target, String filename, byte[] content) {
        String boundary = ConformancePool.uuid().replace("-", "");
        return requests("POST", target)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .body(RecordedRequest.multipart(boundary, List.of(
                        "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"",
                        "Content-Type: application/octet-stream"), content))
                .send(port);
    }

    @Test
    void replToolListsUploadsRunsShowsAFigureAndCloses() {
        RecordedReply none = requests("GET", "/files" + legacy()).send(port);
        assertEquals(200, none.status(), none.text());
        assertEquals(0, none.json().path("value").size());

        byte[] data = "x\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8);
        RecordedReply up = upload("/files/upload" + legacy(), "numbers.csv", data);
        assertEquals(200, up.status(), up.text());
        assertEquals("numbers.csv", up.json().path("value").get(0).path("properties").path("filename").asText());

        RecordedReply ran = requests("POST", "/code/execute" + legacy())
                .header("Content-Type", "application/json")
                .body("{\"properties\": {\"codeInputType\": \"inline\", \"executionType\": \"synchronous\", \"code\": "
                        + "\"import pandas as pd\\nprint('sum')\\n{'total': int(pd.read_csv('numbers.csv').x.sum())}\"}}")
                .send(port);
        assertEquals(200, ran.status(), ran.text());
        JsonNode p = ran.json().path("properties");
        assertEquals("Success", p.path("status").asText());
        assertEquals("sum\n", p.path("stdout").asText());
        assertEquals(6, p.path("result").path("total").asInt(), "a dict comes back as a JSON object");

        RecordedReply figure = requests("POST", "/code/execute" + legacy())
                .header("Content-Type", "application/json")
                .body("{\"properties\": {\"codeInputType\": \"inline\", \"executionType\": \"synchronous\", \"code\": "
                        + "\"import matplotlib.pyplot as plt\\nplt.bar(['a', 'b'], [1, 2])\\nplt.show()\"}}")
                .send(port);
        JsonNode image = figure.json().path("properties").path("result");
        // The tool checks these two keys and hands base64_data on as the image.
        assertEquals("image", image.path("type").asText(), figure.text());
        assertEquals("png", image.path("format").asText());
        assertTrue(image.path("base64_data").asText().length() > 100);

        RecordedReply content = requests("GET", "/files/content/numbers.csv" + legacy()).send(port);
        assertArrayEquals(data, content.body());
        RecordedReply closed = requests("DELETE", "/session?identifier=" + identifier + "&api-version=2025-10-02-preview").send(port);
        assertEquals(204, closed.status(), closed.text());
    }

    @Test
    void closingAToolThatNeverRanSucceeds() {
        RecordedReply closed = requests("DELETE", "/session?identifier=langchain/" + ConformancePool.uuid()
                + "&api-version=2025-10-02-preview").send(port);
        assertTrue(closed.status() / 100 == 2, "close() raises on anything but 2xx: " + closed.status() + " " + closed.text());
    }

    @Test
    void bashToolRunsCommandsAndMovesFiles() {
        String query = "?identifier=" + identifier + "&api-version=2025-02-02-preview";
        RecordedReply up = upload("/files" + query + "&path=/mnt/data", "notes.txt", "hello file\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, up.status(), up.text());
        assertEquals("notes.txt", up.json().path("name").asText());

        RecordedReply echo = requests("POST", "/executions" + query)
                .header("Content-Type", "application/json")
                .body("{\"shellCommand\": \"echo hello && cat notes.txt\"}")
                .send(port);
        assertEquals(200, echo.status(), echo.text());
        assertEquals(0, Integer.parseInt(echo.json().path("status").asText()), "the tool reads int(status)");
        assertEquals("hello\nhello file\n", echo.json().path("result").path("stdout").asText());
        assertEquals("", echo.json().path("result").path("stderr").asText());

        RecordedReply ls = requests("POST", "/executions" + query)
                .header("Content-Type", "application/json")
                .body("{\"execCommandAndArgs\": [\"sh\", \"-c\", \"ls; echo made > out.txt; exit 3\"]}")
                .send(port);
        assertEquals(3, Integer.parseInt(ls.json().path("status").asText()), ls.text());
        assertEquals("notes.txt\n", ls.json().path("result").path("stdout").asText());

        RecordedReply out = requests("GET", "/files/out.txt/content" + query).send(port);
        assertEquals(200, out.status(), out.text());
        assertEquals("made\n", out.text());
    }
}
