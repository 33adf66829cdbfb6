package com.codeinterpreter.sessions;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds the {@link SessionPoolClient} the app settings describe. */
public final class SessionPools {
    /** The Entra ID scope of the dynamic-sessions data plane. */
    public static final String SCOPE = "https://dynamicsessions.io/.default";
    /** Longer than the longest synchronous execution the service allows (220 s), plus transfer time. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(250);

    private SessionPools() {
    }

    private static HttpClient httpClient(boolean directCallbacks) {
        JdkHttpClientBuilder builder = new JdkHttpClientBuilder().connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(RESPONSE_TIMEOUT).readTimeout(RESPONSE_TIMEOUT);
        return (directCallbacks ? builder.executor(Runnable::run) : builder).build();
    }

    /**
     * @param credential the Entra ID credential, created only when no static local token is configured
     */
    public static SessionPoolClient fromSettings(Settings settings, Supplier<TokenCredential> credential) {
        String apiVersion = settings.require(Setting.SESSION_POOL_API_VERSION);
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy("code-interpreter-functions/1.0"));
        policies.add(new RequestIdPolicy());
        policies.add(new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(4).setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(10)))
                .setShouldRetryCondition(PoolRetryCondition::shouldRetry)));
        var token = settings.get(Setting.SESSION_POOL_TOKEN);
        if (token.isPresent()) {
            // The local pool takes a static token over plain HTTP, which the bearer policy refuses to send.
            policies.add(new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.AUTHORIZATION, "Bearer " + token.get())));
        } else {
            policies.add(new BearerTokenAuthenticationPolicy(credential.get(), SCOPE));
        }
        HttpPipelinePolicy[] chain = policies.toArray(HttpPipelinePolicy[]::new);
        // Calls (executions, session management) are small JSON exchanges read on the calling thread, so the
        // client's completion callbacks may run where they are raised: two thread hand-offs fewer, ~0.35 ms a
        // call. Transfers keep the client's own executor: there the reader must pace the network, and a
        // direct executor lets the client read a download ahead of its consumer into memory.
        HttpPipeline calls = new HttpPipelineBuilder().httpClient(httpClient(true)).policies(chain).build();
        HttpPipeline transfers = new HttpPipelineBuilder().httpClient(httpClient(false)).policies(chain).build();
        return new SessionPoolClient(calls, transfers, PoolEndpoint.resolve(settings, credential), apiVersion);
    }
}
