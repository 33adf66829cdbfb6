package com.codeinterpreter.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one execution in a kernel produced.
 *
 * @param outcome      how the execution ended
 * @param result       {@code str()} of the trailing expression's value; null when it was None
 * @param resultRepr   {@code repr()} of the trailing expression's value (the Jupyter-format result)
 * @param resultJson   the trailing expression's value when it is plain JSON, for the legacy API's typed result
 * @param hasResult    whether the code ended in an expression with a value to show (a call returning None has none)
 * @param figurePng    base64 PNG of the first figure the code showed, when the execution asked for it; else null
 * @param exitCode     a command's exit code; null for Python code
 * @param errorType    the exception's type name when the code failed
 * @param errorMessage what went wrong, in words for the caller
 */
public record KernelReply(
        Outcome outcome,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        String result,
        String resultRepr,
        JsonNode resultJson,
        boolean hasResult,
        String figurePng,
        Integer exitCode,
        String errorType,
        String errorMessage,
        long durationMs) {

    /** How an execution ended. */
    public enum Outcome {
        SUCCEEDED,
        /** The user's code raised. The kernel and its state are intact. */
        FAILED,
        /** Interrupted at its timeout. The kernel and its state are intact. */
        TIMED_OUT,
        /** The timeout's interrupt did not stop it, so the kernel was killed: variables and imports are gone. */
        TIMED_OUT_KERNEL_RESTARTED,
        /** The kernel process died (os._exit, a crash, the memory limit): variables and imports are gone. */
        KERNEL_DIED
    }

    static KernelReply lost(Outcome outcome, String message, long durationMs) {
        return new KernelReply(outcome, "", "", false, false, null, null, null, false, null, null,
                outcome == Outcome.KERNEL_DIED ? "KernelDied" : "TimeoutError", message, durationMs);
    }

    public boolean stateLost() {
        return outcome == Outcome.TIMED_OUT_KERNEL_RESTARTED || outcome == Outcome.KERNEL_DIED;
    }
}
