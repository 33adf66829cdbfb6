package com.codeinterpreter.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What ExecutePythonCode, GeneratePdfReport and RunShellCommand answer.
 *
 * @param status           {@code succeeded}, {@code failed} or {@code timedOut}; the HTTP status is 200 for all three
 * @param result           the repr of the code's trailing expression, as a notebook shows it
 * @param exitCode         the shell command's exit code (RunShellCommand only)
 * @param files            what the call created or changed under /mnt/data, and captured figures, with links
 * @param markdown         images inline and other files as links, ready to show
 * @param error            what went wrong, when status is not succeeded
 * @param sessionState     absent when the call continued the session; else {@code new}, {@code restarted}
 *                         (variables lost, files kept) or {@code expired} (idle too long: files and variables gone)
 * @param notes            anything else the caller should know (truncation, state loss, links not made)
 * @param url              GeneratePdfReport: the PDF's link; {@code fileName} is its download name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionResponse(
        String status,
        String stdout,
        String stderr,
        Boolean stdoutTruncated,
        Boolean stderrTruncated,
        String result,
        Integer exitCode,
        List<OutputFile> files,
        String markdown,
        Long durationMs,
        ErrorInfo error,
        String executionId,
        String sessionState,
        List<String> notes,
        String url,
        String fileName) {

    /** The error of a call that did not succeed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorInfo(String type, String message) {
    }

    ExecutionResponse withPdf(String status, ErrorInfo error, String url, String fileName, List<String> notes) {
        return new ExecutionResponse(status, stdout, stderr, stdoutTruncated, stderrTruncated, result, exitCode, files, markdown,
                durationMs, error, executionId, sessionState, notes, url, fileName);
    }
}
