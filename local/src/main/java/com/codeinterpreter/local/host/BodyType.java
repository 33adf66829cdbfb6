package com.codeinterpreter.local.host;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The body types a function may declare in {@code HttpRequestMessage<T>}, and how the raw request bytes
 * become that type. An empty body is {@code Optional.empty()} or {@code null}, as with the real worker,
 * which gets no body from the host when the request has none.
 */
enum BodyType {
    OPTIONAL_STRING("Optional<String>"),
    OPTIONAL_BYTES("Optional<byte[]>"),
    STRING("String"),
    BYTES("byte[]");

    static final String SUPPORTED = "Optional<String>, Optional<byte[]>, String or byte[]";

    private final String javaName;

    BodyType(String javaName) {
        this.javaName = javaName;
    }

    /**
     * The body type of a {@code HttpRequestMessage<T>} parameter type, or empty when T is none of the
     * supported ones (a POJO, a raw type, a wildcard).
     */
    static Optional<BodyType> of(Type requestType) {
        if (!(requestType instanceof ParameterizedType p) || p.getActualTypeArguments().length != 1) {
            return Optional.empty();
        }
        Type t = p.getActualTypeArguments()[0];
        if (t == String.class) {
            return Optional.of(STRING);
        }
        if (t == byte[].class) {
            return Optional.of(BYTES);
        }
        if (t instanceof ParameterizedType o && o.getRawType() == Optional.class) {
            Type inner = o.getActualTypeArguments()[0];
            if (inner == String.class) {
                return Optional.of(OPTIONAL_STRING);
            }
            if (inner == byte[].class) {
                return Optional.of(OPTIONAL_BYTES);
            }
        }
        return Optional.empty();
    }

    /** The request body as this type; strings are decoded as UTF-8. */
    Object convert(byte[] raw) {
        boolean empty = raw.length == 0;
        return switch (this) {
            case OPTIONAL_STRING -> empty ? Optional.empty() : Optional.of(new String(raw, StandardCharsets.UTF_8));
            case OPTIONAL_BYTES -> empty ? Optional.empty() : Optional.of(raw);
            case STRING -> empty ? null : new String(raw, StandardCharsets.UTF_8);
            case BYTES -> empty ? null : raw;
        };
    }

    @Override
    public String toString() {
        return javaName;
    }
}
