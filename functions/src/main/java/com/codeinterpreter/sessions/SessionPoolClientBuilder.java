package com.codeinterpreter.sessions;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
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
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds a {@link SessionPoolClient}: the only way to make one.
 *
 * <p>Required: the {@linkplain #endpoint endpoint}, and either a {@linkplain #credential credential} (Entra ID,
 * as in Azure) or a {@linkplain #staticToken static token} (as the local pool takes). Defaults: the
 * {@linkplain SessionPoolServiceVersion#getLatest() latest} api-version, and a pipeline of user agent, request
 * id, retry ({@value #MAX_RETRIES} retries, exponential from 500 ms to 10 s, on what {@link PoolRetryCondition}
 * allows), then authentication, over the JDK HTTP client (10 s to connect, 250 s to answer). A
 * {@linkplain #pipeline pipeline} passed in replaces all of that, credential and token included.
 *
 * <p>Settings are checked in {@link #buildClient()}, which throws {@link IllegalStateException} naming what
 * is wrong. Not thread-safe; the client it builds is.
 */
public final class SessionPoolClientBuilder {
    /** The Entra ID scope of the dynamic-sessions data plane (not acasessions.io, which gives 401). */
    static final String SCOPE = "https://dynamicsessions.io/.default";
    static final int MAX_RETRIES = 4;
    /** Longer than the longest synchronous execution the service allows (220 s), plus transfer time. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(250);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private String endpoint;
    private SessionPoolServiceVersion serviceVersion = SessionPoolServiceVersion.getLatest();
    private TokenCredential credential;
    private String staticToken;
    private HttpPipeline pipeline;

    /** The pool management endpoint ({@code poolManagementEndpoint}, or the local pool's URL). Required. */
    public SessionPoolClientBuilder endpoint(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /** The data-plane api-version. Default: {@link SessionPoolServiceVersion#getLatest()}. */
    public SessionPoolClientBuilder serviceVersion(SessionPoolServiceVersion serviceVersion) {
        this.serviceVersion = Objects.requireNonNull(serviceVersion, "serviceVersion");
        return this;
    }

    /** Authenticates with Entra ID tokens for the dynamic-sessions scope; needs an https endpoint. */
    public SessionPoolClientBuilder credential(TokenCredential credential) {
        this.credential = credential;
        return this;
    }

    /**
     * Authenticates with a fixed bearer token, as the local pool takes. The token is sent as it is on every
     * request, so it goes only to https or to a loopback address.
     */
    public SessionPoolClientBuilder staticToken(String staticToken) {
        this.staticToken = staticToken;
        return this;
    }

    /** The pipeline to send every request through, instead of the one this builder would make. */
    public SessionPoolClientBuilder pipeline(HttpPipeline pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /**
     * A new client.
     *
     * @throws IllegalStateException when the endpoint is missing or not an http(s) URL, when neither or both
     *                               of credential and static token are set (without a pipeline), or when
     *                               either would be sent over plain HTTP to a host that is not loopback
     */
    public SessionPoolClient buildClient() {
        URI uri = endpointUri();
        String base = endpoint.strip().replaceAll("/+$", "");
        if (pipeline != null) {
            return new SessionPoolClient(pipeline, pipeline, base, serviceVersion);
        }
        HttpPipelinePolicy[] policies = policies(uri);
        // Calls (executions, session management) are small JSON exchanges read on the calling thread, so the
        // client's completion callbacks may run where they are raised: two thread hand-offs fewer, ~0.35 ms a
        // call. Transfers keep the client's own executor: there the reader must pace the network, and a
        // direct executor lets the client read a download ahead of its consumer into memory.
        HttpPipeline calls = new HttpPipelineBuilder().httpClient(httpClient(true)).policies(policies).build();
        HttpPipeline transfers = new HttpPipelineBuilder().httpClient(httpClient(false)).policies(policies).build();
        return new SessionPoolClient(calls, transfers, base, serviceVersion);
    }

    private URI endpointUri() {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalStateException("The session pool endpoint is not set. Set SESSION_POOL_ENDPOINT to the pool's "
                    + "management endpoint (or SESSION_POOL_RESOURCE_ID to its resource id).");
        }
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("The session pool endpoint must be an http(s) URL without a query, such as "
                    + "https://<region>.dynamicsessions.io/subscriptions/.../sessionPools/<name>, was '" + endpoint
                    + "'. Check SESSION_POOL_ENDPOINT.");
        }
        return uri;
    }

    private HttpPipelinePolicy[] policies(URI uri) {
        if ((credential == null) == (staticToken == null)) {
            throw new IllegalStateException(credential == null
                    ? "The session pool client needs a credential: an Entra ID TokenCredential, or a static token "
                    + "(SESSION_POOL_TOKEN) for the local pool."
                    : "The session pool client takes a credential or a static token, not both.");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        HttpPipelinePolicy auth;
        if (staticToken != null) {
            if (staticToken.isBlank()) {
                throw new IllegalStateException("The static token (SESSION_POOL_TOKEN) is blank.");
            }
            if (!https && !isLoopback(uri.getHost())) {
                throw new IllegalStateException("The static token (SESSION_POOL_TOKEN) is sent as it is, so it goes only to "
                        + "https or a loopback address, but the endpoint is " + uri + ". Use an https endpoint, run the "
                        + "pool on this machine (SESSION_POOL_ENDPOINT http://127.0.0.1:<port>), or unset SESSION_POOL_TOKEN "
                        + "to sign in with Entra ID.");
            }
            // The local pool takes a static token over plain HTTP, which the bearer policy refuses to send.
            auth = new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.AUTHORIZATION, "Bearer " + staticToken));
        } else {
            if (!https) {
                throw new IllegalStateException("Entra ID tokens go only to https, but the endpoint is " + uri
                        + ". Set SESSION_POOL_ENDPOINT to the pool's https management endpoint.");
            }
            auth = new BearerTokenAuthenticationPolicy(credential, SCOPE);
        }
        // Closest to the API first, closest to the wire last: authentication after retry, so each try is
        // signed with a token that is valid when it is sent.
        return new HttpPipelinePolicy[] {
            new UserAgentPolicy("code-interpreter-functions/1.0"),
            new RequestIdPolicy(),
            new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions()
                    .setMaxRetries(MAX_RETRIES).setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(10)))
                    .setShouldRetryCondition(PoolRetryCondition::shouldRetry)),
            auth
        };
    }

    /** localhost, 127.0.0.0/8 or ::1, judged from the name alone: nothing is looked up. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4.matcher(bare).matches() && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static HttpClient httpClient(boolean directCallbacks) {
        JdkHttpClientBuilder builder = new JdkHttpClientBuilder().connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT).readTimeout(RESPONSE_TIMEOUT);
        return (directCallbacks ? builder.executor(Runnable::run) : builder).build();
    }
}
