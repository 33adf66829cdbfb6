package com.codeinterpreter.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobNamesTest {

    @Test
    void joinsPrefixExecutionAndPathKeepingSafeSegments() {
        assertEquals("sessions/s-1/exec_2/charts/plot.v2.png",
                BlobNames.forSessionFile("sessions/s-1", "exec_2", "charts/plot.v2.png"));
        assertEquals("s/e/.hidden~backup", BlobNames.forSessionFile("s", "e", ".hidden~backup"));
    }

    @Test
    void percentEncodesOtherCharactersAsUtf8() {
        assertEquals("s/e/my%20file%20%281%29.csv", BlobNames.forSessionFile("s", "e", "my file (1).csv"));
        assertEquals("s/e/%C3%9Cbersicht.csv", BlobNames.forSessionFile("s", "e", "Übersicht.csv"));
        assertEquals("s/e/%F0%9F%93%88.png", BlobNames.forSessionFile("s", "e", "📈.png"));
        assertEquals("s/e/a%5Cb%3Fc%23d", BlobNames.forSessionFile("s", "e", "a\\b?c#d"));
    }

    @Test
    void encodesThePercentSignSoEncodedAndPlainNamesStayDistinct() {
        assertEquals("s/e/100%25.txt", BlobNames.forSessionFile("s", "e", "100%.txt"));
        assertEquals("s/e/a%2520b", BlobNames.forSessionFile("s", "e", "a%20b"));
    }

    @Test
    void encodesATrailingDotThatSomeHttpStacksWouldStrip() {
        assertEquals("s/e/notes%2E", BlobNames.forSessionFile("s", "e", "notes."));
        assertEquals("s/e/out..%2E/x", BlobNames.forSessionFile("s", "e", "out.../x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../b", "a/..", ".", "./a", "a/./b"})
    void rejectsDotSegmentsInThePath(String path) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlobNames.forSessionFile("s", "e", path));
        assertTrue(e.getMessage().startsWith("relativePath must not contain '"), e.getMessage());
    }

    @Test
    void rejectsDotSegmentsInThePrefixAndExecutionId() {
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forSessionFile("s/..", "e", "f"));
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forSessionFile("s", "..", "f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "a//b", "a/", "/"})
    void rejectsEmptySegments(String path) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlobNames.forSessionFile("s", "e", path));
        assertTrue(e.getMessage().startsWith("relativePath has an empty segment"), e.getMessage());
    }

    @Test
    void rejectsMissingParts() {
        assertEquals("sessionPrefix must not be empty",
                assertThrows(IllegalArgumentException.class, () -> BlobNames.forSessionFile("", "e", "f")).getMessage());
        assertEquals("executionId must not be empty",
                assertThrows(IllegalArgumentException.class, () -> BlobNames.forSessionFile("s", null, "f")).getMessage());
        assertEquals("relativePath must not be empty",
                assertThrows(IllegalArgumentException.class, () -> BlobNames.forSessionFile("s", "e", "")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "tab\there", "del\u007f", "c1\u0085"})
    void rejectsControlCharactersWithoutEchoingThem(String path) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlobNames.forSessionFile("s", "e", path));
        assertTrue(e.getMessage().startsWith("relativePath contains a control character (U+"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }

    @Test
    void rejectsUnpairedSurrogates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlobNames.forSessionFile("s", "e", "\uD83D.png"));
        assertEquals("relativePath is not valid UTF-16 (unpaired surrogate at index 0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forSessionFile("s", "e", "x\uDC00"));
    }

    @Test
    void allowsNamesUpToAzuresLimitOf1024Characters() {
        String longest = "a".repeat(BlobNames.MAX_LENGTH - "s/e/".length());
        assertEquals(1024, BlobNames.forSessionFile("s", "e", longest).length());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlobNames.forSessionFile("s", "e", longest + "a"));
        assertTrue(e.getMessage().startsWith("The blob name would be 1025 characters long"), e.getMessage());
    }

    @Test
    void countsTheLengthAfterEncoding() {
        // 200 characters, 1200 once each becomes %C3%A9.
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forSessionFile("s", "e", "é".repeat(200)));
    }

    @Test
    void rejectsMoreSegmentsThanAzureAllows() {
        String path = "d/".repeat(BlobNames.MAX_SEGMENTS - 2) + "f";
        assertEquals(BlobNames.MAX_SEGMENTS * 2 - 1, BlobNames.forSessionFile("s", "e", path.substring(2)).length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlobNames.forSessionFile("s", "e", path));
        assertEquals("A blob name may have at most 254 segments, this one has 255", e.getMessage());
    }
}
