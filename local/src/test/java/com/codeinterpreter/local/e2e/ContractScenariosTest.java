package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The contract's own example scenarios, through the whole local stack. */
class ContractScenariosTest {
    private final ToolClient client = new ToolClient(LocalStack.shared().baseUrl);

    static final String INCIDENTS_CHART = String.join("\n",
            "import matplotlib.pyplot as plt",
            "import numpy as np",
            "categories = ['Critical', 'High', 'Medium', 'Low']",
            "counts = [5, 12, 28, 45]",
            "plt.figure(figsize=(10, 6))",
            "plt.bar(categories, counts, color=['red', 'orange', 'yellow', 'green'])",
            "plt.title('Incidents by Severity')",
            "plt.xlabel('Severity Level')",
            "plt.ylabel('Count')",
            "plt.savefig('/mnt/data/incidents_by_severity.png', dpi=150)");

    @Test
    void incidentsChartComesBackAsAnInlineImageWhoseLinkServesAPng() {
        JsonNode r = client.python(INCIDENTS_CHART);
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        JsonNode files = r.path("files");
        assertEquals(1, files.size(), "the saved chart, and no second copy of the same figure: " + files);
        JsonNode chart = files.get(0);
        assertEquals("incidents_by_severity.png", chart.path("name").asText());
        assertEquals("/mnt/data/incidents_by_severity.png", chart.path("path").asText());
        assertEquals("image/png", chart.path("contentType").asText());
        String url = chart.path("url").asText();
        assertEquals("![incidents_by_severity.png](" + url + ")", r.path("markdown").asText());
        HttpResponse<byte[]> png = ToolClient.download(url);
        assertEquals(200, png.statusCode());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.body(), 4));
        assertEquals(chart.path("size").asLong(), png.body().length);
        assertTrue(png.headers().firstValue("Content-Type").orElse("").startsWith("image/png"));
        assertNotNull(chart.path("expiresAt").asText(null));
    }

    @Test
    void weeklyPdfReportLinkServesARealPdfNamedAsAsked() {
        String code = String.join("\n",
                "from reportlab.pdfgen import canvas",
                "from reportlab.lib.pagesizes import letter",
                "c = canvas.Canvas('/mnt/data/weekly_report.pdf', pagesize=letter)",
                "c.setFont('Helvetica-Bold', 18)",
                "c.drawString(72, 750, 'Weekly Incident Report')",
                "c.setFont('Helvetica', 12)",
                "c.drawString(72, 720, 'Period: January 10-17, 2026')",
                "c.drawString(72, 700, 'Total incidents: 90')",
                "c.save()");
        ToolClient.Answer a = client.call("GeneratePdfReport", "pythonCode", code, "expectedOutputFilename", "weekly_report.pdf",
                "saveAsFilename", "daily_summary.pdf");
        assertEquals(200, a.status(), a.toString());
        JsonNode r = a.json();
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        assertEquals("daily_summary.pdf", r.path("fileName").asText());
        HttpResponse<byte[]> pdf = ToolClient.download(r.path("url").asText());
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
        assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").contains("daily_summary.pdf"),
                pdf.headers().map().toString());
    }

    @Test
    void errorWarnFatalCountPipelineOverALogFile() {
        String log = String.join("\n", "2026-01-10 ERROR db timeout", "2026-01-10 WARN slow query", "2026-01-10 INFO ok",
                "2026-01-11 ERROR db timeout", "2026-01-11 FATAL out of memory", "2026-01-11 ERROR db timeout", "") ;
        assertEquals(200, client.call("UploadFileToSession", "path", "application.log", "content", log).status());
        JsonNode r = client.call("RunShellCommand", "command",
                "grep -E \"ERROR|WARN|FATAL\" application.log | awk '{print $2}' | sort | uniq -c | sort -rn").json();
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        assertEquals(0, r.path("exitCode").asInt());
        String[] lines = r.path("stdout").asText().strip().split("\n");
        assertEquals("3 ERROR", lines[0].strip().replaceAll("\\s+", " "));
        assertEquals(3, lines.length);
        JsonNode tail = client.call("RunShellCommand", "command", "tail -100 application.log | wc -l").json();
        assertEquals("6", tail.path("stdout").asText().strip());
    }

    @Test
    void incidentCsvAnalysisWritesASummaryFileWithALink() {
        String csv = "id,category,resolution_time\n1,network,2.5\n2,network,3.5\n3,database,6.0\n";
        assertEquals(200, client.call("UploadFileToSession", "path", "incidents.csv", "content", csv).status());
        JsonNode r = client.python(String.join("\n",
                "import pandas as pd",
                "df = pd.read_csv('/mnt/data/incidents.csv')",
                "summary = df.groupby('category').agg({'id': 'count', 'resolution_time': 'mean'})"
                        + ".rename(columns={'id': 'count', 'resolution_time': 'avg_resolution_hours'})",
                "summary.to_csv('/mnt/data/incident_summary.csv')",
                "print(summary)"));
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        assertTrue(r.path("stdout").asText().contains("network"), r.toString());
        JsonNode summary = r.path("files").get(0);
        assertEquals("incident_summary.csv", summary.path("name").asText());
        assertEquals("[incident_summary.csv](" + summary.path("url").asText() + ")", r.path("markdown").asText());
        String body = new String(ToolClient.download(summary.path("url").asText()).body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("category,count,avg_resolution_hours"), body);
    }
}
