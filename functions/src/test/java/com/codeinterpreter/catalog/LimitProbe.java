package com.codeinterpreter.catalog;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Feeds one parameter's value to what validates it (binding the tool's request, or SessionKey for the
 * common sessionId), everything else being valid, to see whether the value is accepted.
 */
final class LimitProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Consumer<Object> validate;

    private LimitProbe(Consumer<Object> validate) {
        this.validate = validate;
    }

    /** The probe for a parameter: its tool's request bound from a body whose other required fields are valid. */
    static LimitProbe of(String tool, String parameter) {
        if (parameter.equals("sessionId")) {
            return new LimitProbe(v -> new SessionKey("caller", (String) v));
        }
        ToolDefinition definition = ToolCatalog.tool(tool);
        ToolParameter probed = definition.parameter(parameter);
        return new LimitProbe(v -> {
            ObjectNode body = JSON.createObjectNode();
            for (ToolParameter p : definition.parameters()) {
                if (p.required() && p != probed) {
                    body.put(p.name(), p.kind() == ToolParameter.Kind.FILE_NAME ? "r.pdf" : "a");
                }
            }
            if (definition == ToolCatalog.UPLOAD_FILE_TO_SESSION) {
                body.put("content", "x"); // it takes its content in one of two optional fields
            }
            Object value = probed.kind() == ToolParameter.Kind.SESSION_PATH || probed.kind() == ToolParameter.Kind.SESSION_FILE
                    ? path((String) v) : v;
            body.set(parameter, JSON.valueToTree(value));
            RequestBinder.bind(definition, body);
        });
    }
    void accepts(Object value, String what) {
        try {
            validate.accept(value);
        } catch (ToolException e) {
            fail(what + " is refused by the tool: " + e.getMessage());
        }
    }

    void refuses(Object value, String what) {
        assertThrows(ToolException.class, () -> validate.accept(value), what + " is accepted by the tool");
    }

    /** A string of exactly {@code length} letters. */
    static String text(int length) {
        return "a".repeat(length);
    }

    /** A path of the same length, cut into names short enough to be valid on their own. */
    private static String path(String letters) {
        StringBuilder b = new StringBuilder(letters);
        for (int i = 200; i < b.length() - 1; i += 201) {
            b.setCharAt(i, '/');
        }
        return b.toString();
    }
}
