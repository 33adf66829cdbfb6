package com.codeinterpreter.outputs;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.BlobServiceVersion;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;

/**
 * Builds the Blob Storage client the outputs use, for either credential, with the same transport and
 * retry policy.
 */
final class StorageClients {
    /**
     * The newest REST version Azurite 3.35 (the newest that runs on Node 20) accepts. Pinned only for
     * connection strings, so the emulator works even without {@code --skipApiVersionCheck}; against Azure the
     * SDK's own latest version is used.
     */
    static final BlobServiceVersion EMULATOR_SAFE_VERSION = BlobServiceVersion.V2025_11_05;

    private StorageClients() {
    }

    /** A client that signs requests with the account key from {@code connectionString}. */
    static BlobServiceClient withConnectionString(String connectionString) {
        try {
            return common().connectionString(connectionString).serviceVersion(EMULATOR_SAFE_VERSION).buildClient();
        } catch (IllegalArgumentException e) {
            // Not chained: the SDK's message may quote the connection string, key included.
            throw new IllegalStateException(
                    "The app setting OUTPUTS_STORAGE_CONNECTION_STRING is not a valid storage connection string.");
        }
    }

    /** A client that authenticates as the app's Entra ID identity (the app's one shared credential). */
    static BlobServiceClient withCredential(String accountUrl, TokenCredential credential) {
        return common().endpoint(accountUrl).credential(credential).buildClient();
    }

    private static BlobServiceClientBuilder common() {
        return new BlobServiceClientBuilder().httpClient(httpClient()).retryOptions(retryOptions());
    }

    // The JDK client, not Netty: Netty's native jars are not available everywhere we build, and it adds
    // cold-start time to a Function app for no gain at our request rate. The connect timeout is short
    // because a healthy storage endpoint connects in milliseconds; the JDK default waits for the OS.
    private static HttpClient httpClient() {
        return new JdkHttpClientBuilder().connectionTimeout(Duration.ofSeconds(10)).build();
    }

    /*
     * A tool call waits on this, and its caller copes with a failure (the file stays in the session), so
     * we retry briefly rather than as long as the SDK's default (4 tries, up to 2 minutes between them):
     * 3 tries with exponential backoff (1 s, then 3 s) ride out a throttled or briefly failing service
     * and a dropped connection, while a dead endpoint fails in seconds. Each try of one request (a 4 MiB
     * block at most) gets 60 s, enough on a slow link but bounded if the service stops answering.
     */
    private static RequestRetryOptions retryOptions() {
        return new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofSeconds(4), null);
    }
}
