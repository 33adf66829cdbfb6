package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The current files API, including its limits and the confinement of paths to /mnt/data. */
class FilesApiTest {
    private final PoolClient client = new PoolClient(TestPools.shared());
    private final String id = PoolClient.newIdentifier();

    @org.junit.jupiter.api.AfterEach
    void deleteSession() {
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, id));
    }

    private String q() {
        return PoolClient.query(PoolClient.CURRENT, id);
    }

    @BeforeEach
    void startSession() {
        client.execute(id, "import os\nos.makedirs('made/by/code', exist_ok=True)\nopen('made/by/code/x.txt','w').write('from code')");
    }

    @Test
    void filesWrittenByCodeAreListedAndServed() {
        JsonNode top = client.get("/files" + q()).json().path("value");
        assertEquals(1, top.size());
        assertEquals("made", top.get(0).path("name").asText());
        assertEquals("Directory", top.get(0).path("type").asText());
        JsonNode all = client.get("/files" + q() + "&recursive=true").json().path("value");
        List<String> paths = new ArrayList<>();
        all.forEach(f -> paths.add(f.path("directory").asText() + "|" + f.path("name").asText()));
        assertEquals(List.of("|made", "made|by", "made/by|code", "made/by/code|x.txt"), paths);
        assertEquals("from code", client.get("/files/x.txt/content" + q() + "&path=made/by/code").text());
        assertEquals("from code", client.get("/files/x.txt/content" + q() + "&path=/mnt/data/made/by/code").text());
    }

    @Test
    void uploadedFilesAreVisibleToCodeAndOwnedByTheSandboxUser() {
        assertEquals(200, client.upload("/files" + q() + "&path=in", "data.csv", "n\n1\n2\n".getBytes()).status());
        JsonNode r = client.execute(id, "import pandas as pd, os\nst = os.stat('in/data.csv')\n(int(pd.read_csv('in/data.csv').n.sum()), st.st_uid)");
        assertEquals("(3, 1000)", r.path("result").path("executionResult").asText());
        JsonNode w = client.execute(id, "open('in/data.csv','a').write('3\\n')");
        assertEquals("Succeeded", w.path("status").asText(), w.toString());
    }

    @Test
    void uploadReplacesAnExistingFile() {
        client.upload("/files" + q(), "same.txt", "one".getBytes());
        client.upload("/files" + q(), "same.txt", "two".getBytes());
        assertEquals("two", client.get("/files/same.txt/content" + q()).text());
    }

    @Test
    void deleteRemovesTheFile() {
        client.upload("/files" + q(), "gone.txt", "x".getBytes());
        assertEquals(204, client.delete("/files/gone.txt" + q()).status());
        PoolClient.Response r = client.get("/files/gone.txt" + q());
        assertEquals(404, r.status());
        assertEquals("FileNotFound", r.errorCode());
    }

    @Test
    void pathsThatLeaveMntDataAreRefused() {
        for (String bad : new String[] {"..", "../..", "/etc", "made/../../x", "/mnt/data/../../etc"}) {
            PoolClient.Response r = client.get("/files" + q() + "&path=" + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8));
            assertEquals(400, r.status(), bad);
            assertEquals("InvalidPath", r.errorCode(), bad);
        }
        PoolClient.Response name = client.get("/files/" + "..%2F..%2Fetc%2Fpasswd" + "/content" + q());
        assertEquals(400, name.status());
    }

    @Test
    void symbolicLinksPlantedByCodeAreNotFollowed() {
        client.execute(id, "import os\nos.symlink('/etc/passwd', 'pw')\nos.symlink('/', 'rootdir')");
        PoolClient.Response viaLink = client.get("/files/pw/content" + q());
        assertEquals(400, viaLink.status());
        assertEquals("InvalidPath", viaLink.errorCode());
        assertEquals(400, client.get("/files" + q() + "&path=rootdir").status());
        assertEquals(400, client.get("/files/shadow/content" + q() + "&path=rootdir/etc").status());
    }

    @Test
    void uploadWithoutAFilePartIsA400() {
        String boundary = "b" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nvalue\r\n--" + boundary + "--\r\n";
        PoolClient.Response r = client.send(HttpRequest.newBuilder(URI.create(TestPools.shared().url() + "/files" + q()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(400, r.status());
        assertTrue(r.json().path("error").path("message").asText().contains("'file'"));
        PoolClient.Response notMultipart = client.postJson("/files" + q(), "{}");
        assertEquals(400, notMultipart.status());
    }

    @Test
    void uploadsOver128MegabytesAre413AndLeaveNothingBehind() {
        long limit = PoolConfig.MAX_UPLOAD_BYTES;
        String boundary = "b" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        // Streamed, not chunked, so the size check happens while reading rather than from Content-Length.
        HttpRequest.BodyPublisher streamed = HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            long sent;
            final long total = head.length + limit + 1 + tail.length;

            @Override
            public int read() {
                if (sent >= total) {
                    return -1;
                }
                long i = sent++;
                if (i < head.length) {
                    return head[(int) i];
                }
                long j = i - head.length - limit - 1;
                return j >= 0 ? tail[(int) j] : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        return n == 0 ? -1 : n;
                    }
                    b[off + n++] = (byte) c;
                }
                return n;
            }
        });
        PoolClient.Response r = client.send(HttpRequest.newBuilder(URI.create(TestPools.shared().url() + "/files" + q()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(streamed));
        assertEquals(413, r.status());
        assertEquals("RequestEntityTooLarge", r.errorCode());
        JsonNode files = client.get("/files" + q()).json().path("value");
        files.forEach(f -> assertTrue(!f.path("name").asText().contains("big") && !f.path("name").asText().startsWith(".upload"), f.toString()));
    }

    @Test
    void anUploadOfExactly128MegabytesIsAccepted() {
        byte[] content = new byte[(int) PoolConfig.MAX_UPLOAD_BYTES];
        PoolClient.Response r = client.upload("/files" + q(), "edge.bin", content);
        assertEquals(200, r.status(), r.text());
        assertEquals(PoolConfig.MAX_UPLOAD_BYTES, r.json().path("sizeInBytes").asLong());
        assertEquals(204, client.delete("/files/edge.bin" + q()).status());
    }
}
