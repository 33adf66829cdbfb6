package com.codeinterpreter.sessions;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;

/**
 * Which failed calls to the pool are tried again (with azure-core's exponential backoff).
 *
 * <p>429 and 503 mean the pool did not take the request, and 403 is what new role assignments give for
 * a few minutes while they propagate: those are retried for every call. Other 5xx answers are retried
 * only for requests built as {@linkplain PoolRequest#repeatable repeatable}, because a code execution that
 * failed half way may already have changed the session. A connection that failed is retried only when it
 * was refused: one dropped later may have been sent.
 */
final class PoolRetryCondition {
    private PoolRetryCondition() {
    }

    static boolean shouldRetry(RequestRetryCondition condition) {
        HttpResponse response = condition.getResponse();
        if (response != null) {
            int status = response.getStatusCode();
            if (status == 429 || status == 503 || status == 403) {
                return true;
            }
            return status >= 500 && status != 501 && status != 505 && PoolRequest.isRepeatable(response.getRequest());
        }
        Throwable error = condition.getThrowable();
        // Without a response we cannot see the request; a refused connection never reached the pool.
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
