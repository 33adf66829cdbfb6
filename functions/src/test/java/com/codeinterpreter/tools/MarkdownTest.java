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

    @Test
    void imagesABrowserShowsAreInlineAndTiffAndEpsAreLinks() {
        for (String name : List.of("a.png", "a.jpg", "a.JPEG", "a.gif", "a.svg", "a.webp", "a.bmp")) {
            assertEquals("![" + name + "](https://s/x?sig)", Markdown.of(List.of(file(name))), name);
        }
        for (String name : List.of("scan.tif", "scan.TIFF", "chart.eps", "data.h5", "table.xlsx")) {
            assertEquals("[" + name + "](https://s/x?sig)", Markdown.of(List.of(file(name))), name);
        }
    }

    private static OutputFile file(String name) {
        return new OutputFile(name, "/mnt/data/" + name, 1, ContentTypes.of(name), "https://s/x?sig", null, null);
    }
}
