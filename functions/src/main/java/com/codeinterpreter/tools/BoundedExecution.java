package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.calls.CallTrace;
import com.codeinterpreter.sessions.PoolExecution;
import com.codeinterpreter.sessions.SessionPoolClient;
import com.codeinterpreter.sessions.SessionPoolException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A synchronous execution that the caller waits for no longer than its timeoutSeconds allow.
 *
 * <p>A session runs one execution at a time; a call sent while another runs waits in the session. The wait
 * counts against the call's time (the helper gives the code only what is left of it, and runs nothing once
 * it has passed). So when the deadline passes without an answer, the session is asked what it is running:
 * this call's own code (which the helper is stopping: wait for its report), or another call (answer now
 * that the session is busy, naming that call). The HTTP request is then abandoned: in Azure it could
 * otherwise outlast the 230 s cut, and the execution, should it ever start, does nothing.
 */
final class BoundedExecution {
    /** Past the deadline before asking the session: the helper's kill grace, and clock skew between here and the session. */
    static final long CHECK_AFTER_MILLIS = 2000;
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bounded-execution");
        t.setDaemon(true);
        return t;
    });

    private BoundedExecution() {
    }

    static PoolExecution execute(SessionPoolClient client, String identifier, String code, String executionId, CallClock clock,
                                 int poolTimeoutSeconds, int maxOutput) {
        Future<PoolExecution> pending = WAITERS.submit(CallTrace.carried(
                () -> client.execute(identifier, code, poolTimeoutSeconds, maxOutput, executionId)));
        try {
            return await(pending, clock.millisLeft() + CHECK_AFTER_MILLIS);
        } catch (SessionPoolException e) {
            // Should a pool refuse a second execution rather than queue it (the service does not document which it
            // does), the answer is the same: the session is busy, and this is what holds it.
            if (e.status() == 409) {
                RunningCall running = RunningCall.read(client, identifier);
                throw busy(running == null || running.finished() ? null : running, clock);
            }
            throw e;
        } catch (TimeoutException e) {
            RunningCall running = RunningCall.read(client, identifier);
            // Unless another call is named as running, this one is not waiting behind it: its own code is being stopped
            // and its results gathered, or the session is still starting (no call has run in it yet).
            boolean otherCallRunning = running != null && !running.finished() && !running.executionId().equals(executionId);
            if (!otherCallRunning || pending.isDone()) {
                try {
                    return await(pending, ExecutionLimits.GRACE_SECONDS * 1000L);
                } catch (TimeoutException again) {
                    pending.cancel(true);
                    throw unresponsive(clock);
                }
            }
            pending.cancel(true);
            throw busy(running, clock);
        }
    }

    private static PoolExecution await(Future<PoolExecution> pending, long millis) throws TimeoutException {
        try {
            return pending.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the session", e);
        }
    }

    static ToolException busy(RunningCall running, CallClock clock) {
        String what = running == null
                ? "another call whose executionId is not known (it was not started by this app's tools, or it started just now)"
                : running.describe();
        String collect = running == null
                ? "Wait for it to end, then call again"
                : "Collect its result with GetExecutionResult (executionId " + running.executionId() + ", the same sessionId) or "
                        + "wait for it to end, then call again";
        String waited = clock.millisLeft() > 0 ? "The pool would not queue this call behind it" : "This call waited its whole "
                + "timeoutSeconds (" + clock.timeoutSeconds() + " s) for it";
        return new ToolException(409, "SessionBusy", "The session is busy with " + what + ". " + waited
                + ", so its code did not run and will not run. " + collect
                + "; or call with a timeoutSeconds long enough to wait for it; or use another sessionId for work that does not need "
                + "this session's files and variables.");
    }

    private static ToolException unresponsive(CallClock clock) {
        return new ToolException(504, "SessionUnresponsive", "The session did not answer within the call's timeoutSeconds ("
                + clock.timeoutSeconds() + " s) plus " + ExecutionLimits.GRACE_SECONDS + " s: it is starting slowly, busy with a file "
                + "search or listing, or stuck. If this call's code started, it was stopped; if not, it will not run. Check the "
                + "files with ListSessionFiles and call again, or start over with another sessionId.");
    }
}
