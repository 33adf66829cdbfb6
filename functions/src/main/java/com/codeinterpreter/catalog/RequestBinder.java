package com.codeinterpreter.catalog;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.tools.SessionPaths;
import com.codeinterpreter.tools.ToolRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Binds a tool's JSON request to its request record, by the catalog: each component of the record is the
 * parameter of the same name, read as its kind, checked against its limits, or its default when absent.
 * What a record still checks in its own constructor (a blank value, a pattern) is what no limit states.
 *
 * <p>Fields the tool does not take are refused before this, where the body is parsed; {@code sessionId}
 * is common to every tool and bound to the session, not to the request.
 */
public final class RequestBinder {
    /** Each request record's component names and canonical constructor, looked up once: reflection is slow to repeat per call. */
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            try {
                return new RecordShape(Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new),
                        type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }
    };

    private record RecordShape(String[] names, Constructor<?> canonical) {
    }

    private RequestBinder() {
    }

    /** The request record of {@code tool}, from {@code body}; a value that does not fit is a {@link ToolException}. */
    public static ToolRequest bind(ToolDefinition tool, ObjectNode body) {
        Class<? extends ToolRequest> type = tool.request();
        RecordShape shape = SHAPES.get(type);
        Object[] values = new Object[shape.names().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(tool.parameter(shape.names()[i]), body.get(shape.names()[i]));
        }
        try {
            return type.cast(shape.canonical().newInstance(values));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException(type.getName() + " could not be made", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " is not the request record of " + tool.name(), e);
        }
    }

    /** One parameter's value: read, defaulted, checked, and in the form its kind binds to (a path as its absolute path). */
    public static Object value(ToolParameter p, JsonNode node) {
        Object value = switch (p.type()) {
            case STRING -> FieldValues.string(node, p.name());
            case INTEGER -> FieldValues.integer(node, p.name());
            case BOOLEAN -> FieldValues.bool(node, p.name());
        };
        // A blank path where there is a default means the default (the whole folder), as leaving it out does.
        if (value == null || (p.kind() == ToolParameter.Kind.SESSION_PATH && p.defaultValue() != null && ((String) value).isBlank())) {
            if (p.required()) {
                throw ToolException.invalid("'" + p.name() + "' is required.");
            }
            value = p.defaultValue();
        }
        if (value == null) {
            return null;
        }
        // Characters are code points, as the caller counts them: an emoji is one, not two UTF-16 units.
        if (value instanceof String text && p.maxLength() != null && text.length() > p.maxLength()
                && text.codePointCount(0, text.length()) > p.maxLength()) {
            throw refused(p, "'" + p.name() + "' is " + text.codePointCount(0, text.length()) + " characters; the limit is "
                    + p.maxLength() + ".");
        }
        if (value instanceof Integer number && !fits(p, number)) {
            throw refused(p, "'" + p.name() + "' must be " + (p.maximum() == null ? p.minimum() + " or more" : p.minimum() + " to "
                    + p.maximum()) + ", was " + number + ".");
        }
        return switch (p.kind()) {
            case SESSION_PATH -> SessionPaths.resolve(p.name(), (String) value);
            case SESSION_FILE -> SessionPaths.resolveFile(p.name(), (String) value);
            case FILE_NAME -> SessionPaths.fileName(p.name(), (String) value);
            default -> value;
        };
    }

    private static boolean fits(ToolParameter p, int number) {
        return (p.minimum() == null || number >= p.minimum()) && (p.maximum() == null || number <= p.maximum());
    }

    private static ToolException refused(ToolParameter p, String message) {
        return ToolException.invalid(p.hint() == null ? message : message + " " + p.hint());
    }
}
