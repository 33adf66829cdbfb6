package com.codeinterpreter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.codeinterpreter.answers.ToolException;
import org.junit.jupiter.api.Test;

class SessionKeyTest {
    @Test
    void noSessionIdMeansTheCallersDefaultSession() {
        assertEquals("default", new SessionKey("caller", null).sessionId());
    }

    @Test
    void sessionIdLengthIsOneTo128() {
        new SessionKey("c", "x");
        new SessionKey("c", "x".repeat(128));
        assertThrows(ToolException.class, () -> new SessionKey("c", ""));
        assertThrows(ToolException.class, () -> new SessionKey("c", "x".repeat(129)));
        assertThrows(ToolException.class, () -> new SessionKey("c", "bad\u0001id"));
    }
}
