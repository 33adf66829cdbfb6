package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.codeinterpreter.outputs.OutputStore;
import com.codeinterpreter.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a link grants: reading one blob, until it expires, and nothing else; and what the markdown built
 * from names the code chose can do: nothing but link to that blob.
 */
class LinkAttackTest {
    private static final LocalStack STACK = LocalStack.shared();
    private final ToolClient client = Sessions.open(STACK.baseUrl);

    @AfterEach
    void deleteSessions() {
        Sessions.deleteAll();
    }

    private String linkTo(String name, String content) {
        Expect.ok(client.call("UploadFileToSession", "path", name, "content", content));
        return Expect.ok(client.call("GetSessionFile", "path", name)).path("url").asText();
    }

    @Test
    void aLinkCannotOverwriteOrDeleteItsBlob() {
        String url = linkTo("keep.txt", "original");
        HttpResponse<String> put = ToolClient.sendAlone(HttpRequest.newBuilder(URI.create(url)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("tampered")));
        assertEquals(403, put.statusCode(), put.body());
        assertEquals(403, ToolClient.sendAlone(HttpRequest.newBuilder(URI.create(url)).DELETE()).statusCode());
        assertEquals("original", new String(ToolClient.download(url).body(), StandardCharsets.UTF_8));
    }

    @Test
    void aLinkReadsOneBlobNotItsNeighboursNorTheContainer() {
        String first = linkTo("first.txt", "one");
        String second = linkTo("second.txt", "two");
        String sas = first.substring(first.indexOf('?'));
        assertEquals(403, ToolClient.download(second.substring(0, second.indexOf('?')) + sas).statusCode());
        String container = first.substring(0, first.indexOf("/outputs/") + "/outputs".length());
        assertEquals(403, ToolClient.download(container + "?restype=container&comp=list&" + sas.substring(1)).statusCode());
        assertEquals(200, ToolClient.download(first).statusCode());
    }

    @Test
    void aLinkIsReadOnlyForOneBlobAndExpiresWhenTheAnswerSays() {
        JsonNode link = Expect.ok(uploadThenLink("terms.txt"));
        Map<String, String> q = query(link.path("url").asText());
        assertEquals("r", q.get("sp"), "read only");
        assertEquals("b", q.get("sr"), "one blob");
        Instant expiresAt = Instant.parse(link.path("expiresAt").asText());
        assertEquals(expiresAt, Instant.parse(q.get("se")), "the link's own expiry is the one the answer states");
        long ahead = Duration.between(Instant.now(), expiresAt).toSeconds();
        assertTrue(ahead > 29 * 60 && ahead <= 30 * 60, "OUTPUTS_LINK_TTL_MINUTES=30 ahead, was " + ahead + " s");
    }

    private ToolClient.Answer uploadThenLink(String name) {
        Expect.ok(client.call("UploadFileToSession", "path", name, "content", "terms"));
        return client.call("GetSessionFile", "path", name);
    }

    @Test
    void aLinkPastItsExpiryOrBeforeItsStartIsRefused() {
        Settings settings = Settings.of(Map.of("OUTPUTS_STORAGE_CONNECTION_STRING", STACK.azurite.connectionString(),
                "OUTPUTS_CONTAINER", "outputs", "OUTPUTS_LINK_TTL_MINUTES", "30"));
        byte[] bytes = "dated".getBytes(StandardCharsets.UTF_8);
        for (Duration shift : new Duration[] {Duration.ofHours(-2), Duration.ofHours(2)}) {
            OutputStore store = OutputStore.fromSettings(settings, Clock.offset(Clock.systemUTC(), shift));
            var out = store.store("attack/expiry/" + shift.toHours() + ".txt", "dated.txt", "text/plain", new ByteArrayInputStream(bytes), bytes.length);
            assertEquals(403, ToolClient.download(out.url()).statusCode(), "signed with a clock " + shift + " off");
        }
        OutputStore now = OutputStore.fromSettings(settings);
        var fresh = now.store("attack/expiry/now.txt", "dated.txt", "text/plain", new ByteArrayInputStream(bytes), bytes.length);
        assertEquals(200, ToolClient.download(fresh.url()).statusCode());
    }

    @Test
    void aFileNameCannotAddLinksImagesOrHtmlToTheMarkdown() {
        JsonNode r = client.python("name = 'a\\\\](javascript:alert(1)) ![b<img src=x>' + chr(96) + 'c.txt'\n"
                + "open('/mnt/data/' + name, 'w').write('x')");
        String url = r.path("files").get(0).path("url").asText();
        String md = r.path("markdown").asText();
        assertTrue(md.startsWith("[") && md.endsWith("](" + url + ")"), md);
        String label = md.substring(1, md.length() - url.length() - 3);
        for (char c : "[]<>`".toCharArray()) {
            assertFalse(unescaped(label, c), "an unescaped " + c + " in " + label);
        }
    }

    @Test
    void namesNoBlobCanCarryStillGetWorkingLinks() {
        JsonNode r = client.python(String.join("\n", "import os",
                "open('/mnt/data/two\\nlines.txt', 'w').write('newline')",
                "open(b'/mnt/data/bad-\\xff.txt', 'wb').write(b'broken utf-8')",
                "deep = '/mnt/data/' + '/'.join(['d' * 40] * 30)",
                "os.makedirs(deep)", "open(deep + '/deep.txt', 'w').write('deep')"));
        assertEquals(3, r.path("files").size(), r.toString());
        for (JsonNode file : r.path("files")) {
            assertEquals(200, ToolClient.download(file.path("url").asText()).statusCode(), file.toString());
        }
        assertFalse(r.path("markdown").asText().contains("two\nlines"), "a line break in a name stays out of the markdown");
    }

    private static boolean unescaped(String text, char c) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
