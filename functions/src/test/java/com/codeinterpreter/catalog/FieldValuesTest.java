package com.codeinterpreter.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.ToolException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A request field read as its parameter's type (moved here from the request body's test with the code). */
class FieldValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode value(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void typesAreChecked() {
        assertTrue(assertThrows(ToolException.class, () -> FieldValues.string(value("5"), "code")).getMessage().contains("must be a string"));
        assertTrue(assertThrows(ToolException.class, () -> FieldValues.integer(value("1.5"), "timeoutSeconds")).getMessage()
                .contains("whole number"));
        assertTrue(assertThrows(ToolException.class, () -> FieldValues.bool(value("\"yes\""), "flag")).getMessage().contains("true or false"));
    }

    @Test
    void numbersDoNotWrapAround() {
        assertTrue(assertThrows(ToolException.class, () -> FieldValues.integer(value("18446744073709551621"), "timeoutSeconds"))
                .getMessage().contains("out of range"), "2^64 + 5 is not 5");
    }

    @Test
    void lenientWhereTheMeaningIsPlain() {
        assertEquals(30, FieldValues.integer(value("\"30\""), "timeoutSeconds"));
        assertEquals(30, FieldValues.integer(value("30.0"), "timeoutSeconds"));
        assertEquals(Boolean.TRUE, FieldValues.bool(value("\"true\""), "flag"));
        assertNull(FieldValues.bool(value("null"), "flag"));
        assertNull(FieldValues.integer(null, "timeoutSeconds"));
    }
}
