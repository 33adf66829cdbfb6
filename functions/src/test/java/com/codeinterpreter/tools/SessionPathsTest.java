package com.codeinterpreter.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.ToolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionPathsTest {
    @Test
    void relativeAndAbsolutePathsInsideMntDataAreAccepted() {
        assertEquals("/mnt/data/a/b.csv", SessionPaths.resolve("path", "a/b.csv"));
        assertEquals("/mnt/data/a/b.csv", SessionPaths.resolve("path", "/mnt/data/a/b.csv"));
        assertEquals("/mnt/data/b.csv", SessionPaths.resolve("path", "a/../b.csv"));
        assertEquals("/mnt/data", SessionPaths.resolve("path", "/mnt/data"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc/passwd", "/etc/passwd", "/mnt/database", "/mnt/data/../../etc", "a/../../x"})
    void pathsOutsideMntDataAreRefused(String path) {
        ToolException e = assertThrows(ToolException.class, () -> SessionPaths.resolve("path", path));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("outside /mnt/data"), e.getMessage());
    }

    @Test
    void controlCharactersAndOverlongNamesAreRefused() {
        assertThrows(ToolException.class, () -> SessionPaths.resolve("path", "a\u0000b"));
        assertThrows(ToolException.class, () -> SessionPaths.resolve("path", "a\nb"));
        assertThrows(ToolException.class, () -> SessionPaths.resolve("path", "x".repeat(256)));
        assertEquals("/mnt/data/" + "x".repeat(255), SessionPaths.resolve("path", "x".repeat(255)));
        assertThrows(ToolException.class, () -> SessionPaths.resolve("path", "a/".repeat(600)));
    }

    @Test
    void namesAreCountedInBytesAndDisguisingCharactersAreRefused() {
        assertEquals("/mnt/data/" + "é".repeat(127), SessionPaths.resolve("path", "é".repeat(127)));
        assertThrows(ToolException.class, () -> SessionPaths.resolve("path", "é".repeat(128)), "256 bytes");
        for (String bad : new String[] {"a\u0085b", "half\ud800", "evil\u202Etxt.exe", "x\u2066y"}) {
            assertThrows(ToolException.class, () -> SessionPaths.resolve("path", bad), bad);
            assertThrows(ToolException.class, () -> SessionPaths.fileName("saveAsFilename", bad), bad);
        }
        assertEquals("/mnt/data/😀-שלום.txt", SessionPaths.resolve("path", "😀-שלום.txt"));
    }

    @Test
    void downloadNamesArePlainFileNames() {
        assertEquals("daily_summary.pdf", SessionPaths.fileName("saveAsFilename", " daily_summary.pdf "));
        for (String bad : new String[] {"a/b.pdf", "..", "a\\b.pdf", "", "x\ty"}) {
            assertThrows(ToolException.class, () -> SessionPaths.fileName("saveAsFilename", bad), bad);
        }
    }
}
