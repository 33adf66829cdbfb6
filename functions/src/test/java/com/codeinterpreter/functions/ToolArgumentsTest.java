package com.codeinterpreter.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.StoredFile;
import com.codeinterpreter.answers.ToolException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        assertTrue(error("[".repeat(5000) + "]".repeat(5000)).contains("deeper than 1,000 levels"));
    }

    @Test
    void aStringPastTheReadersLimitIsA413WithTheRealLimitAndNoParserInternals() {
        String body = "{\"path\":\"big.txt\",\"content\":\"" + "x".repeat(ToolArguments.MAX_STRING_CHARS + 1) + "\"}";
        ToolException e = assertThrows(ToolException.class, () -> ToolArguments.parse(body.getBytes(StandardCharsets.UTF_8),
                "UploadFileToSession", Set.of("path", "content", "contentBase64", "sessionId")));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("20,000,000 characters") && e.getMessage().contains("application/octet-stream"), e.getMessage());
        assertFalse(e.getMessage().contains("StreamReadConstraints") || e.getMessage().contains("getMaxStringLength"), e.getMessage());
    }

    @Test
    void aBodyInAnotherCharsetIsToldToSendUtf8() {
        byte[] latin1 = "{\"code\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = "{\"code\":\"1\"}".getBytes(StandardCharsets.UTF_16);
        for (byte[] body : List.of(latin1, utf16)) {
            ToolException e = assertThrows(ToolException.class, () -> BodyText.requireUtf8(body, "application/json"));
            assertTrue(e.getMessage().contains("not UTF-8") && e.getMessage().contains("UTF-8"), e.getMessage());
        }
        ToolException declared = assertThrows(ToolException.class, () -> BodyText.requireUtf8(
                "{\"code\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8), "application/json; charset=ISO-8859-1"));
        assertTrue(declared.getMessage().contains("declared as iso-8859-1") && declared.getMessage().contains("Send the JSON encoded as UTF-8"),
                declared.getMessage());
        BodyText.requireUtf8("{\"code\":\"caf\u00e9 \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
        BodyText.requireUtf8("{\"code\":\"ascii\"}".getBytes(StandardCharsets.US_ASCII), "application/json; charset=iso-8859-1");
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
