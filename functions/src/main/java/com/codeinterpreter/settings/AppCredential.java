package com.codeinterpreter.settings;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.Duration;

/**
 * The app's Entra ID identity, as the one credential the session pool and Blob Storage clients share.
 *
 * <p>DefaultAzureCredential picks the managed identity in Azure (the user-assigned one AZURE_CLIENT_ID names)
 * and a developer sign-in elsewhere. Build it once per process: each instance has its own token cache, and
 * the first token costs a round trip to the identity endpoint.
 */
public final class AppCredential {
    private AppCredential() {
    }

    /** A new credential for the identity the settings name. Makes no request yet. */
    public static TokenCredential fromSettings(Settings settings) {
        // The JDK client with a short connect timeout, as for storage: the identity endpoint is on the host or
        // near it, and the JDK default waits for the OS.
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
                .httpClient(new JdkHttpClientBuilder().connectionTimeout(Duration.ofSeconds(10)).build());
        settings.get(Setting.AZURE_CLIENT_ID).ifPresent(builder::managedIdentityClientId);
        return builder.build();
    }
}
