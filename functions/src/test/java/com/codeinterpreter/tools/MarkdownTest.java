package com.codeinterpreter.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codeinterpreter.answers.OutputFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {
    @Test
    void aNameStaysTheLinkTextWhateverItHolds() {
        OutputFile file = new OutputFile("a\\](javascript:x) <b>`\nc.txt", null, 1, "text/plain", "https://s/o/b?sig", null, null);
        assertEquals("[a\\\\\\](javascript:x) \\<b\\>\\` c.txt](https://s/o/b?sig)", Markdown.of(List.of(file)));
    }

    @Test
    void ordinaryNamesReadAsThemselves() {
        OutputFile chart = new OutputFile("incidents_by-severity (1).png", null, 1, "image/png", "https://s/c.png?sig", null, null);
        assertEquals("![incidents_by-severity (1).png](https://s/c.png?sig)", Markdown.of(List.of(chart)));
    }
}
