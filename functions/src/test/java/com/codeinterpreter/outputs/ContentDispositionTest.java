package com.codeinterpreter.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void showsRasterImagesAndPdfInline() {
        assertEquals("inline; filename=\"plot.png\"; filename*=UTF-8''plot.png",
                ContentDisposition.forDownload("plot.png", "image/png"));
        assertEquals("inline; filename=\"r.pdf\"; filename*=UTF-8''r.pdf",
                ContentDisposition.forDownload("r.pdf", "Application/PDF; name=r.pdf"));
    }

    @Test
    void downloadsEverythingElseIncludingSvg() {
        assertEquals("attachment; filename=\"data.csv\"; filename*=UTF-8''data.csv",
                ContentDisposition.forDownload("data.csv", "text/csv"));
        assertEquals("attachment; filename=\"x.svg\"; filename*=UTF-8''x.svg",
                ContentDisposition.forDownload("x.svg", "image/svg+xml"));
        assertEquals("attachment; filename=\"page.html\"; filename*=UTF-8''page.html",
                ContentDisposition.forDownload("page.html", "text/html; charset=utf-8"));
    }

    @Test
    void encodesNonAsciiNamesPerRfc5987WithAnAsciiFallback() {
        assertEquals("attachment; filename=\"_bersicht 2024.csv\"; filename*=UTF-8''%C3%9Cbersicht%202024.csv",
                ContentDisposition.forDownload("Übersicht 2024.csv", "text/csv"));
        assertEquals("inline; filename=\"__.png\"; filename*=UTF-8''%E5%9B%BE%E8%A1%A8.png",
                ContentDisposition.forDownload("图表.png", "image/png"));
    }

    @Test
    void keepsQuotesBackslashesAndSlashesOutOfTheQuotedName() {
        assertEquals("attachment; filename=\"a_b_c_d.txt\"; filename*=UTF-8''a%22b%5Cc%2Fd.txt",
                ContentDisposition.forDownload("a\"b\\c/d.txt", "text/plain"));
        assertEquals("attachment; filename=\"a__b\"; filename*=UTF-8''a%0D%0Ab",
                ContentDisposition.forDownload("a\r\nb", "text/plain"));
    }

    @Test
    void rejectsABlankName() {
        assertThrows(IllegalArgumentException.class, () -> ContentDisposition.forDownload(" ", "text/plain"));
    }
}
