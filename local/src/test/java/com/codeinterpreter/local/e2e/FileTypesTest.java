package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every file type the contract supports, written and read back in one session through the whole local stack
 * (file_types.py does the writing and reading with the sandbox's libraries), and how each comes back to the agent.
 */
class FileTypesTest {
    private static final String ROWS = "web-01,42,12.5;db-02,7,3.25";
    private static final String TITLE = "Errors by host";

    private final ToolClient client = new ToolClient(LocalStack.shared().baseUrl);

    static Map<String, String> expectedReadBack() {
        Map<String, String> expected = new TreeMap<>();
        for (String image : List.of("PNG", "GIF", "BMP", "WEBP", "TIFF")) {
            expected.put(image.toLowerCase(), image + " 4x2 True");
        }
        expected.put("jpg", "JPEG 16x16 True");
        expected.put("svg", TITLE);
        expected.put("eps", "%!PS-Adobe-3.0 EPSF-3.0 True");
        for (String table : List.of("csv", "tsv", "xlsx", "xls", "json", "xml", "yaml", "hdf5", "netcdf", "pickle", "html", "markdown",
                "docx", "ods", "sql", "zip", "tar", "gz")) {
            expected.put(table, ROWS);
        }
        for (String document : List.of("pdf", "odt", "odp")) {
            expected.put(document, TITLE);
        }
        expected.put("python", "web-01");
        expected.put("notebook", "errors = 42 | # " + TITLE);
        expected.put("r", "hosts <- read.csv('table.csv')");
        expected.put("scikit-learn", "12.5");
        expected.put("statsmodels", "3.25");
        expected.put("plotly", TITLE);
        expected.put("networkx", "lb-web-01-db-02");
        return expected;
    }

    @Test
    void eachContractFileTypeIsWrittenAndReadBackWithItsContent() throws IOException {
        JsonNode r = client.python(roundTripScript());
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        String[] lines = r.path("stdout").asText().strip().split("\n");
        JsonNode readBack = ToolClient.JSON.readTree(lines[lines.length - 1]);
        Map<String, String> actual = new TreeMap<>();
        readBack.fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
        assertEquals(expectedReadBack(), actual, "stderr: " + r.path("stderr").asText());

        Map<String, JsonNode> files = new HashMap<>();
        r.path("files").forEach(f -> files.put(f.path("name").asText(), f));
        assertEquals(new TreeSet<>(List.of("analysis.ipynb", "bundle.tar", "bundle.zip", "chart.eps", "chart.plotly.json", "chart.svg",
                "hosts.db", "hosts.sql", "hosts_module.py", "pixels.bmp", "pixels.gif", "pixels.png", "pixels.tiff", "pixels.webp",
                "report.docx", "report.odt", "report.pdf", "slides.odp", "solid.jpg", "summary.R", "table.csv", "table.csv.gz",
                "table.h5", "table.html", "table.json", "table.md", "table.nc", "table.ods", "table.pkl", "table.tsv", "table.xls",
                "table.xlsx", "table.xml", "table.yaml")), new TreeSet<>(files.keySet()));
        Map<String, String> types = Map.of("table.h5", "application/x-hdf5", "table.nc", "application/x-netcdf",
                "table.xls", "application/vnd.ms-excel", "table.ods", "application/vnd.oasis.opendocument.spreadsheet",
                "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "analysis.ipynb", "application/x-ipynb+json", "pixels.tiff", "image/tiff", "chart.eps", "application/postscript");
        types.forEach((name, type) -> assertEquals(type, files.get(name).path("contentType").asText(), name));

        List<String> markdown = Arrays.asList(r.path("markdown").asText().split("\n"));
        for (String inline : List.of("pixels.png", "pixels.gif", "pixels.bmp", "pixels.webp", "solid.jpg", "chart.svg")) {
            assertTrue(markdown.contains("![" + inline + "](" + files.get(inline).path("url").asText() + ")"), inline + " in " + markdown);
        }
        for (String linked : List.of("pixels.tiff", "chart.eps", "table.xlsx")) {
            assertTrue(markdown.contains("[" + linked + "](" + files.get(linked).path("url").asText() + ")"), linked + " in " + markdown);
        }

        HttpResponse<byte[]> tiff = ToolClient.download(files.get("pixels.tiff").path("url").asText());
        assertEquals(200, tiff.statusCode());
        assertArrayEquals(new byte[] {'I', 'I', '*', 0}, Arrays.copyOf(tiff.body(), 4));
    }

    @Test
    void codeReachingForALibraryDebianLacksIsToldWhatWorksInstead() {
        JsonNode r = client.python("import pandas as pd\npd.DataFrame({'a': [1]}).to_parquet('a.parquet')");
        assertEquals("failed", r.path("status").asText(), r.toString());
        assertEquals("ImportError", r.path("error").path("type").asText(), r.toString());
        assertTrue(r.path("notes").toString().contains("to_hdf"), r.toString());
    }

    private static String roundTripScript() throws IOException {
        try (InputStream in = FileTypesTest.class.getResourceAsStream("file_types.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
