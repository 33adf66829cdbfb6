package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A full pool: the 503 says what an agent can do about it, in the agent's terms (sessionId, retry), not the pool's. */
class PoolFullTest {
    private static LocalStack stack;

    @BeforeAll
    static void startAPoolOfOneSession() {
        stack = LocalStack.start(Map.of(), 1);
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void theCapacity503GivesAdviceAnAgentCanFollow() {
        ToolClient first = new ToolClient(stack.baseUrl);
        assertEquals("1", first.python("1").path("result").asText());
        ToolClient.Answer refused = new ToolClient(stack.baseUrl).call("ExecutePythonCode", "pythonCode", "2");
        assertEquals(503, refused.status(), refused.toString());
        String message = refused.errorMessage();
        assertTrue(message.contains("pool is full") && message.contains("retry") && message.contains("sessionId you already used"), message);
        assertFalse(message.contains("DELETE /session") || message.contains("identifier"), "nothing an agent cannot do: " + message);
        assertTrue(refused.raw().headers().firstValue("Retry-After").isPresent());
    }
}
