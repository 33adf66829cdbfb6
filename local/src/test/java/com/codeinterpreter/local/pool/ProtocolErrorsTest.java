package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The error answers of the data plane: status, {@code x-ms-error-code}, and a body that says what to fix. */
class ProtocolErrorsTest {
    private final PoolServer pool = TestPools.shared();
    private final PoolClient client = new PoolClient(pool);
    private final String id = PoolClient.newIdentifier();

    @org.junit.jupiter.api.AfterEach
    void deleteSession() {
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, id));
    }

    private static void assertError(PoolClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.text());
        assertEquals(code, r.errorCode(), r.text());
        assertEquals(code, r.header("x-ms-error-code"));
        assertTrue(r.json().path("error").path("message").asText().length() > 20, "the message explains: " + r.text());
    }

    @Test
    void missingTokenIs401() {
        PoolClient.Response r = new PoolClient(pool.url(), null).get("/files" + PoolClient.query(PoolClient.CURRENT, id));
        assertError(r, 401, "MissingAuthorizationHeader");
        assertEquals("Bearer", r.header("WWW-Authenticate"));
    }

    @Test
    void wrongTokenIs401() {
        assertError(new PoolClient(pool.url(), "not-the-token").postJson("/executions" + PoolClient.query(PoolClient.CURRENT, id), "{}"),
                401, "InvalidAuthenticationToken");
    }

    @Test
    void missingApiVersionIs400() {
        assertError(client.get("/files?identifier=" + id), 400, "MissingApiVersionParameter");
    }

    @Test
    void unknownApiVersionIs400AndListsTheSupportedOnes() {
        PoolClient.Response r = client.get("/files" + PoolClient.query("2023-01-01", id));
        assertError(r, 400, "UnsupportedApiVersion");
        assertTrue(r.json().path("error").path("message").asText().contains("2025-10-02-preview"));
    }

    @Test
    void missingIdentifierIs400() {
        assertError(client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, null), "{\"code\":\"1\"}"), 400, "MissingIdentifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "has space", "tab\there", "é-accent", "x"})
    void malformedIdentifiersAre400(String bad) {
        assertError(client.postJson("/executions?api-version=" + PoolClient.CURRENT + "&identifier=" + URLEncoder.encode(bad, StandardCharsets.UTF_8),
                "{\"code\":\"1\"}"), 400, "InvalidIdentifier");
    }

    @Test
    void identifierLengthLimitsAreFourAndOneHundredTwentyEight() {
        assertEquals(200, client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, "abcd"), "{\"code\":\"1\",\"timeoutInSeconds\":9}").status());
        String max = "a".repeat(128);
        assertEquals(200, client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, max), "{\"code\":\"1\",\"timeoutInSeconds\":9}").status());
        assertError(client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, max + "a"), "{\"code\":\"1\"}"), 400, "InvalidIdentifier");
        assertEquals(200, client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, "{[a|b]}:;'<>?/.,@#$%^&*()-+=!~`"),
                "{\"code\":\"1\",\"timeoutInSeconds\":9}").status());
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, "abcd"));
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, max));
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, "{[a|b]}:;'<>?/.,@#$%^&*()-+=!~`"));
    }

    @Test
    void wrappedBodyOnExecutionsIsSessionPropertiesMissing() {
        assertError(client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, id),
                "{\"properties\":{\"codeInputType\":\"inline\",\"executionType\":\"synchronous\",\"code\":\"1\"}}"), 400, "SessionPropertiesMissing");
    }

    @Test
    void malformedBodiesAre400() {
        String q = "/executions" + PoolClient.query(PoolClient.CURRENT, id);
        assertError(client.postJson(q, "{not json"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "[1]"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"timeoutInSeconds\":5}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"code\":5}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"code\":\"1\",\"timeoutInSeconds\":0}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"code\":\"1\",\"timeoutInSeconds\":901}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"code\":\"1\",\"executionType\":\"Later\"}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"code\":\"1\",\"codeInputType\":\"InlineBase64\"}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"shellCommand\":\"ls\",\"code\":\"1\"}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"shellCommand\":\"ls\",\"execCommandAndArgs\":[\"ls\"]}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"execCommandAndArgs\":[]}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"execCommandAndArgs\":[\"ls\", 1]}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"shellCommand\":\"\"}"), 400, "InvalidRequestBody");
        assertError(client.postJson(q, "{\"code\":\"1\",\"stdin\":\"x\"}"), 400, "InvalidRequestBody");
    }

    @Test
    void unknownRoutesAre404() {
        assertError(client.get("/nothing" + PoolClient.query(PoolClient.CURRENT, id)), 404, "NotFound");
        assertError(client.delete("/executions" + PoolClient.query(PoolClient.CURRENT, id)), 404, "NotFound");
    }

    @Test
    void describingAnUnknownSessionIsSessionWithIdentifierNotFound() {
        assertError(client.get("/session" + PoolClient.query(PoolClient.CURRENT, id)), 400, "SessionWithIdentifierNotFound");
    }

    @Test
    void anUnknownIdentifierIsANewEmptySessionToTheFilesRoutes() {
        PoolClient.Response list = client.get("/files" + PoolClient.query(PoolClient.CURRENT, id));
        assertEquals(200, list.status(), list.text());
        assertEquals(0, list.json().path("value").size());
        assertError(client.get("/files/none.txt/content" + PoolClient.query(PoolClient.CURRENT, id)), 404, "FileNotFound");
        assertEquals(200, client.get("/session" + PoolClient.query(PoolClient.CURRENT, id)).status(), "the listing created the session");
        String other = PoolClient.newIdentifier();
        assertError(client.get("/executions/none" + PoolClient.query(PoolClient.CURRENT, other)), 404, "ExecutionNotFound");
        assertEquals(204, client.delete("/session" + PoolClient.query(PoolClient.CURRENT, other)).status());
        assertEquals(204, client.delete("/session" + PoolClient.query(PoolClient.CURRENT, id)).status());
    }

    @Test
    void sessionManagementNeedsA2025Version() {
        assertError(client.get("/session" + PoolClient.query("2024-10-02-preview", id)), 400, "UnsupportedApiVersion");
    }

    @Test
    void deletedSessionIsGoneWithItsFiles() {
        client.execute(id, "open('f.txt','w').write('x')\nv = 1");
        assertEquals(204, client.delete("/session" + PoolClient.query(PoolClient.CURRENT, id)).status());
        assertError(client.get("/session" + PoolClient.query(PoolClient.CURRENT, id)), 400, "SessionWithIdentifierNotFound");
        assertError(client.get("/files/f.txt" + PoolClient.query(PoolClient.CURRENT, id)), 404, "FileNotFound");
        assertEquals("False", client.execute(id, "import os\n'v' in globals() or os.path.exists('f.txt')").path("result").path("executionResult").asText());
    }

    @Test
    void metadataListsWhatTheSandboxReallyHas() throws Exception {
        var body = client.get("/metadata" + PoolClient.query(PoolClient.CURRENT, null)).json();
        assertEquals("python", body.path("runtimes").get(0).path("name").asText());
        var listed = new java.util.TreeSet<String>();
        body.path("preInstalledPackages").forEach(p -> listed.add(p.path("name").asText().toLowerCase()));
        String inSandbox = client.execute(id, "import importlib.metadata as m, json\n"
                + "print(json.dumps(sorted({d.metadata['Name'].lower() for d in m.distributions() if d.metadata['Name']})))")
                .path("result").path("stdout").asText();
        assertEquals(PoolClient.JSON.readTree(inSandbox), PoolClient.JSON.valueToTree(listed));
        // Debian names its h5py distribution after the serial build of HDF5 it links.
        assertTrue(listed.containsAll(java.util.List.of("pandas", "numpy", "matplotlib", "seaborn", "reportlab", "openpyxl", "scipy",
                "h5py.-debian-h5py-serial", "tables", "netcdf4", "xarray", "xlrd", "xlwt", "python-docx", "odfpy", "markdown", "jinja2", "beautifulsoup4",
                "lxml", "nbformat", "nbconvert", "pypdf", "scikit-learn", "statsmodels", "plotly", "networkx")), listed.toString());
    }
}
