package com.codeinterpreter.tools;

import com.codeinterpreter.sessions.SessionPoolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GeneratePdfReport: runs Python that writes a PDF, then hands back a link whose download is named
 * {@code saveAsFilename}. If the code did not write the expected file, the answer lists what it did write.
 */
public final class GeneratePdfReportTool {
    public static final int DEFAULT_TIMEOUT = 180;

    /** A validated request; {@code expectedPath} is the expected file's absolute path in the session. */
    public record Request(String pythonCode, String expectedPath, String saveAsFilename, int timeoutSeconds) {
        public Request {
            new ExecutePythonCodeTool.Request(pythonCode, timeoutSeconds);
        }
    }

    private final Toolbox box;
    private final ExecutePythonCodeTool python;

    GeneratePdfReportTool(Toolbox box, ExecutePythonCodeTool python) {
        this.box = box;
        this.python = python;
    }

    public Object run(SessionKey key, Request request) {
        Object outcome = python.runPython(key, request.pythonCode(), request.timeoutSeconds(),
                Map.of("pdf", Map.of("expected", request.expectedPath(), "saveAs", request.saveAsFilename())));
        return outcome instanceof ExecutionResponse response ? finish(key, response, request.expectedPath(), request.saveAsFilename()) : outcome;
    }

    /** Points the answer at the PDF, copied under its download name; also used when an async run completes. */
    ExecutionResponse finish(SessionKey key, ExecutionResponse response, String expectedPath, String saveAs) {
        List<String> notes = response.notes() == null ? new ArrayList<>() : new ArrayList<>(response.notes());
        if (!"succeeded".equals(response.status())) {
            return response;
        }
        String identifier = box.identifier(key);
        OutputFile pdf;
        try {
            pdf = box.publisher().copySessionFile(identifier,
                    OutputPublisher.blobName(identifier, response.executionId(), "report/" + saveAs), expectedPath, saveAs, "application/pdf");
        } catch (SessionPoolException e) {
            if (e.notFound() || e.sessionNotFound()) {
                return missing(response, expectedPath, notes);
            }
            throw e;
        }
        if (pdf.url() == null) {
            notes.add(pdf.linkError());
        }
        return response.withPdf(response.status(), null, pdf.url(), saveAs, notes.isEmpty() ? null : notes);
    }

    private static ExecutionResponse missing(ExecutionResponse response, String expectedPath, List<String> notes) {
        List<String> produced = response.files() == null ? List.of()
                : response.files().stream().map(f -> f.path() != null ? f.path() : f.name()).toList();
        String message = "The code finished but did not create " + expectedPath + ". "
                + (produced.isEmpty() ? "It created no files in /mnt/data." : "It created: " + String.join(", ", produced) + ".")
                + " Save the PDF to the path given in expectedOutputFilename (for example c = canvas.Canvas('" + expectedPath + "')).";
        return response.withPdf("failed", new ExecutionResponse.ErrorInfo("ExpectedOutputMissing", message), null, null,
                notes.isEmpty() ? null : notes);
    }
}
