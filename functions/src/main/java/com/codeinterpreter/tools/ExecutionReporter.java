package com.codeinterpreter.tools;

import com.codeinterpreter.answers.CallFacts;
import com.codeinterpreter.answers.CapturedOutput;
import com.codeinterpreter.answers.ErrorInfo;
import com.codeinterpreter.answers.ExecutionReport;
import com.codeinterpreter.answers.ExecutionStatus;
import com.codeinterpreter.answers.OutputFile;
import com.codeinterpreter.answers.SessionState;
import com.codeinterpreter.sessions.PoolExecution;
import java.util.ArrayList;
import java.util.List;

/** Turns what the pool and the helper reported for an execution into the tool's answer. */
final class ExecutionReporter {
    private final SessionRunner runner;
    private final OutputPublisher publisher;
    private final SessionLedger ledger;

    ExecutionReporter(SessionRunner runner, OutputPublisher publisher, SessionLedger ledger) {
        this.runner = runner;
        this.publisher = publisher;
        this.ledger = ledger;
    }

    ExecutionReport report(String identifier, SessionRunner.HelperRun run, long startedNanos) {
        return report(identifier, run, startedNanos, null);
    }

    /** @param timeoutSeconds the caller's timeoutSeconds, for messages; null when not known (a polled asynchronous call) */
    ExecutionReport report(String identifier, SessionRunner.HelperRun run, long startedNanos, Integer timeoutSeconds) {
        PoolExecution execution = run.execution();
        List<String> notes = new ArrayList<>();
        if (!(run.reply() instanceof HelperReply.Changes reply)) {
            return withoutHelperReply(identifier, execution, notes, startedNanos, timeoutSeconds);
        }
        Output stdout;
        Output stderr;
        String result = null;
        Integer exitCode = null;
        if (reply instanceof HelperReply.ShellRan shell) {
            stdout = Output.cap(shell.stdout()).or(shell.stdoutTruncated());
            stderr = Output.cap(shell.stderr()).or(shell.stderrTruncated());
            exitCode = shell.exitCode();
        } else {
            stdout = Output.cap(execution.stdout()).or(SavedOutputs.saved(reply, "stdout"));
            stderr = Output.cap(execution.stderr()).or(SavedOutputs.saved(reply, "stderr"));
            result = reply instanceof HelperReply.PythonRan python ? python.result() : null;
        }
        if (reply.filesNotReported() > 0) {
            notes.add(reply.filesNotReported() + " more changed files were not copied; list them with ListSessionFiles "
                    + "and fetch them with GetSessionFile.");
        }
        notes.addAll(reply.notes());
        SessionState session = ledger.state(identifier, run);
        if (SessionLedger.note(session) != null) {
            notes.add(SessionLedger.note(session));
        }
        List<OutputFile> files = publisher.publish(identifier, execution.executionId(), reply);
        if (stdout.truncated() || stderr.truncated()) {
            SavedOutputs.note(reply, files, stdout.truncated(), stderr.truncated(), notes);
        }
        noteMissingLinks(files, notes);
        ErrorInfo error = reply.error() == null ? null : new ErrorInfo(reply.error().type(), reply.error().message());
        MissingPackages.note(error).ifPresent(notes::add);
        ExecutionReport report = new ExecutionReport(reply.status() == null ? ExecutionStatus.FAILED : reply.status(), error,
                new CapturedOutput(stdout.text(), stderr.text(), stdout.truncated(), stderr.truncated()), result, exitCode, files,
                Markdown.of(files), new CallFacts(execution.executionId(), elapsed(startedNanos), session, notes));
        HelperRequest.PdfTarget pdf = OutputPublisher.pdfTarget(reply);
        return pdf == null ? report : GeneratePdfReportTool.checked(report, pdf, ((HelperReply.PythonRan) reply).expectedFile());
    }

