package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The file tools on what an SRE brings, through the whole stack: a log of 250 MB (the test pool's largest
 * file is 256 MiB), a line of 5,000,000 characters, a folder of 100,000 files, and grep -E patterns.
 *
 * <p>The big files are made in a hidden folder, so the call that makes them does not copy them to Blob
 * Storage as its outputs; naming that folder (or file) as {@code path} searches it.
 */
class FilesAtScaleTest {
    private static final String LOG = "/mnt/data/.big/app.log";
    private static final long LOG_LINES = 250L * 1024 * 1024 / 32 + 4;

    private final ToolClient client = new ToolClient(LocalStack.shared().baseUrl);

    /** 250 MB of 32-byte lines, the rare one fourth from the end, then three more. */
    private void writeBigLog() {
        client.python("import os\nos.makedirs('/mnt/data/.big', exist_ok=True)\n"
                + "block = b'2026-12-03 INFO all is well ...\\n' * 32768\n"
                + "with open('" + LOG + "', 'wb') as f:\n"
                + "    for _ in range(250):\n"
                + "        f.write(block)\n"
                + "    f.write(b'2026-12-03 INFO nearly done\\n2026-12-03 FATAL disk 97% full\\nINFO after 1\\nINFO after 2\\n')");
    }

    @Test
    void searchFindsTheRareLineNearTheEndOfA250MbLogAndTheEndIsReadDirectly() {
        writeBigLog();
        JsonNode found = client.call("SearchSessionFiles", ToolClient.fields("pattern", "FATAL disk [[:digit:]]+%", "path", ".big")).json();
        assertEquals(1, found.path("matches").size(), found.toString());
        JsonNode match = found.path("matches").get(0);
        assertEquals(LOG, match.path("path").asText());
        assertEquals(LOG_LINES - 2, match.path("line").asLong());
        assertEquals("2026-12-03 FATAL disk 97% full", match.path("text").asText());
        assertEquals(1, found.path("filesSearched").asInt());
        assertFalse(found.path("truncated").asBoolean() || found.path("timedOut").asBoolean(), found.toString());

        ObjectNode tail = ToolClient.fields("path", LOG);
        tail.put("tailLines", 100);
        JsonNode end = client.call("ReadSessionFile", tail).json();
        String[] lines = end.path("content").asText().split("\n");
        assertEquals(100, lines.length);
        assertEquals("INFO after 2", lines[99]);
        assertEquals("2026-12-03 FATAL disk 97% full", lines[97]);
        assertEquals(100, end.path("lineCount").asInt());
        assertTrue(end.path("startLine").isNull() && end.path("totalLines").isNull(),
                "a 250 MB file's lines are not counted to read its end: " + end.path("startLine"));
        assertFalse(end.path("truncated").asBoolean());

        ObjectNode numbered = ToolClient.fields("path", LOG);
        numbered.put("startLine", LOG_LINES - 2).put("maxLines", 1);
        assertEquals("2026-12-03 FATAL disk 97% full\n", client.call("ReadSessionFile", numbered).json().path("content").asText(),
                "the line number the search gave is the line ReadSessionFile reads");
    }

    @Test
    void searchPatternsAreGrepE() {
        client.call("UploadFileToSession", "path", "grep/p.log", "content",
                "id 42\nERROR a\nWARN b\nerror c\n  indented\n(literal)\nINFO d\n");
        assertEquals(List.of(1), lines("[[:digit:]]+"));
        assertEquals(List.of(2, 3), lines("^(ERROR|WARN) "));
        assertEquals(List.of(5), lines("^[[:space:]]+indented$"));
        assertEquals(List.of(6), lines("\\(literal\\)"));
        ObjectNode folded = ToolClient.fields("pattern", "^error", "path", "grep/p.log");
        folded.put("ignoreCase", true);
        assertEquals(2, client.call("SearchSessionFiles", folded).json().path("matches").size());
        JsonNode python = client.call("SearchSessionFiles", ToolClient.fields("pattern", "\\d+", "path", "grep/p.log")).json();
        assertTrue(python.path("patternWarning").asText().contains("[[:digit:]]"), python.toString());
        ToolClient.Answer bad = client.call("SearchSessionFiles", "pattern", "(ERROR");
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("InvalidPattern", bad.errorCode(), bad.toString());
    }

    private List<Integer> lines(String pattern) {
        JsonNode r = client.call("SearchSessionFiles", ToolClient.fields("pattern", pattern, "path", "grep/p.log")).json();
        List<Integer> found = new ArrayList<>();
        r.path("matches").forEach(m -> found.add(m.path("line").asInt()));
        return found;
    }

