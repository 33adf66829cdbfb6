package com.codeinterpreter.outputs;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.storage.blob.models.BlobStorageException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Blob Storage could not store an output or sign its link: unreachable, refused the credentials, or failed.
 *
 * <p>Not the caller's fault, and not fatal to the execution: the file is still in the session, only the
 * link is missing. The message is safe to show and to log: it never contains keys, tokens or SAS, only the
 * account endpoint, HTTP status and error code. The SDK exception stays attached as the cause.
 */
public final class OutputStoreException extends RuntimeException {

    OutputStoreException(String message) {
        super(message);
    }

    OutputStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Wraps a failure of the SDK, saying what we were doing ({@code action}, e.g. "upload 'a/b.csv'") and
     * why it failed in words an operator can act on.
     */
    static OutputStoreException because(String action, String accountUrl, RuntimeException failure) {
        return new OutputStoreException("Could not " + action + " in Blob Storage at " + accountUrl + ": "
                + reason(failure), failure);
    }

    // The SDK nests the real cause (reactor and UncheckedIOException wrappers), so look down the chain
    // for the first cause we can explain. Only types, statuses and codes go into the message: an SDK
    // message may echo request details we do not want in logs or tool results.
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BlobStorageException e) {
                String hint = e.getStatusCode() == 401 || e.getStatusCode() == 403
                        ? " (check the account key, or the identity's 'Storage Blob Data Contributor' role)"
                        : "";
                // HEAD responses (blob properties) carry no error body, hence no code.
                String code = e.getErrorCode() == null ? "" : " " + e.getErrorCode();
                return "the service answered HTTP " + e.getStatusCode() + code + hint;
            }
            if (t instanceof ClientAuthenticationException) {
                return "no access token could be obtained for the app's identity ("
                        + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return "the storage endpoint is unreachable (" + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return "the storage endpoint did not answer in time";
            }
            if (t instanceof EOFException e) {
                return "the content ended early (" + e.getMessage() + ")";
            }
        }
        return "unexpected " + failure.getClass().getSimpleName();
    }
}
