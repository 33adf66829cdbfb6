package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Assertions the attack tests share: an exact error answer, a result, and quick JSON bodies. */
final class Expect {
    private static final com.fasterxml.jackson.databind.ObjectMapper ESCAPING = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Expect() {
    }

    /** The answer is {@code status} with error {@code code}, and its message contains {@code messagePart}. */
    static void error(ToolClient.Answer answer, int status, String code, String messagePart) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(code, answer.errorCode(), answer.toString());
        assertTrue(answer.errorMessage().contains(messagePart), "message should contain '" + messagePart + "': " + answer);
    }

    /** A 200 answer's JSON. */
    static JsonNode ok(ToolClient.Answer answer) {
        assertEquals(200, answer.status(), answer.toString());
        return answer.json();
    }

    /** A 200 answer of an execution tool whose status is {@code status}. */
    static JsonNode outcome(ToolClient.Answer answer, String status) {
        JsonNode r = ok(answer);
        assertEquals(status, r.path("status").asText(), r.toString());
        return r;
    }

    /** A JSON object from alternating names and values (strings, numbers, booleans, nodes or null). */
    static ObjectNode body(Object... keyValues) {
        ObjectNode node = ToolClient.JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], ToolClient.JSON.valueToTree(keyValues[i + 1]));
        }
        return node;
    }

    /**
     * Posts {@code body} (with the client's sessionId) as JSON whose non-ASCII characters are escaped, so
     * that even an unpaired surrogate arrives as the escape sequence a hostile caller would send.
     */
    static ToolClient.Answer postEscaped(ToolClient client, String tool, ObjectNode body) {
        ObjectNode withSession = body.deepCopy();
        if (!withSession.has("sessionId")) {
            withSession.put("sessionId", client.sessionId);
        }
        try {
            return client.post(tool, ESCAPING.writeValueAsString(withSession), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return ToolClient.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
