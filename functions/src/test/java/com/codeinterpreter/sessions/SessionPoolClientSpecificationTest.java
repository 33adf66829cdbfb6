package com.codeinterpreter.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the published specification's examples (copied into test resources, see aca-spec/SOURCE.md): a stub
 * answers with each example's response, and the client must have sent the example's request and must read
 * the response as the example means it.
 */
class SessionPoolClientSpecificationTest {
    private static final String LATEST = "2025-10-02-preview";
    private final PoolStub stub = PoolStub.started();

    @AfterEach
    void stop() {
        stub.close();
    }

    private SessionPoolClient client(String version) {
        return new SessionPoolClientBuilder().endpoint(stub.url())
                .serviceVersion(SessionPoolServiceVersion.fromString(version).orElseThrow())
                .staticToken("local-token").buildClient();
    }

    @ParameterizedTest
    @CsvSource({LATEST + ",CodeExecution_Execute_Sync", LATEST + ",CodeExecution_Execute_Result_NaN",
            LATEST + ",CodeExecution_Execute_Result_None", LATEST + ",CodeExecution_Execute_Result_StringNaN",
            "2024-10-02-preview,CodeExecution_Execute_Sync"})
    void aSynchronousExecutionSendsTheExamplesRequestAndReadsItsResponse(String version, String name) {
        JsonNode example = PoolStub.example(version, name);
        JsonNode parameters = example.path("parameters");
        JsonNode request = parameters.path("codeExecutionRequest");
        stub.reply(PoolStub.Reply.example(example));

        PoolExecution execution = client(version).execute(parameters.path("identifier").asText(), request.path("code").asText(),
                request.path("timeoutInSeconds").asInt(), request.path("outputStreamsMaxLength").asInt(4096));

        PoolStub.Seen seen = stub.only();
        assertEquals("POST", seen.method());
        assertEquals("/executions", seen.path());
        assertEquals(Map.of("api-version", version, "identifier", parameters.path("identifier").asText()), seen.query());
        assertEquals("Bearer local-token", seen.header("Authorization"));
        assertNotNull(seen.header("operation-id"), "each execution names its operation");
        assertExampleFieldsSent(request, seen.json());
        assertResponseRead(example.path("responses").path("200").path("body"), execution);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CodeExecution_Execute_Async_Running", "CodeExecution_Execute_Async_Completed"})
    void anAsynchronousStartSendsTheExamplesRequestAndReadsItsResponse(String name) {
        JsonNode example = PoolStub.example(LATEST, name);
        JsonNode parameters = example.path("parameters");
        JsonNode request = parameters.path("codeExecutionRequest");
        stub.reply(PoolStub.Reply.example(example));

        PoolExecution execution = client(LATEST).start(parameters.path("identifier").asText(), request.path("code").asText(),
                request.path("timeoutInSeconds").asInt(), 4096);

        PoolStub.Seen seen = stub.only();
        assertEquals("/executions", seen.path());
        assertExampleFieldsSent(request, seen.json());
        assertResponseRead(example.path("responses").path("200").path("body"), execution);
    }

    @ParameterizedTest
    @CsvSource({LATEST + ",CodeExecution_Get_Running", LATEST + ",CodeExecution_Get_Completed",
            "2024-10-02-preview,CodeExecution_Get_Running"})
    void aPollGetsTheExamplesExecutionAndReadsItsState(String version, String name) {
        JsonNode example = PoolStub.example(version, name);
        JsonNode parameters = example.path("parameters");
        stub.reply(PoolStub.Reply.example(example));

        PoolExecution execution = client(version).poll(parameters.path("identifier").asText(), parameters.path("executionId").asText());

        PoolStub.Seen seen = stub.only();
        assertEquals("GET", seen.method());
        assertEquals("/executions/" + parameters.path("executionId").asText(), seen.path());
        assertEquals(Map.of("api-version", version, "identifier", parameters.path("identifier").asText()), seen.query());
        assertResponseRead(example.path("responses").path("200").path("body"), execution);
    }

    @ParameterizedTest
    @ValueSource(strings = {LATEST, "2024-10-02-preview"})
    void anUploadPostsTheFileAsTheMultipartPartNamedFileIntoTheExamplesFolder(String version) {
        JsonNode example = PoolStub.example(version, "SessionResourceFiles_Upload");
        JsonNode parameters = example.path("parameters");
        String name = example.path("responses").path("200").path("body").path("name").asText();
        byte[] content = parameters.path("file").asText().getBytes(StandardCharsets.UTF_8);
        stub.reply(PoolStub.Reply.example(example));

        client(version).upload(parameters.path("identifier").asText(), parameters.path("path").asText(), name, content);

        PoolStub.Seen seen = stub.only();
        assertEquals("POST", seen.method());
        assertEquals("/files", seen.path());
        assertEquals(Map.of("api-version", version, "identifier", parameters.path("identifier").asText(),
                "path", parameters.path("path").asText()), seen.query());
        String contentType = seen.header("Content-Type");
        assertTrue(contentType.startsWith("multipart/form-data; boundary="), contentType);
        String boundary = contentType.substring(contentType.indexOf('=') + 1);
        assertEquals("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + parameters.path("file").asText() + "\r\n--" + boundary + "--\r\n",
                seen.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {LATEST, "2024-10-02-preview"})
    void aDownloadGetsTheExamplesFileContentAsAStream(String version) throws IOException {
        JsonNode example = PoolStub.example(version, "SessionResourceFiles_GetContent");
        JsonNode parameters = example.path("parameters");
        stub.reply(PoolStub.Reply.example(example));

        byte[] content;
        long length;
        try (FileDownload download = client(version).download(parameters.path("identifier").asText(), parameters.path("path").asText(),
                parameters.path("name").asText())) {
            content = download.content().readAllBytes();
            length = download.length();
        }

        PoolStub.Seen seen = stub.only();
        assertEquals("GET", seen.method());
        assertEquals("/files/" + parameters.path("name").asText() + "/content", seen.path());
        assertEquals(Map.of("api-version", version, "identifier", parameters.path("identifier").asText(),
                "path", parameters.path("path").asText()), seen.query());
        byte[] expected = example.path("responses").path("200").path("body").asText().getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, content);
        assertEquals(expected.length, length);
    }

    @Test
    void theDefaultApiVersionIsTheLatestTheSpecificationPublishes() {
        JsonNode example = PoolStub.example(LATEST, "CodeExecution_Get_Running");
        stub.reply(PoolStub.Reply.example(example));
        new SessionPoolClientBuilder().endpoint(stub.url() + "/").staticToken("t").buildClient().poll("testSessionIdentifier", "testExecutionId");
        assertEquals(LATEST, stub.only().query().get("api-version"));
        assertEquals("/executions/testExecutionId", stub.only().path(), "the endpoint's trailing slash is dropped");
    }

    /** Every field of the example's request is sent with the example's value. */
    private static void assertExampleFieldsSent(JsonNode expected, JsonNode sent) {
        expected.fields().forEachRemaining(field -> assertEquals(field.getValue(), sent.path(field.getKey()), field.getKey()));
    }

    private static void assertResponseRead(JsonNode body, PoolExecution execution) {
        PoolExecution.State state = switch (body.path("status").asText()) {
            case "Running" -> PoolExecution.State.RUNNING;
            case "Succeeded" -> PoolExecution.State.SUCCEEDED;
            default -> throw new AssertionError("the examples show Running or Succeeded");
        };
        assertEquals(state, execution.state());
        assertEquals(body.path("id").asText(), execution.executionId());
        JsonNode result = body.path("result");
        assertEquals(result.path("stdout").asText(""), execution.stdout());
        assertEquals(result.path("stderr").asText(""), execution.stderr());
        JsonNode value = result.path("executionResult");
        if (value.isMissingNode() || value.isNull()) {
            assertNull(execution.executionResult());
        } else {
            assertEquals(value.asText(), execution.executionResult());
        }
        assertEquals(result.path("executionTimeInMilliseconds").asLong(0), execution.durationMs());
        assertNull(execution.errorCode());
    }
}
