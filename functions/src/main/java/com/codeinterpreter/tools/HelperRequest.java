package com.codeinterpreter.tools;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A request to the session helper, one record per operation: the helper's {@code REQUESTS} table in
 * runner.py names the same operations and fields, and HelperProtocolTest holds the two together.
 * Written as JSON by {@link HelperJson} (nulls left out), with the operation's name as {@code op}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = HelperRequest.RunPython.class, name = "python"),
        @JsonSubTypes.Type(value = HelperRequest.RunShell.class, name = "shell"),
        @JsonSubTypes.Type(value = HelperRequest.ReadFile.class, name = "read"),
        @JsonSubTypes.Type(value = HelperRequest.SearchFiles.class, name = "search"),
        @JsonSubTypes.Type(value = HelperRequest.ListFiles.class, name = "list"),
        @JsonSubTypes.Type(value = HelperRequest.CollectChanges.class, name = "collect")})
sealed interface HelperRequest {

    /**
     * An operation that runs the user's code or command within the caller's timeoutSeconds ({@code call_clock.py}).
     * {@code executionId} is the pool execution it is sent in (the helper names it in its running marker);
     * {@code deadline} is when the caller's time runs out, in epoch milliseconds, waiting for the session included.
     */
    sealed interface Timed extends HelperRequest {
        int timeoutSeconds();

        /** This request, sent in the execution {@code executionId}, with the deadline of {@code clock}. */
        Timed inExecution(String executionId, CallClock clock);
    }

    /*
     * Each operation carries its tool's request record unwrapped (its components are the operation's fields, under the
     * tool parameters' names), then what the app adds. So a component added to a tool's record reaches the helper
     * with no change here; the helper's field list for the operation (REQUESTS in runner.py) must name it, and
     * HelperProtocolTest fails until it does. Written only: the Java side never reads a request.
     */

    /**
     * Runs Python in the kernel's globals, for ExecutePythonCode and GeneratePdfReport.
     *
     * @param maxOutput the characters of each stream the answer carries; the rest is saved to a file
     * @param echo      handed back unchanged with the reply (for an asynchronous call, what to do when it ends), or null
     */
    record RunPython(@JsonUnwrapped ExecutePythonCodeTool.Request call, int maxOutput, Echo echo, String executionId, Long deadline)
            implements Timed {
        RunPython(ExecutePythonCodeTool.Request call, int maxOutput, Echo echo) {
            this(call, maxOutput, echo, null, null);
        }

        @Override
        public int timeoutSeconds() {
            return call.timeoutSeconds();
        }

        RunPython by(CallClock clock) {
            return new RunPython(call, maxOutput, echo, executionId, clock.deadlineMillis());
        }

        @Override
        public RunPython inExecution(String id, CallClock clock) {
            return new RunPython(call, maxOutput, echo, id, clock.deadlineMillis());
        }
    }

    /** Runs a bash command in /mnt/data; like {@link RunPython} for the clock and {@code maxOutput} (bytes here). */
    record RunShell(@JsonUnwrapped RunShellCommandTool.Request call, int maxOutput, String executionId, Long deadline) implements Timed {
        RunShell(RunShellCommandTool.Request call, int maxOutput) {
            this(call, maxOutput, null, null);
        }

        @Override
        public int timeoutSeconds() {
            return call.timeoutSeconds();
        }

        RunShell by(CallClock clock) {
            return new RunShell(call, maxOutput, executionId, clock.deadlineMillis());
        }

        @Override
        public RunShell inExecution(String id, CallClock clock) {
            return new RunShell(call, maxOutput, id, clock.deadlineMillis());
        }
    }

    /** ReadSessionFile's request, at most {@code maxChars} characters of it. */
    record ReadFile(@JsonUnwrapped ReadSessionFileTool.Request read, int maxChars) implements HelperRequest {
    }

    /** SearchSessionFiles' request, searched for at most {@code maxSeconds}. */
    record SearchFiles(@JsonUnwrapped SearchSessionFilesTool.Request search, int maxSeconds) implements HelperRequest {
    }

    /** ListSessionFiles' request, a page of at most {@code maxEntries} entries. */
    record ListFiles(@JsonUnwrapped ListSessionFilesTool.Request list, int maxEntries) implements HelperRequest {
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
