package com.codeinterpreter.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.codeinterpreter.answers.ExecutionStatus;
import org.junit.jupiter.api.Test;

/** What ReadSessionFile tells the caller to do next, from what the helper read. */
class ReadSessionFileToolTest {
    private static final ReadSessionFileTool.Request FROM_START = new ReadSessionFileTool.Request("/mnt/data/a.log", 1, 2000, null, null);
    private static final ReadSessionFileTool.Request TAIL = new ReadSessionFileTool.Request("/mnt/data/a.log", 1, 2000, null, 100);

    private static HelperReply.FileRead read(Integer startLine, Integer endLine, int lineCount, boolean truncated, Integer nextColumn) {
        return new HelperReply.FileRead(ExecutionStatus.SUCCEEDED, null, null, "/mnt/data/a.log", "x", startLine, endLine, lineCount,
                null, 1, truncated, nextColumn);
    }

    @Test
    void aReadThatReachedTheEndHasNothingNext() {
        assertNull(ReadSessionFileTool.next(FROM_START, read(1, 3, 3, false, null)));
    }

    @Test
    void moreLinesAreReadOnFromTheLineAfter() {
        assertEquals("More lines follow: call ReadSessionFile again with startLine 11, or fetch the whole file with GetSessionFile.",
                ReadSessionFileTool.next(FROM_START, read(1, 10, 10, true, null)));
    }

    @Test
    void aLongLineIsReadOnFromItsNextColumn() {
        assertEquals("The last line returned is longer than one answer holds: call ReadSessionFile again with startLine 7 and "
                + "startColumn 200001 for the rest of it.", ReadSessionFileTool.next(FROM_START, read(7, 7, 1, true, 200_001)));
    }

    @Test
    void theEndOfAFileTooBigToCountIsReadOnInLinesFromTheEnd() {
        assertEquals("More lines follow: call ReadSessionFile again with tailLines 40, or fetch the whole file with GetSessionFile.",
                ReadSessionFileTool.next(TAIL, read(null, null, 60, true, null)), "60 of the last 100 read: the last 40 remain");
        assertEquals("The last line returned is longer than one answer holds: call ReadSessionFile again with tailLines 41 and "
                + "startColumn 501 for the rest of it.", ReadSessionFileTool.next(TAIL, read(null, null, 60, true, 501)),
                "the 60th line is cut: it is the first of the last 41");
    }
}
