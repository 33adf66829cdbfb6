package com.codeinterpreter.sessions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.io.IOException;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** What {@link SessionPoolClientBuilder#buildClient()} accepts and refuses, and why. */
class SessionPoolClientBuilderTest {
    /** Stands in for Entra ID, which cannot run here; never asked for a token by these tests. */
    private static final TokenCredential ENTRA = request -> Mono.just(new AccessToken("entra", OffsetDateTime.now().plusHours(1)));

    @Test
    void theEndpointIsRequiredAndTheMessageNamesTheSettings() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SessionPoolClientBuilder().staticToken("t").buildClient());
        assertEquals("The session pool endpoint is not set. Set SESSION_POOL_ENDPOINT to the pool's management endpoint "
                + "(or SESSION_POOL_RESOURCE_ID to its resource id).", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8091", "ftp://127.0.0.1/pool", "http://", "https://pool.example/?api-version=x", "http://a b/"})
    void anEndpointThatIsNotAnHttpUrlWithoutAQueryIsRefused(String endpoint) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SessionPoolClientBuilder().endpoint(endpoint).staticToken("t").buildClient());
        assertTrue(e.getMessage().startsWith("The session pool endpoint must be an http(s) URL without a query"), e.getMessage());
        assertTrue(e.getMessage().endsWith("was '" + endpoint + "'. Check SESSION_POOL_ENDPOINT."), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8091", "http://localhost:8091/", "http://[::1]:8091", "http://127.3.4.5",
            "https://pool.example.com/subscriptions/s/sessionPools/p"})
    void aStaticTokenGoesToLoopbackOrHttps(String endpoint) {
        assertDoesNotThrow(() -> new SessionPoolClientBuilder().endpoint(endpoint).staticToken("t").buildClient());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://pool.example.com:8091", "http://10.0.0.5:8091", "http://127.0.0.1.example.com", "http://[::2]:1"})
    void aStaticTokenIsNotSentInTheClearToAnotherMachine(String endpoint) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SessionPoolClientBuilder().endpoint(endpoint).staticToken("t").buildClient());
        assertEquals("The static token (SESSION_POOL_TOKEN) is sent as it is, so it goes only to https or a loopback address, "
                + "but the endpoint is " + endpoint + ". Use an https endpoint, run the pool on this machine "
                + "(SESSION_POOL_ENDPOINT http://127.0.0.1:<port>), or unset SESSION_POOL_TOKEN to sign in with Entra ID.",
                e.getMessage());
    }

    @Test
    void entraIdTokensGoOnlyToHttpsEvenOnLoopback() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SessionPoolClientBuilder().endpoint("http://127.0.0.1:1").credential(ENTRA).buildClient());
        assertEquals("Entra ID tokens go only to https, but the endpoint is http://127.0.0.1:1. Set SESSION_POOL_ENDPOINT "
                + "to the pool's https management endpoint.", e.getMessage());
        assertDoesNotThrow(() -> new SessionPoolClientBuilder().endpoint("https://pool.example.com").credential(ENTRA).buildClient());
    }

    @Test
    void oneCredentialExactly() {
        IllegalStateException neither = assertThrows(IllegalStateException.class,
                () -> new SessionPoolClientBuilder().endpoint("https://pool.example.com").buildClient());
        assertEquals("The session pool client needs a credential: an Entra ID TokenCredential, or a static token "
                + "(SESSION_POOL_TOKEN) for the local pool.", neither.getMessage());
        IllegalStateException both = assertThrows(IllegalStateException.class, () -> new SessionPoolClientBuilder()
                .endpoint("https://pool.example.com").credential(ENTRA).staticToken("t").buildClient());
        assertEquals("The session pool client takes a credential or a static token, not both.", both.getMessage());
        IllegalStateException blank = assertThrows(IllegalStateException.class,
                () -> new SessionPoolClientBuilder().endpoint("http://127.0.0.1:1").staticToken(" ").buildClient());
        assertEquals("The static token (SESSION_POOL_TOKEN) is blank.", blank.getMessage());
    }

    @Test
    void theApiVersionCannotBeUnset() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new SessionPoolClientBuilder().serviceVersion(null));
        assertEquals("serviceVersion", e.getMessage());
    }

    @Test
    void aPipelinePassedInIsUsedAsItIsWithoutCredentialOrOurPolicies() throws IOException {
        try (PoolStub stub = new PoolStub()) {
            stub.reply(PoolStub.Reply.example(PoolStub.example("2025-10-02-preview", "CodeExecution_Get_Running")));
            SessionPoolClient client = new SessionPoolClientBuilder().endpoint(stub.url())
                    .pipeline(new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build()).build()).buildClient();
            assertEquals(PoolExecution.State.RUNNING, client.poll("testSessionIdentifier", "testExecutionId").state());
            assertNull(stub.only().header("Authorization"));
            assertNull(stub.only().header("x-ms-client-request-id"), "none of the builder's policies");
        }
    }

    @Test
    void loopbackIsJudgedFromTheNameWithoutALookup() {
        assertTrue(SessionPoolClientBuilder.isLoopback("LOCALHOST"));
        assertTrue(SessionPoolClientBuilder.isLoopback("127.255.0.1"));
        assertTrue(SessionPoolClientBuilder.isLoopback("[::1]"));
        assertFalse(SessionPoolClientBuilder.isLoopback("localhost.example.com"));
        assertFalse(SessionPoolClientBuilder.isLoopback("0.0.0.0"));
        assertFalse(SessionPoolClientBuilder.isLoopback("pool"), "a bare name could resolve anywhere");
    }
}
