package com.codeinterpreter.catalog;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;

/**
 * The OpenAPI component schemas of the answers, read from the answer records themselves: each component
 * is a property (an {@link JsonUnwrapped} one lends its own), described by its {@link JsonPropertyDescription},
 * a nested record is an object in place, an enum a string of its JSON names; one marked
 * {@code @JsonProperty(required = true)} is required. So an answer field cannot be
 * added without its schema, nor described in two places.
 */
final class AnswerSchemas {
    private final ObjectNode schemas;

    AnswerSchemas(ObjectNode schemas) {
        this.schemas = schemas;
    }

    /** {@code #/components/schemas/<name>}. */
    static String ref(String name) {
        return "#/components/schemas/" + name;
    }

    /** Adds the answer record's schema, named as the record, and returns its reference. */
    String add(Class<? extends Record> type) {
        String name = type.getSimpleName();
        if (!schemas.has(name)) {
            object(type, schemas.putObject(name));
        }
        return ref(name);
    }

    /** A record's schema; the records it holds are written in place, so each answer's schema reads on its own. */
    private void object(Class<?> type, ObjectNode schema) {
        schema.put("type", "object");
        JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
        if (description != null) {
            schema.put("description", description.value());
        }
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        properties(type, schema.putObject("properties"), required);
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
    }

    private void properties(Class<?> type, ObjectNode properties, ArrayNode required) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                properties(component.getType(), properties, required);
                continue;
            }
            JsonProperty json = component.getAccessor().getAnnotation(JsonProperty.class);
            if (json != null && json.required()) {
                required.add(component.getName());
            }
            ObjectNode property = properties.putObject(component.getName());
            schemaOf(component.getGenericType(), property);
            JsonPropertyDescription description = component.getAccessor().getAnnotation(JsonPropertyDescription.class);
            if (description != null) {
                property.put("description", description.value());
            }
        }
    }

    private void schemaOf(Type type, ObjectNode schema) {
        if (type instanceof ParameterizedType list) {
            schemaOf(list.getActualTypeArguments()[0], schema.put("type", "array").putObject("items"));
            return;
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord()) {
            object(c, schema);
        } else if (c.isEnum()) {
            var names = schema.put("type", "string").putArray("enum");
            Arrays.stream(c.getFields()).filter(java.lang.reflect.Field::isEnumConstant).forEach(f -> {
                var json = f.getAnnotation(JsonProperty.class);
                names.add(json != null ? json.value() : f.getName());
            });
        } else if (c == String.class || c == Instant.class) {
            schema.put("type", "string");
            if (c == Instant.class) {
                schema.put("format", "date-time");
            }
        } else if (c == boolean.class || c == Boolean.class) {
            schema.put("type", "boolean");
        } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            schema.put("type", "integer");
        } else {
            throw new IllegalArgumentException("no OpenAPI schema for " + c.getName() + ": answers hold records, lists, enums, "
                    + "strings, numbers, booleans and instants");
        }
    }
}
