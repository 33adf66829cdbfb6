package com.codeinterpreter.tools;

import com.codeinterpreter.sessions.PoolExecution;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what the pool and the helper reported for an execution into the tool's answer. */
final class ExecutionReports {
    private final Toolbox box;

    ExecutionReports(Toolbox box) {
        this.box = box;
    }

    ExecutionResponse report(String identifier, SessionRunner.Call call, long startedNanos) {
        PoolExecution execution = call.execution();
        JsonNode reply = call.reply();
        List<String> notes = new ArrayList<>();
        if (reply == null) {
            return withoutHelperReply(identifier, execution, notes, startedNanos);
        }
        boolean shell = "shell".equals(reply.path("op").asText());
        Output stdout = shell ? Output.of(reply, "stdout") : Output.cap(execution.stdout()).or(SavedOutputs.saved(reply, "stdout"));
        Output stderr = shell ? Output.of(reply, "stderr") : Output.cap(execution.stderr()).or(SavedOutputs.saved(reply, "stderr"));
        if (reply.path("filesNotReported").asInt() > 0) {
            notes.add(reply.path("filesNotReported").asInt() + " more changed files were not copied; list them with ListSessionFiles "
                    + "and fetch them with GetSessionFile.");
        }
        String session = box.ledger().state(identifier, call);
        if (SessionLedger.note(session) != null) {
            notes.add(SessionLedger.note(session));
        }
        List<OutputFile> files = box.publisher().publish(identifier, execution.executionId(), reply);
        if (stdout.truncated() || stderr.truncated()) {
            SavedOutputs.note(reply, files, stdout.truncated(), stderr.truncated(), notes);
        }
        noteMissingLinks(files, notes);
        JsonNode error = reply.path("error");
        JsonNode exitCode = reply.path("exitCode");
        return new ExecutionResponse(reply.path("status").asText("failed"), stdout.text(), stderr.text(), stdout.truncated(),
                stderr.truncated(), reply.path("result").isTextual() ? reply.path("result").asText() : null,
                shell && exitCode.isInt() ? exitCode.asInt() : null, files, Markdown.of(files), elapsed(startedNanos),
                error.isObject() ? new ExecutionResponse.ErrorInfo(error.path("type").asText(), error.path("message").asText()) : null,
                execution.executionId(), session.equals("continued") ? null : session, notes.isEmpty() ? null : notes,
                null, null);
    }

    /** The helper gave no reply: the pool stopped the execution or the interpreter died under it. */
    private ExecutionResponse withoutHelperReply(String identifier, PoolExecution execution, List<String> notes, long startedNanos) {
        String status;
        ExecutionResponse.ErrorInfo error;
        List<OutputFile> files = List.of();
        switch (execution.state()) {
            case TIMED_OUT -> {
                status = "timedOut";
                error = new ExecutionResponse.ErrorInfo("TimeoutError", "The call did not finish within its timeout and was stopped. "
                        + "Increase timeoutSeconds, or split the work into smaller steps.");
                files = collectAfterTimeout(identifier, execution.executionId());
            }
            case STATE_LOST -> {
                boolean timedOut = execution.errorCode() != null && execution.errorCode().toLowerCase().contains("timeout");
                status = timedOut ? "timedOut" : "failed";
                error = new ExecutionResponse.ErrorInfo(timedOut ? "TimeoutError" : "InterpreterRestarted", execution.errorMessage());
                notes.add(SessionLedger.RESTARTED_NOTE);
            }
            default -> {
                status = "failed";
                error = new ExecutionResponse.ErrorInfo(execution.errorCode() == null ? "ExecutionFailed" : execution.errorCode(),
                        execution.errorMessage() == null ? "The session could not run the call." : execution.errorMessage());
            }
        }
        Output stdout = Output.cap(execution.stdout());
        Output stderr = Output.cap(execution.stderr());
        noteMissingLinks(files, notes);
        return new ExecutionResponse(status, stdout.text(), stderr.text(), stdout.truncated(), stderr.truncated(), null, null,
                files, Markdown.of(files), elapsed(startedNanos), error, execution.executionId(), null, notes.isEmpty() ? null : notes,
                null, null);
    }

    /** After a timeout the helper still knows what the call had changed: fetch and publish it. */
    private List<OutputFile> collectAfterTimeout(String identifier, String executionId) {
        try {
            SessionRunner.Call collected = box.runner().run(identifier, Map.of("op", "collect"), 60, 1000);
            return collected.reply() == null ? List.of() : box.publisher().publish(identifier, executionId, collected.reply());
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
            return t.length() > Toolbox.MAX_OUTPUT_CHARS ? new Output(t.substring(0, Toolbox.MAX_OUTPUT_CHARS), true) : new Output(t, false);
        }

        /** Also truncated when the helper says so (it passes on no more than the cap, and saves the rest). */
        Output or(boolean truncatedElsewhere) {
            return truncatedElsewhere && !truncated ? new Output(text, true) : this;
        }

        static Output of(JsonNode reply, String stream) {
            Output capped = cap(reply.path(stream).asText(""));
            return new Output(capped.text(), capped.truncated() || reply.path(stream + "Truncated").asBoolean());
        }
    }
}
