package com.codeinterpreter.sessions;

import com.azure.core.util.serializer.JacksonAdapter;
import com.azure.core.util.serializer.JsonSerializer;
import com.azure.core.util.serializer.JsonSerializerProvider;
import com.azure.core.util.serializer.SerializerAdapter;
import com.azure.core.util.serializer.SerializerEncoding;
import com.azure.core.util.serializer.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import reactor.core.publisher.Mono;

/**
 * azure-core's default JSON serializer, made on its first use instead of on the app's first HTTP request.
 *
 * <p>Why: the first request body azure-core handles initializes {@code BinaryData}, whose static field asks
 * {@code JsonSerializerProviders} for a serializer, and azure-core's own default builds its Jackson mappers
 * at once: ~70 ms of CPU on the cold worker's first tool call (profiled), for a serializer this app never
 * uses ({@code BinaryData.fromObject}/{@code toObject} without one of their own). Registered in
 * META-INF/services, which azure-core reads before falling back to its default; what it serializes, when it
 * is used, is exactly what the default does: the same {@link JacksonAdapter}, made later.
 */
public final class DeferredJsonSerializerProvider implements JsonSerializerProvider {
    @Override
    public JsonSerializer createInstance() {
        return new Deferred();
    }

    /** Holds the adapter; the JVM initializes this class, and so makes the adapter, on its first use only. */
    private static final class Adapter {
        static final SerializerAdapter DEFAULT = JacksonAdapter.createDefaultSerializerAdapter();
    }

    private static final class Deferred implements JsonSerializer {
        @Override
        public <T> T deserialize(InputStream stream, TypeReference<T> type) {
            try {
                return Adapter.DEFAULT.deserialize(stream, type.getJavaType(), SerializerEncoding.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public <T> Mono<T> deserializeAsync(InputStream stream, TypeReference<T> type) {
            return Mono.fromCallable(() -> deserialize(stream, type));
        }

        @Override
        public void serialize(OutputStream stream, Object value) {
            try {
                Adapter.DEFAULT.serialize(value, SerializerEncoding.JSON, stream);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Mono<Void> serializeAsync(OutputStream stream, Object value) {
            return Mono.fromRunnable(() -> serialize(stream, value));
        }
    }
}
