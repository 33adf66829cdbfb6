package com.codeinterpreter.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    private static RequestBody parse(String json) {
        return RequestBody.parse(json.getBytes(StandardCharsets.UTF_8), "Tool", Set.of("code", "timeoutSeconds", "flag", "sessionId"));
    }

    private static String error(String json) {
        return assertThrows(ToolException.class, () -> parse(json)).getMessage();
    }

    @Test
    void malformedBodiesSayWhatIsWrong() {
        assertTrue(error("{\"code\": ").contains("not valid JSON"));
        assertTrue(error("[1,2]").contains("must be a JSON object"));
        assertTrue(assertThrows(ToolException.class, () -> RequestBody.parse(new byte[0], "Tool", Set.of("code"))).getMessage().contains("no body"));
    }

    @Test
    void unknownFieldsAreNamedWithTheValidOnes() {
        String message = error("{\"code\":\"1\",\"timeout\":5}");
        assertTrue(message.contains("does not take timeout") && message.contains("timeoutSeconds"), message);
    }

    @Test
    void typesAreChecked() {
        assertTrue(assertThrows(ToolException.class, () -> parse("{\"code\":5}").requiredString("code")).getMessage().contains("must be a string"));
        assertTrue(assertThrows(ToolException.class, () -> parse("{\"timeoutSeconds\":1.5}").optionalInt("timeoutSeconds", 1)).getMessage()
                .contains("whole number"));
        assertTrue(assertThrows(ToolException.class, () -> parse("{\"flag\":\"yes\"}").optionalBoolean("flag")).getMessage().contains("true or false"));
        assertTrue(assertThrows(ToolException.class, () -> parse("{}").requiredString("code")).getMessage().contains("'code' is required"));
    }

    @Test
    void oneObjectWithoutRepeatsAndNumbersThatDoNotWrapAround() {
        assertTrue(error("{\"code\":\"1\",\"code\":\"2\"}").contains("Duplicate field 'code'"));
        assertTrue(error("{\"code\":\"1\"} {}").contains("not valid JSON"));
        assertTrue(error("[".repeat(5000) + "]".repeat(5000)).contains("exceeds a limit of the JSON parser"));
        assertTrue(assertThrows(ToolException.class, () -> parse("{\"timeoutSeconds\":18446744073709551621}").optionalInt("timeoutSeconds", 1))
                .getMessage().contains("out of range"), "2^64 + 5 is not 5");
    }

    @Test
    void lenientWhereTheMeaningIsPlain() {
        assertEquals(30, parse("{\"timeoutSeconds\":\"30\"}").optionalInt("timeoutSeconds", 1));
        assertEquals(30, parse("{\"timeoutSeconds\":30.0}").optionalInt("timeoutSeconds", 1));
        assertEquals(Boolean.TRUE, parse("{\"flag\":\"true\"}").optionalBoolean("flag"));
        assertNull(parse("{\"flag\":null}").optionalBoolean("flag"));
        assertEquals(120, parse("{}").optionalInt("timeoutSeconds", 120));
    }
}