    @Test
    void whatTheSearchPassesOverIsListedWithTheReason() {
        client.python("import os\nos.makedirs('/mnt/data/skips/.hidden', exist_ok=True)\n"
                + "open('/mnt/data/skips/ok.log', 'w').write('hit\\n')\n"
                + "open('/mnt/data/skips/.hidden/h.log', 'w').write('hit\\n')\n"
                + "open('/mnt/data/skips/blob.bin', 'wb').write(b'hit\\0')\n"
                + "os.symlink('/etc/hostname', '/mnt/data/skips/out.log')");
        JsonNode r = client.call("SearchSessionFiles", ToolClient.fields("pattern", "hit", "path", "skips")).json();
        assertEquals(1, r.path("matches").size(), r.toString());
        assertEquals(3, r.path("filesSkipped").asInt(), r.toString());
        Set<String> skipped = new HashSet<>();
        r.path("skipped").forEach(s -> skipped.add(s.path("path").asText() + " " + s.path("reason").asText().split("[ (:;]", 3)[1]));
        assertEquals(Set.of("/mnt/data/skips/.hidden hidden", "/mnt/data/skips/blob.bin binary", "/mnt/data/skips/out.log symbolic"),
                skipped, r.toString());
    }

    @Test
    void aFiveMillionCharacterLineIsReadInPartsThatAlwaysMoveOn() {
        client.python("import os\nos.makedirs('/mnt/data/.big', exist_ok=True)\n"
                + "open('/mnt/data/.big/one-line.json', 'w').write('[' + '7,' * 2499999 + '7]\\n{\"second\": true}\\n')");
        ObjectNode read = ToolClient.fields("path", ".big/one-line.json");
        long seen = 0;
        int calls = 0;
        JsonNode page;
        do {
            page = client.call("ReadSessionFile", read).json();
            assertEquals(1, page.path("startLine").asInt(), page.path("next").asText());
            int length = page.path("content").asText().length();
            assertTrue(length > 0, "every call makes progress");
            seen += length;
            calls++;
            if (page.path("nextColumn").isMissingNode()) {
                break;
            }
            assertTrue(page.path("next").asText().contains("startColumn " + page.path("nextColumn").asInt()), page.path("next").asText());
            read.put("startLine", 1).put("startColumn", page.path("nextColumn").asInt());
        } while (calls < 40);
        assertEquals(5_000_002 + 17, seen, "the whole line with its line feed, then the second line, once each");
        assertEquals(26, calls, "200,000 characters a call");
        assertEquals("]\n{\"second\": true}\n", page.path("content").asText(), "the long line's end, then the next line whole");
        assertEquals(2, page.path("endLine").asInt());
        assertEquals(2, page.path("totalLines").asInt());
        assertFalse(page.path("truncated").asBoolean());
        assertNull(page.get("next"));
    }

    @Test
    void aFolderOf100000FilesIsListedPageByPageWithNothingLostOrRepeated() {
        client.python("import os\nos.makedirs('/mnt/data/many/sub', exist_ok=True)\n"
                + "for n in range(99000):\n    open('/mnt/data/many/f%06d.log' % n, 'w').close()\n"
                + "for n in range(1000):\n    open('/mnt/data/many/sub/g%04d.log' % n, 'w').close()");
        Set<String> seen = new HashSet<>();
        int entries = 0;
        int pages = 0;
        String cursor = null;
        do {
            ObjectNode page = ToolClient.fields("path", "many");
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            JsonNode r = client.call("ListSessionFiles", page).json();
            pages++;
            for (JsonNode f : r.path("files")) {
                seen.add(f.path("path").asText());
                entries++;
            }
            assertEquals(r.path("truncated").asBoolean(), r.has("nextCursor"), "a cut page gives the next page's cursor");
            cursor = r.path("nextCursor").asText(null);
            assertTrue(r.path("files").size() == 1000 || cursor == null, "every page but the last is full");
        } while (cursor != null && pages < 200);
        assertEquals(100, pages);
        assertEquals(100_000, entries);
        assertEquals(100_000, seen.size(), "no file is listed twice");
        assertTrue(seen.contains("/mnt/data/many/f098999.log") && seen.contains("/mnt/data/many/sub/g0999.log"));
        ToolClient.Answer bad = client.call("ListSessionFiles", ToolClient.fields("path", "many", "cursor", "../etc"));
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("InvalidCursor", bad.errorCode());
    }
}
