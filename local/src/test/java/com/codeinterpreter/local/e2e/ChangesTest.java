package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a call reports as its own: the files it created or changed (by Python or shell, under dot-names too, at any
 * number of files), GeneratePdfReport's PDF only when this call wrote a real one, and every call starting in /mnt/data.
 */
class ChangesTest {
    private static final String REAL_PDF = String.join("\n", "from reportlab.pdfgen import canvas",
            "c = canvas.Canvas('/mnt/data/report.pdf')", "c.drawString(72, 750, 'Weekly Incident Report')", "c.save()");

    private final LocalStack stack = LocalStack.shared();
    private final ToolClient client = new ToolClient(stack.baseUrl);

    private static List<String> paths(JsonNode answer) {
        List<String> paths = new ArrayList<>();
        answer.path("files").forEach(f -> paths.add(f.path("path").asText()));
        return paths;
    }

    private static String notes(JsonNode answer) {
        return answer.path("notes").toString();
    }

    @Test
    void aWriteAfterTheTwentyThousandthFileOfACallIsReportedAmongAHundredThousand() {
        // Folders that exist before the call, so that the watch sees each write (and overflows): 100 of 1,000 files.
        client.python("import os\nfor d in range(100):\n    os.makedirs('/mnt/data/many/d%03d' % d)");
        JsonNode r = client.python("for n in range(100000):\n    open('/mnt/data/many/d%03d/f%06d.txt' % (n // 1000, n), 'w').close()\n"
                + "open('/mnt/data/many/d099/last.csv', 'w').write('written after the 100,000th file\\n')");
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        assertTrue(paths(r).contains("/mnt/data/many/d099/last.csv"), "the latest file leads the list: " + paths(r));
        assertEquals(100_001, r.path("files").size() + parseNotReported(r), notes(r));
        assertTrue(notes(r).contains("its queue overflowed") && !notes(r).contains("stopped after"), notes(r));
        JsonNode next = client.python("open('/mnt/data/many/d000/f000007.txt', 'a').write('x')");
        assertEquals(List.of("/mnt/data/many/d000/f000007.txt"), paths(next), "the next call is followed by the watch again");
        assertFalse(next.has("notes"), next.toString());
    }

    /** The count in "N more changed files were not copied", the note that stands for the files left out. */
    private static int parseNotReported(JsonNode answer) {
        for (JsonNode note : answer.path("notes")) {
            String text = note.asText();
            if (text.contains("more changed files were not copied")) {
                return Integer.parseInt(text.substring(0, text.indexOf(' ')));
            }
        }
        return 0;
    }

    @Test
    void filesUnderDotNamesAreReportedWhetherPythonOrTheShellWroteThem() {
        JsonNode python = client.python("open('/mnt/data/.env', 'w').write('A=1')");
        assertEquals(List.of("/mnt/data/.env"), paths(python), python.toString());
        JsonNode shell = client.call("RunShellCommand", "command", "mkdir -p .results; echo y > .results/summary.csv; echo z >> .env").json();
        assertEquals(List.of("/mnt/data/.env", "/mnt/data/.results/summary.csv"), paths(shell).stream().sorted().toList(), shell.toString());
    }

    @Test
    void aFolderThatCannotBeReadIsNamedRatherThanPassedOverInSilence() {
        JsonNode r = client.python("import os\nos.makedirs('/mnt/data/locked')\nopen('/mnt/data/locked/x.txt', 'w').write('x')\n"
                + "os.chmod('/mnt/data/locked', 0)");
        assertTrue(notes(r).contains("cannot be read are not reported: /mnt/data/locked"), r.toString());
        client.python("os.chmod('/mnt/data/locked', 0o755)");
        JsonNode after = client.python("open('/mnt/data/locked/y.txt', 'w').write('y')");
        assertEquals(List.of("/mnt/data/locked/y.txt"), paths(after), "followed again once readable: " + after);
    }

    @Test
    void everyCallStartsInTheDataFolderWhateverTheLastOneDidWithChdir() {
        client.python("import os\nos.chdir('/tmp')");
        JsonNode r = client.python("open('relative.txt', 'w').write('x')\nos.getcwd()");
        assertEquals("'/mnt/data'", r.path("result").asText());
        assertEquals(List.of("/mnt/data/relative.txt"), paths(r));
        assertEquals("/mnt/data\n", client.call("RunShellCommand", "command", "pwd").json().path("stdout").asText());
    }

