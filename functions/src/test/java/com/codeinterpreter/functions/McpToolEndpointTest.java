package com.codeinterpreter.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.identity.SessionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The MCP handler: from the extension's invocation context to the tool call, and its outcome to text. */
class McpToolEndpointTest {
    private final AtomicReference<SessionKey> session = new AtomicReference<>();

    private String call(String invocation) {
        return McpToolEndpoint.handle(invocation, new TestContext(), ToolCatalog.EXECUTE_PYTHON_CODE, (body, key) -> {
            session.set(key);
            return Map.of("status", "succeeded", "stdout", body.requiredString("pythonCode"));
        });
    }

    @Test
    void theAnswerIsTheJsonTheHttpToolAnswers() throws Exception {
        JsonNode answer = ToolArguments.JSON.readTree(call("{\"name\":\"ExecutePythonCode\",\"arguments\":{\"pythonCode\":\"print(1)\"}}"));
        assertEquals("succeeded", answer.path("status").asText());
        assertEquals("print(1)", answer.path("stdout").asText());
    }

    @Test
    void theMcpSessionStandsInForAMissingSessionId() {
        call("{\"arguments\":{\"pythonCode\":\"1\"},\"sessionid\":\"mcp-session-1\"}");
        assertEquals("mcp-session-1", session.get().sessionId());
        call("{\"arguments\":{\"pythonCode\":\"1\",\"sessionId\":\"thread-7\"},\"sessionid\":\"mcp-session-1\"}");
        assertEquals("thread-7", session.get().sessionId(), "the caller's own sessionId wins");
        call("{\"arguments\":{\"pythonCode\":\"1\"},\"transport\":{\"name\":\"http-streamable\",\"sessionId\":\"from-transport\"}}");
        assertEquals("from-transport", session.get().sessionId());
    }

    @Test
    void aSessionIdTooLongToUseIsHashedNotRefused() {
        call("{\"arguments\":{\"pythonCode\":\"1\"},\"sessionid\":\"" + "s".repeat(300) + "\"}");
        assertTrue(session.get().sessionId().matches("mcp-[0-9a-f]{64}"), session.get().sessionId());
    }

    @Test
    void withoutAnySessionTheDefaultSessionIsUsed() {
        call("{\"arguments\":{\"pythonCode\":\"1\"}}");
        assertEquals(new SessionKey("c", null).sessionId(), session.get().sessionId());
    }

    @Test
    void mistakesComeBackAsTheErrorJsonWithHowToFixThem() throws Exception {
        JsonNode unknown = ToolArguments.JSON.readTree(call("{\"arguments\":{\"pythonCode\":\"1\",\"timeout\":5}}"));
        assertEquals("InvalidRequest", unknown.path("error").path("code").asText());
        assertTrue(unknown.path("error").path("message").asText().contains("does not take timeout"), unknown.toString());
        JsonNode missing = ToolArguments.JSON.readTree(call("{\"name\":\"ExecutePythonCode\"}"));
        assertEquals("'pythonCode' is required.", missing.path("error").path("message").asText());
        JsonNode broken = ToolArguments.JSON.readTree(call("{not json"));
        assertEquals("InvalidRequest", broken.path("error").path("code").asText());
    }

    @Test
    void aToolExceptionKeepsItsCode() throws Exception {
        String text = McpToolEndpoint.handle("{\"arguments\":{}}", new TestContext(), ToolCatalog.GET_SESSION_FILE, (body, key) -> {
            throw new ToolException(404, "FileNotFound", "No file /mnt/data/x in the session.");
        });
        assertEquals("{\"error\":{\"code\":\"FileNotFound\",\"message\":\"No file /mnt/data/x in the session.\"}}", text);
    }

    private static final class TestContext implements ExecutionContext {
        @Override
        public Logger getLogger() {
            return Logger.getLogger("test");
        }

        @Override
        public String getInvocationId() {
            return "test-invocation";
        }

        @Override
        public String getFunctionName() {
            return "ExecutePythonCodeMcp";
        }
    }
}
