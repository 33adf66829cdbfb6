package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paths chosen to leave /mnt/data: climbing out, absolute elsewhere, hidden characters, and symbolic
 * links planted in the session that point out of it. Every tool that takes a path refuses them with a
 * 400, and nothing outside /mnt/data is read or written, in the sandbox or on the host.
 */
class PathAttackTest {
    private static final ToolClient client = Sessions.open(LocalStack.shared().baseUrl);
    private static final List<String> PATH_TOOLS = List.of("ReadSessionFile", "ListSessionFiles", "SearchSessionFiles", "GetSessionFile",
            "UploadFileToSession");

    @BeforeAll
    static void plantLinksAndAFifo() {
        Expect.outcome(client.call("RunShellCommand", "command", "mkdir -p inside && echo hi > inside/f.txt && ln -s /etc etc_link "
                + "&& ln -s / root_link && ln -s /etc/passwd passwd_link && ln -s inside inner_link && ln -s ../../.. up_link "
                + "&& mkfifo fifo"), "succeeded");
    }

    @AfterAll
    static void deleteSessions() {
        Sessions.deleteAll();
    }

    static Stream<Arguments> pathsOutsideMntData() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : List.of("../etc/passwd", "/etc/passwd", "/mnt/data/../../etc/passwd", "/mnt/database/x", "/", "a\u0000b",
                "a\nb", "a\u0085b", "bad\ud800half", "evil\u202Etxt.exe")) {
            for (String tool : PATH_TOOLS) {
                cases.add(Arguments.of(tool, path));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void pathsOutsideMntData(String tool, String path) {
        ObjectNode body = Expect.body("path", path);
        switch (tool) {
            case "SearchSessionFiles" -> body.put("pattern", "root");
            case "UploadFileToSession" -> body.put("content", "planted");
            default -> { }
        }
        ToolClient.Answer a = Expect.postEscaped(client, tool, body);
        assertEquals(400, a.status(), a.toString());
        assertEquals("InvalidRequest", a.errorCode(), a.toString());
    }

    static Stream<Arguments> linksThatLeaveMntDataAreRefused() {
        return Stream.of(
                Arguments.of("ReadSessionFile", Expect.body("path", "etc_link/passwd")),
                Arguments.of("ReadSessionFile", Expect.body("path", "passwd_link")),
                Arguments.of("ReadSessionFile", Expect.body("path", "up_link/etc/passwd")),
                Arguments.of("ListSessionFiles", Expect.body("path", "root_link")),
                Arguments.of("ListSessionFiles", Expect.body("path", "etc_link", "recursive", false)),
                Arguments.of("SearchSessionFiles", Expect.body("path", "root_link", "pattern", "root")),
                Arguments.of("SearchSessionFiles", Expect.body("path", "passwd_link", "pattern", "sandbox")),
                Arguments.of("GetSessionFile", Expect.body("path", "passwd_link")),
                Arguments.of("GetSessionFile", Expect.body("path", "etc_link/passwd")),
                Arguments.of("UploadFileToSession", Expect.body("path", "etc_link/planted.txt", "content", "x")),
                Arguments.of("UploadFileToSession", Expect.body("path", "root_link/tmp/planted.txt", "content", "x")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void linksThatLeaveMntDataAreRefused(String tool, ObjectNode body) {
        ToolClient.Answer a = client.call(tool, body);
        Expect.error(a, 400, "PathOutsideDataFolder", "symbolic link");
    }

    @Test
    void nothingWasPlantedOutsideMntDataInTheSandboxOrOnTheHost() {
        JsonNode r = Expect.outcome(client.call("RunShellCommand", "command", "ls /etc/planted.txt /tmp/planted.txt 2>&1; true"), "succeeded");
        assertEquals(2, r.path("stdout").asText().split("No such file").length - 1, r.toString());
        assertFalse(Files.exists(Path.of("/etc/planted.txt")));
        assertFalse(Files.exists(Path.of("/tmp/planted.txt")));
    }

    @Test
    void aWholeTreeSearchSkipsLinksThatLeadOutAndFollowsNoneOut() {
        JsonNode r = Expect.ok(client.call("SearchSessionFiles", "pattern", "sandbox:x|root:x|^hi$"));
        assertEquals(List.of("/mnt/data/inside/f.txt"), r.path("matches").findValuesAsText("path"), r.toString());
    }

    @Test
    void linksThatStayInsideMntDataStillWork() {
        assertEquals("hi\n", Expect.ok(client.call("ReadSessionFile", "path", "inner_link/f.txt")).path("content").asText());
        assertEquals(1, Expect.ok(client.call("ListSessionFiles", "path", "inner_link")).path("files").size());
    }

    @Test
    void aFifoIsRefusedAtOnceInsteadOfBlockingTheSession() {
        long started = System.nanoTime();
        Expect.error(client.call("ReadSessionFile", "path", "fifo"), 400, "NotARegularFile", "not a regular file");
        Expect.error(client.call("GetSessionFile", "path", "fifo"), 400, "NotARegularFile", "not a regular file");
        Expect.ok(client.call("SearchSessionFiles", "pattern", "anything"));
        assertEquals(true, (System.nanoTime() - started) / 1_000_000_000 < 10, "no call waited for a writer");
        assertEquals("'alive'", client.python("'alive'").path("result").asText());
    }

    @Test
    void unicodeNamesAreKeptExactlyNfcAndNfdAreDifferentFiles() {
        String nfc = Normalizer.normalize("café-😀-שלום-مرحبا.txt", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        Expect.ok(client.call("UploadFileToSession", "path", "uni/" + nfc, "content", "composed"));
        Expect.ok(client.call("UploadFileToSession", "path", "uni/" + nfd, "content", "decomposed"));
        assertEquals("composed", Expect.ok(client.call("ReadSessionFile", "path", "uni/" + nfc)).path("content").asText());
        assertEquals("decomposed", Expect.ok(client.call("ReadSessionFile", "path", "uni/" + nfd)).path("content").asText());
        List<String> names = Expect.ok(client.call("ListSessionFiles", "path", "uni")).path("files").findValuesAsText("name");
        assertEquals(List.of(nfc, nfd).stream().sorted().toList(), names.stream().sorted().toList());
        JsonNode link = Expect.ok(client.call("GetSessionFile", "path", "uni/" + nfd));
        assertEquals(nfd, link.path("name").asText());
        assertEquals("decomposed", new String(ToolClient.download(link.path("url").asText()).body(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