    @Test
    void aPdfLeftByAnEarlierCallIsNotThisCallsReport() {
        assertEquals("succeeded", client.python(REAL_PDF).path("status").asText());
        JsonNode r = client.call("GeneratePdfReport", "pythonCode", "print('forgot to save')", "expectedOutputFilename", "report.pdf",
                "saveAsFilename", "summary.pdf").json();
        assertEquals("failed", r.path("status").asText(), r.toString());
        assertEquals("ExpectedOutputMissing", r.path("error").path("type").asText());
        assertTrue(r.path("error").path("message").asText().contains("from an earlier call"), r.toString());
        assertFalse(r.has("url"), r.toString());
    }

    @Test
    void textThatIsNotAPdfFailsAndIsNotServedAsOne() {
        JsonNode r = client.call("GeneratePdfReport", "pythonCode", "open('/mnt/data/report.pdf', 'w').write('Weekly report: 90 incidents')",
                "expectedOutputFilename", "report.pdf", "saveAsFilename", "summary.pdf").json();
        assertEquals("NotAPdf", r.path("error").path("type").asText(), r.toString());
        assertTrue(r.path("error").path("message").asText().contains("starts with 'Weekly report: 9'"), r.toString());
        assertFalse(r.has("url"), r.toString());
        assertEquals("application/octet-stream", r.path("files").get(0).path("contentType").asText(), r.toString());
    }

    @Test
    void aPdfIsStoredOnceUnderItsDownloadNameAndTheMarkdownLinksIt() {
        JsonNode r = client.call("GeneratePdfReport", "pythonCode", REAL_PDF, "expectedOutputFilename", "report.pdf",
                "saveAsFilename", "daily_summary.pdf").json();
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        String url = r.path("url").asText();
        assertTrue(r.path("markdown").asText().equals("[daily_summary.pdf](" + url + ")"), r.toString());
        assertEquals(1, r.path("files").size(), r.toString());
        assertEquals("daily_summary.pdf", r.path("files").get(0).path("name").asText());
        HttpResponse<byte[]> pdf = ToolClient.download(url);
        assertEquals("%PDF-", new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").contains("daily_summary.pdf"), pdf.headers().toString());
        BlobContainerClient outputs = new BlobServiceClientBuilder().connectionString(stack.azurite.connectionString()).buildClient()
                .getBlobContainerClient("outputs");
        String executionId = r.path("executionId").asText();
        List<String> stored = outputs.listBlobs().stream().map(BlobItem::getName).filter(n -> n.contains(executionId)).toList();
        assertEquals(1, stored.size(), "one blob for the call's one file: " + stored);
    }

    @Test
    void aLongPdfCallChecksAndLinksItsPdfWhenItsResultIsCollected() throws InterruptedException {
        ToolClient.Answer accepted = client.call("GeneratePdfReport", ToolClient.JSON.createObjectNode().put("pythonCode", REAL_PDF)
                .put("expectedOutputFilename", "report.pdf").put("saveAsFilename", "weekly.pdf").put("timeoutSeconds", 200));
        assertEquals(202, accepted.status(), accepted.toString());
        ToolClient.Answer polled;
        int polls = 0;
        do {
            Thread.sleep(200);
            polled = client.call("GetExecutionResult", "executionId", accepted.json().path("executionId").asText());
        } while (polled.status() == 202 && ++polls < 150);
        JsonNode r = polled.json();
        assertEquals("weekly.pdf", r.path("fileName").asText(), r.toString());
        assertEquals("[weekly.pdf](" + r.path("url").asText() + ")", r.path("markdown").asText());
        assertEquals(1, r.path("files").size(), r.toString());
    }

    @Test
    void aFigureWithNothingDrawnIsNotReturnedWhenTheCodeFailed() {
        JsonNode r = client.call("GeneratePdfReport", "pythonCode", "import matplotlib.pyplot as plt\nfig = plt.figure()\n"
                + "raise RuntimeError('no data')", "expectedOutputFilename", "report.pdf", "saveAsFilename", "summary.pdf").json();
        assertEquals("RuntimeError", r.path("error").path("type").asText(), r.toString());
        assertEquals(0, r.path("files").size(), r.toString());
        assertFalse(r.has("markdown"), r.toString());
        assertTrue(notes(r).contains("nothing drawn on it"), r.toString());
    }
}
