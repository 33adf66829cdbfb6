package com.codeinterpreter.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request to the session helper, one record per operation: the helper's {@code REQUESTS} table in
 * runner.py names the same operations and fields, and HelperProtocolTest holds the two together.
 * Written as JSON by {@link HelperJson}, with the operation's name as {@code op}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = HelperRequest.RunPython.class, name = "python"),
        @JsonSubTypes.Type(value = HelperRequest.RunShell.class, name = "shell"),
        @JsonSubTypes.Type(value = HelperRequest.ReadFile.class, name = "read"),
        @JsonSubTypes.Type(value = HelperRequest.SearchFiles.class, name = "search"),
        @JsonSubTypes.Type(value = HelperRequest.ListFiles.class, name = "list"),
        @JsonSubTypes.Type(value = HelperRequest.CollectChanges.class, name = "collect")})
@JsonInclude(JsonInclude.Include.NON_NULL)
sealed interface HelperRequest {

    /**
     * An operation that runs the user's code or command within the caller's timeoutSeconds ({@code call_clock.py}).
     * {@code executionId} is the pool execution it is sent in (the helper names it in its running marker);
     * {@code deadline} is when the caller's time runs out, in epoch milliseconds, waiting for the session included.
     */
    sealed interface Timed extends HelperRequest {
        int timeout();

        /** This request, sent in the execution {@code executionId}, with the deadline of {@code clock}. */
        Timed inExecution(String executionId, CallClock clock);
    }

    /**
     * Runs Python in the kernel's globals.
     *
     * @param timeout   seconds the helper lets the code run
     * @param maxOutput the characters of each stream the answer carries; the rest is saved to a file
     * @param echo      handed back unchanged with the reply (for an asynchronous call, what to do when it ends), or null
     */
    record RunPython(String code, int timeout, int maxOutput, Echo echo, String executionId, Long deadline) implements Timed {
        RunPython(String code, int timeout, int maxOutput, Echo echo) {
            this(code, timeout, maxOutput, echo, null, null);
        }

        RunPython by(CallClock clock) {
            return new RunPython(code, timeout, maxOutput, echo, executionId, clock.deadlineMillis());
        }

        @Override
        public RunPython inExecution(String id, CallClock clock) {
            return new RunPython(code, timeout, maxOutput, echo, id, clock.deadlineMillis());
        }
    }

    /** Runs a bash command in /mnt/data; like {@link RunPython} for {@code timeout} and {@code maxOutput} (bytes here). */
    record RunShell(String command, int timeout, int maxOutput, String executionId, Long deadline) implements Timed {
        RunShell(String command, int timeout, int maxOutput) {
            this(command, timeout, maxOutput, null, null);
        }

        RunShell by(CallClock clock) {
            return new RunShell(command, timeout, maxOutput, executionId, clock.deadlineMillis());
        }

        @Override
        public RunShell inExecution(String id, CallClock clock) {
            return new RunShell(command, timeout, maxOutput, id, clock.deadlineMillis());
        }
    }

    /**
     * Lines of a text file: {@code maxLines} from {@code startLine} (its {@code startColumn}th character on, when
     * given), or the last {@code tailLines} lines when given; at most {@code maxChars} characters.
     */
    record ReadFile(String path, int startLine, int maxLines, int maxChars, Integer startColumn, Integer tailLines) implements HelperRequest {
    }

    /** Lines matching {@code pattern} (grep -E) in the files under {@code path}, for at most {@code maxSeconds}; {@code glob} may be null. */
    record SearchFiles(String pattern, String path, String glob, boolean ignoreCase, int maxResults, int maxSeconds) implements HelperRequest {
    }

    /** A page of the entries of a folder (and of its sub-folders when {@code recursive}) after {@code cursor}, or from the start when null. */
    record ListFiles(String path, boolean recursive, int maxEntries, String cursor) implements HelperRequest {
    }

    /** After a call that timed out: what it had changed before it was stopped. */
    record CollectChanges() implements HelperRequest {
    }

    /** What the helper hands back with the reply. */
    record Echo(PdfTarget pdf) {
    }

    /** GeneratePdfReport's file: where the code saves it, and its download name. */
    record PdfTarget(String expected, String saveAs) {
    }
}
