package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ReadSessionFile, SearchSessionFiles, ListSessionFiles, GetSessionFile and UploadFileToSession. */
class FileToolsTest {
    private final ToolClient client = new ToolClient(LocalStack.shared().baseUrl);

    @BeforeEach
    void uploadALog() {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            log.append(i % 10 == 0 ? "ERROR" : "INFO").append(" line ").append(i).append('\n');
        }
        assertEquals(200, client.call("UploadFileToSession", "path", "logs/app.log", "content", log.toString()).status());
    }

    @Test
    void uploadAnswersWithTheStoredFilesMetadata() {
        JsonNode r = client.call("UploadFileToSession", "path", "/mnt/data/in/data.csv", "content", "a,b\n1,2\n").json();
        assertEquals("/mnt/data/in/data.csv", r.path("path").asText());
        assertEquals("data.csv", r.path("name").asText());
        assertEquals(8, r.path("size").asInt());
        assertEquals("text/csv", r.path("contentType").asText());
    }

    @Test
    void uploadTakesBase64AndRawBytes() {
        byte[] bytes = {0, 1, 2, (byte) 255};
        ObjectNode f = ToolClient.JSON.createObjectNode().put("path", "bin/b64.bin").put("contentBase64", Base64.getEncoder().encodeToString(bytes));
        assertEquals(200, client.call("UploadFileToSession", f).status());
        ToolClient.Answer raw = client.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().baseUrl
                        + "/api/UploadFileToSession?path=bin/raw.bin&sessionId=" + client.sessionId))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(200, raw.status(), raw.toString());
        assertEquals("(True, True)", client.python("(open('bin/b64.bin','rb').read() == bytes([0,1,2,255]), "
                + "open('bin/raw.bin','rb').read() == bytes([0,1,2,255]))").path("result").asText());
    }

    @Test
    void uploadRefusesBadInput() {
        assertEquals(400, client.call("UploadFileToSession", "path", "../escape.txt", "content", "x").status());
        assertEquals(400, client.call("UploadFileToSession", "path", "x.txt").status());
        ObjectNode both = ToolClient.JSON.createObjectNode().put("path", "x").put("content", "a").put("contentBase64", "YQ==");
        assertEquals(400, client.call("UploadFileToSession", both).status());
        assertEquals(400, client.call("UploadFileToSession", ToolClient.JSON.createObjectNode().put("path", "x").put("contentBase64", "%%%")).status());
    }

    @Test
    void readReturnsLinesWithSizeAndTruncation() {
        JsonNode all = client.call("ReadSessionFile", "path", "logs/app.log").json();
        assertTrue(all.path("content").asText().startsWith("INFO line 1\n"));
        assertEquals(30, all.path("totalLines").asInt());
        assertEquals(false, all.path("truncated").asBoolean());
        assertTrue(all.path("size").asInt() > 0);
        ObjectNode window = ToolClient.JSON.createObjectNode().put("path", "logs/app.log").put("startLine", 10).put("maxLines", 2);
        JsonNode part = client.call("ReadSessionFile", window).json();
        assertEquals("ERROR line 10\nINFO line 11\n", part.path("content").asText());
        assertEquals(true, part.path("truncated").asBoolean());
        assertTrue(part.path("next").asText().contains("startLine 12"));
    }

    @Test
    void readRefusesBinaryMissingAndOutOfRange() {
        client.python("open('/mnt/data/blob.bin', 'wb').write(bytes(range(256)))");
        ToolClient.Answer binary = client.call("ReadSessionFile", "path", "blob.bin");
        assertEquals(415, binary.status());
        assertTrue(binary.errorMessage().contains("GetSessionFile"), binary.toString());
        assertEquals(404, client.call("ReadSessionFile", "path", "nope.txt").status());
        assertEquals(400, client.call("ReadSessionFile", "path", "/etc/passwd").status());
        ObjectNode zero = ToolClient.JSON.createObjectNode().put("path", "logs/app.log").put("startLine", 0);
        assertEquals(400, client.call("ReadSessionFile", zero).status());
        ObjectNode tooMany = ToolClient.JSON.createObjectNode().put("path", "logs/app.log").put("maxLines", 20001);
        assertEquals(400, client.call("ReadSessionFile", tooMany).status());
        assertEquals(200, client.call("ReadSessionFile", tooMany.put("maxLines", 20000)).status());
    }

    @Test
    void searchFindsMatchingLines() {
        JsonNode r = client.call("SearchSessionFiles", "pattern", "ERROR").json();
        assertEquals(3, r.path("matches").size(), r.toString());
        JsonNode first = r.path("matches").get(0);
        assertEquals("/mnt/data/logs/app.log", first.path("path").asText());
        assertEquals(10, first.path("line").asInt());
        assertEquals("ERROR line 10", first.path("text").asText());
        ObjectNode limited = ToolClient.JSON.createObjectNode().put("pattern", "error").put("ignoreCase", true).put("maxResults", 1)
                .put("glob", "*.log").put("path", "logs");
        JsonNode one = client.call("SearchSessionFiles", limited).json();
        assertEquals(1, one.path("matches").size());
        assertEquals(true, one.path("truncated").asBoolean());
        assertEquals(0, client.call("SearchSessionFiles", limited.deepCopy().put("glob", "*.csv")).json().path("matches").size());
        assertEquals(400, client.call("SearchSessionFiles", "pattern", "([unclosed").status());
        assertEquals(400, client.call("SearchSessionFiles", limited.deepCopy().put("maxResults", 1001)).status());
    }

    @Test
    void listShowsFilesWithMetadata() {
        JsonNode r = client.call("ListSessionFiles", ToolClient.JSON.createObjectNode()).json();
        JsonNode log = r.path("files").get(0);
        assertEquals("app.log", log.path("name").asText());
        assertEquals("/mnt/data/logs/app.log", log.path("path").asText());
        assertTrue(log.path("size").asInt() > 0);
        assertTrue(log.path("lastModified").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        assertEquals("text/plain", log.path("contentType").asText());
        JsonNode top = client.call("ListSessionFiles", ToolClient.JSON.createObjectNode().put("recursive", false)).json();
        assertEquals("directory", top.path("files").get(0).path("type").asText());
        assertEquals(404, client.call("ListSessionFiles", "path", "missing-folder").status());
    }

    @Test
    void getSessionFileGivesAnExpiringReadOnlyLink() {
        JsonNode r = client.call("GetSessionFile", "path", "logs/app.log", "saveAsFilename", "application.log").json();
        assertEquals("application.log", r.path("name").asText());
        HttpResponse<byte[]> download = ToolClient.download(r.path("url").asText());
        assertEquals(200, download.statusCode());
        assertTrue(new String(download.body(), StandardCharsets.UTF_8).startsWith("INFO line 1"));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("application.log"));
        assertTrue(r.path("expiresAt").asText().endsWith("Z"));
        HttpResponse<String> overwrite = ToolClient.sendAlone(HttpRequest.newBuilder(URI.create(r.path("url").asText()))
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofString("tampered")));
        assertEquals(403, overwrite.statusCode(), "the link is read-only");
        assertEquals(404, client.call("GetSessionFile", "path", "missing.txt").status());
        assertEquals(404, new ToolClient(LocalStack.shared().baseUrl).call("GetSessionFile", "path", "logs/app.log").status(),
                "another session cannot fetch this file");
    }
}