    /** The helper gave no reply: the pool stopped the execution or the interpreter died under it. */
    private ExecutionReport withoutHelperReply(String identifier, PoolExecution execution, List<String> notes, long startedNanos,
                                               Integer timeoutSeconds) {
        ExecutionStatus status;
        ErrorInfo error;
        List<OutputFile> files = List.of();
        // The caller's own timeout, never the pool's (which has a grace added): that is the number the caller set.
        String timeout = timeoutSeconds == null ? "its timeoutSeconds" : "its timeoutSeconds (" + timeoutSeconds + " s)";
        switch (execution.state()) {
            case TIMED_OUT -> {
                status = ExecutionStatus.TIMED_OUT;
                error = new ErrorInfo("TimeoutError", "The call did not finish within " + timeout + " and was stopped. "
                        + "Increase timeoutSeconds, or split the work into smaller steps.");
                files = collectAfterTimeout(identifier, execution.executionId());
            }
            case STATE_LOST -> {
                // The helper ends the interpreter when code ignores the interrupt at its timeout; the pool may do the same.
                boolean timedOut = execution.errorCode() != null && execution.errorCode().toLowerCase().contains("timeout")
                        || timeoutSeconds != null && elapsed(startedNanos) >= timeoutSeconds * 1000L;
                status = timedOut ? ExecutionStatus.TIMED_OUT : ExecutionStatus.FAILED;
                error = timedOut
                        ? new ErrorInfo("TimeoutError", "The code ran past " + timeout + " and did not stop when interrupted, so "
                                + "the session's Python process was restarted to end it: variables and imports are gone, files in "
                                + "/mnt/data are kept. Code that catches BaseException (or uses a bare except:) around long work swallows the "
                                + "interrupt: catch Exception instead. Or increase timeoutSeconds, or split the work into smaller steps.")
                        : new ErrorInfo("InterpreterRestarted", execution.errorMessage());
                notes.add(SessionLedger.RESTARTED_NOTE);
            }
            default -> {
                status = ExecutionStatus.FAILED;
                error = new ErrorInfo(execution.errorCode() == null ? "ExecutionFailed" : execution.errorCode(),
                        execution.errorMessage() == null ? "The session could not run the call." : execution.errorMessage());
            }
        }
        Output stdout = Output.cap(execution.stdout());
        Output stderr = Output.cap(execution.stderr());
        noteMissingLinks(files, notes);
        return new ExecutionReport(status, error, new CapturedOutput(stdout.text(), stderr.text(), stdout.truncated(), stderr.truncated()),
                null, null, files, Markdown.of(files), new CallFacts(execution.executionId(), elapsed(startedNanos), null, notes));
    }

    /** After a timeout the helper still knows what the call had changed: fetch and publish it. */
    private List<OutputFile> collectAfterTimeout(String identifier, String executionId) {
        try {
            SessionRunner.HelperRun collected = runner.run(identifier, new HelperRequest.CollectChanges(), 60, 1000);
            return collected.reply() instanceof HelperReply.Changes changes
                    ? publisher.publish(identifier, executionId, changes) : List.of();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static void noteMissingLinks(List<OutputFile> files, List<String> notes) {
        if (files.stream().anyMatch(f -> f.url() == null)) {
            notes.add("Some files are in the session but have no download link (Blob Storage could not be reached); see each file's "
                    + "linkError. Nothing was lost: fetch them later with GetSessionFile.");
        }
    }

    static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** A captured stream, cut to the limit. */
    record Output(String text, boolean truncated) {
        static Output cap(String text) {
            String t = text == null ? "" : text;
            return t.length() > ExecutionLimits.MAX_OUTPUT_CHARS ? new Output(t.substring(0, ExecutionLimits.MAX_OUTPUT_CHARS), true) : new Output(t, false);
        }

        /** Also truncated when the helper says so (it passes on no more than the cap, and saves the rest). */
        Output or(boolean truncatedElsewhere) {
            return truncatedElsewhere && !truncated ? new Output(text, true) : this;
        }
    }
}
