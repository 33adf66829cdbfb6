package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Replays the published API specification's examples (copied into test resources) against the pool and
 * compares each response with the example's: same status, same fields, same values where the example's
 * values follow from its request.
 */
class SpecificationExamplesTest {
    private final PoolClient client = new PoolClient(TestPools.shared());

    static JsonNode example(String name) throws IOException {
        try (InputStream in = SpecificationExamplesTest.class.getResourceAsStream("/aca-spec/2025-10-02-preview/" + name + ".json")) {
            return PoolClient.JSON.readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CodeExecution_Execute_Sync", "CodeExecution_Execute_Result_NaN", "CodeExecution_Execute_Result_None",
            "CodeExecution_Execute_Result_StringNaN", "CodeExecution_Execute_Result_StringNaN_JupyterFormat",
            "CodeExecution_Execute_Result_None_JupyterFormat", "CodeExecution_Execute_Result_NaN_JupyterFormat"})
    void codeExecutionExamplesGiveTheExamplesResponse(String name) throws IOException {
        JsonNode example = example(name);
        JsonNode request = example.path("parameters").path("codeExecutionRequest");
        String identifier = PoolClient.newIdentifier();
        PoolClient.Response r = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, identifier), request);
        JsonNode expected = example.path("responses").path("200").path("body");
        assertEquals(200, r.status());
        JsonNode actual = r.json();
        assertSameFields(expected, actual);
        assertEquals(expected.path("status"), actual.path("status"));
        assertEquals(expected.path("executionType"), actual.path("executionType"));
        assertSameFields(expected.path("result"), actual.path("result"));
        // The published Sync example prints "63/n", a typo for "63\n".
        assertEquals(expected.path("result").path("stdout").asText().replace("/n", "\n"), actual.path("result").path("stdout").asText());
        assertEquals(expected.path("result").path("executionResult"), actual.path("result").path("executionResult"), name);
        for (String header : new String[] {"operation-id", "Operation-Location"}) {
            assertTrue(r.header(header) != null, header);
        }
    }

    @Test
    void asyncExamplesRunningThenCompleted() throws Exception {
        JsonNode running = example("CodeExecution_Execute_Async_Running");
        String identifier = PoolClient.newIdentifier();
        PoolClient.Response r = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, identifier),
                running.path("parameters").path("codeExecutionRequest"), "operation-id", running.path("parameters").path("operation-id").asText());
        assertEquals(200, r.status());
        assertSameFields(running.path("responses").path("200").path("body"), r.json());
        assertEquals("testExecutionId", r.header("operation-id"), "the example's operation-id header is echoed");
        assertTrue(r.header("Operation-Location").contains("/executions/testExecutionId?"), r.header("Operation-Location"));
        JsonNode completed = example("CodeExecution_Get_Completed").path("responses").path("200").path("body");
        JsonNode polled;
        do {
            Thread.sleep(20);
            polled = client.get("/executions/" + r.json().path("id").asText() + PoolClient.query(PoolClient.CURRENT, identifier)).json();
        } while (polled.path("status").asText().equals("Running"));
        assertSameFields(completed, polled);
        assertEquals("Succeeded", polled.path("status").asText());
        assertEquals("63\n", polled.path("result").path("stdout").asText());
    }

    @Test
    void shellExamplesRunInTheSessionsSandboxAndAnswerTheExitCode() throws IOException {
        String identifier = PoolClient.newIdentifier();
        for (String name : new String[] {"CodeExecution_Execute_ShellCommand", "CodeExecution_Execute_ShellExecCommandAndArgs"}) {
            JsonNode example = example(name);
            if (name.endsWith("ExecCommandAndArgs")) {
                client.upload("/files" + PoolClient.query(PoolClient.CURRENT, identifier), "previouslyuploadedfile.txt", "x".getBytes());
            }
            PoolClient.Response r = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, identifier),
                    example.path("parameters").path("codeExecutionRequest"));
            JsonNode expected = example.path("responses").path("200").path("body");
            assertEquals(200, r.status(), r.text());
            assertSameFields(expected, r.json());
            assertEquals("0", r.json().path("status").asText(), r.text());
            assertSameFields(expected.path("result"), r.json().path("result"));
            assertEquals(expected.path("result").path("stdout").asText(), r.json().path("result").path("stdout").asText(), name);
            assertTrue(r.json().path("result").path("executionResult").isMissingNode(), "a command has no executionResult");
        }
        JsonNode failing = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, identifier),
                PoolClient.JSON.createObjectNode().put("shellCommand", "echo out; echo err >&2; exit 7")).json();
        assertEquals("7", failing.path("status").asText());
        assertEquals("out\n", failing.path("result").path("stdout").asText());
        assertEquals("err\n", failing.path("result").path("stderr").asText());
        assertEquals("sandbox\n", client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, identifier),
                PoolClient.JSON.createObjectNode().putPOJO("execCommandAndArgs", java.util.List.of("hostname"))).json()
                .path("result").path("stdout").asText(), "the command runs in the session's sandbox");
    }

    @Test
    void stopSessionExampleEndsTheSession() throws IOException {
        String identifier = PoolClient.newIdentifier();
        client.execute(identifier, "v = 1");
        assertEquals(200, client.postJson("/.management/stopSession" + PoolClient.query(PoolClient.CURRENT, identifier), "").status());
        assertEquals(400, client.get("/session" + PoolClient.query(PoolClient.CURRENT, identifier)).status());
    }

    @Test
    void timesHaveTheServicesSevenFractionalDigits() {
        String identifier = PoolClient.newIdentifier();
        client.upload("/files" + PoolClient.query(PoolClient.CURRENT, identifier), "notes.txt", "x".getBytes());
        JsonNode file = client.get("/files/notes.txt" + PoolClient.query(PoolClient.CURRENT, identifier)).json();
        assertTrue(file.path("lastModifiedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z"), file.toString());
        assertEquals("text/plain; charset=utf-8", file.path("contentType").asText());
        JsonNode session = client.get("/session" + PoolClient.query(PoolClient.CURRENT, identifier)).json();
        for (String field : new String[] {"createdAt", "lastAccessedAt", "expireAt"}) {
            assertTrue(session.path(field).asText().matches(".*\\.\\d{7}Z"), session.toString());
        }
    }

    @Test
    void sessionFileExamplesHaveTheExamplesShapes() throws IOException {
        String identifier = PoolClient.newIdentifier();
        PoolClient.Response up = client.upload("/files" + PoolClient.query(PoolClient.CURRENT, identifier) + "&path=test-directory",
                "testfile.yaml", "a: 1".getBytes());
        assertEquals(200, up.status());
        assertSameFields(example("SessionResourceFiles_Upload").path("responses").path("200").path("body"), up.json());
        PoolClient.Response got = client.get("/files/testfile.yaml" + PoolClient.query(PoolClient.CURRENT, identifier) + "&path=test-directory");
        assertSameFields(example("SessionResourceFiles_Get").path("responses").path("200").path("body"), got.json());
        assertEquals("application/yaml", got.json().path("contentType").asText());
        assertEquals(4, got.json().path("sizeInBytes").asInt());
        PoolClient.Response list = client.get("/files" + PoolClient.query(PoolClient.CURRENT, identifier) + "&path=test-directory");
        JsonNode listExample = example("SessionResourceFiles_List").path("responses").path("200").path("body");
        assertSameFields(listExample, list.json());
        assertSameFields(listExample.path("value").get(0), list.json().path("value").get(0));
        assertEquals("a: 1", client.get("/files/testfile.yaml/content" + PoolClient.query(PoolClient.CURRENT, identifier)
                + "&path=test-directory").text());
        assertEquals(204, client.delete("/files/testfile.yaml" + PoolClient.query(PoolClient.CURRENT, identifier) + "&path=test-directory").status());
    }

    @Test
    void sessionManagementExamplesHaveTheExamplesShapes() throws IOException {
        String identifier = PoolClient.newIdentifier();
        client.execute(identifier, "1");
        JsonNode session = client.get("/session" + PoolClient.query(PoolClient.CURRENT, identifier)).json();
        assertSameFields(example("SessionManagement_Get").path("responses").path("200").path("body"), session);
        JsonNode list = client.get("/listSessions" + PoolClient.query(PoolClient.CURRENT, null)).json();
        assertSameFields(example("ListSessions_Get").path("responses").path("200").path("body").path("sessions").get(0),
                list.path("sessions").get(0));
        JsonNode metadata = client.get("/metadata" + PoolClient.query(PoolClient.CURRENT, null)).json();
        assertSameFields(example("SessionPoolMetadata_Get").path("responses").path("200").path("body"), metadata);
        assertEquals(204, client.delete("/session" + PoolClient.query(PoolClient.CURRENT, identifier)).status());
    }

    /** Every field of the example is present in the actual response (values may differ: ids, times). */
    static void assertSameFields(JsonNode expected, JsonNode actual) {
        assertTrue(actual.isObject(), "expected an object, got " + actual);
        for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.path(name).isNull()) {
                assertTrue(actual.has(name), "response lacks '" + name + "': " + actual);
            }
        }
    }
}
