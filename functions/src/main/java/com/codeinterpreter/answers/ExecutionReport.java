package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * What ExecutePythonCode and RunShellCommand answer (and GeneratePdfReport when there is no PDF to give):
 * one flat JSON object, whose parts are the nested records.
 *
 * @param status   the HTTP status is 200 for all three: the user's code failing is a result
 * @param error    what went wrong, when status is not succeeded
 * @param result   the repr of the code's trailing expression, as a notebook shows it
 * @param exitCode the shell command's exit code (RunShellCommand only)
 * @param files    what the call created or changed under /mnt/data, and captured figures, with links
 * @param markdown images inline and other files as links, ready to show; null when no file has a link
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The report of a Python, PDF or shell call.")
public record ExecutionReport(
        @JsonProperty(required = true)
        @JsonPropertyDescription("succeeded, failed or timedOut (the user's code failing is a result, not an HTTP error)")
        ExecutionStatus status,
        ErrorInfo error,
        @JsonUnwrapped CapturedOutput output,
        @JsonPropertyDescription("The value of the code's trailing expression") String result,
        @JsonPropertyDescription("RunShellCommand: the command's exit code") Integer exitCode,
        @JsonPropertyDescription("Files created or changed under /mnt/data, and captured figures") List<OutputFile> files,
        @JsonPropertyDescription("Images inline and other files as links, ready to show") String markdown,
        @JsonUnwrapped CallFacts call) {

    public ExecutionReport {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }

    /** This report with one more note. */
    public ExecutionReport noting(String note) {
        return new ExecutionReport(status, error, output, result, exitCode, files, markdown, call.noting(note));
    }

    /** This report as a failure of the call's own making (for example an expected file it did not write). */
    public ExecutionReport failedWith(ErrorInfo why) {
        return new ExecutionReport(ExecutionStatus.FAILED, why, output, result, exitCode, files, markdown, call);
    }
}
