package com.codeinterpreter.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.StoredFile;
import com.codeinterpreter.answers.ToolException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {
    private static ToolArguments parse(String json) {
        return ToolArguments.parse(json.getBytes(StandardCharsets.UTF_8), "Tool", Set.of("code", "timeoutSeconds", "flag", "sessionId"));
    }

    private static String error(String json) {
        return assertThrows(ToolException.class, () -> parse(json)).getMessage();
    }

    @Test
    void malformedBodiesSayWhatIsWrong() {
        assertTrue(error("{\"code\": ").contains("not valid JSON"));
        assertTrue(error("[1,2]").contains("must be a JSON object"));
        assertTrue(assertThrows(ToolException.class, () -> ToolArguments.parse(new byte[0], "Tool", Set.of("code"))).getMessage().contains("no body"));
    }

    @Test
    void unknownFieldsAreNamedWithTheValidOnes() {
        String message = error("{\"code\":\"1\",\"timeout\":5}");
        assertTrue(message.contains("does not take timeout") && message.contains("timeoutSeconds"), message);
    }

    @Test
    void typesAreChecked() {
        assertTrue(assertThrows(ToolException.class, () -> parse("{\"code\":5}").requiredString("code")).getMessage().contains("must be a string"));
        assertTrue(assertThrows(ToolException.class, () -> parse("{}").requiredString("code")).getMessage().contains("'code' is required"));
    }

    @Test
    void oneObjectWithoutRepeats() {
        assertTrue(error("{\"code\":\"1\",\"code\":\"2\"}").contains("Duplicate field 'code'"));
        assertTrue(error("{\"code\":\"1\"} {}").contains("not valid JSON"));
        assertTrue(error("[".repeat(5000) + "]".repeat(5000)).contains("exceeds a limit of the JSON parser"));
    }

    /** Answers write times as Jackson's JavaTimeModule did, without loading it: whole seconds, millis, nanos. */
    @Test
    void instantsInAnswersAreIsoTextAsTheJavaTimeModuleWritesThem() {
        ObjectMapper javaTime = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        for (String text : new String[] {"2026-12-07T04:00:00Z", "2026-12-07T04:00:00.120Z", "1970-01-01T00:00:00.000000001Z"}) {
            StoredFile file = new StoredFile("a.csv", "/mnt/data/a.csv", 1, "text/csv", Instant.parse(text));
            assertEquals(text, ToolArguments.JSON.valueToTree(file).path("lastModified").textValue());
            assertEquals(javaTime.valueToTree(file), ToolArguments.JSON.valueToTree(file));
        }
    }
}
