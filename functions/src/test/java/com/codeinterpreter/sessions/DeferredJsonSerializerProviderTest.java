package com.codeinterpreter.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.azure.core.util.BinaryData;
import com.azure.core.util.serializer.JsonSerializerProvider;
import com.azure.core.util.serializer.JsonSerializerProviders;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DeferredJsonSerializerProviderTest {
    /** A field the way azure-core's default writes it (ISO dates from its Java time module). */
    public static final class Stamp {
        public OffsetDateTime at;
        public String name;
    }

    @Test
    void azureCoreFindsTheProviderThroughItsServiceFile() {
        assertInstanceOf(DeferredJsonSerializerProvider.class, ServiceLoader.load(JsonSerializerProvider.class).findFirst().orElseThrow());
        assertEquals(DeferredJsonSerializerProvider.class, JsonSerializerProviders.createInstance(true).getClass().getEnclosingClass());
    }

    @Test
    void binaryDataMapsObjectsAsAzureCoresDefaultDoes() {
        Stamp stamp = new Stamp();
        stamp.at = OffsetDateTime.parse("2026-12-07T04:00:00Z");
        stamp.name = "x";
        BinaryData data = BinaryData.fromObject(stamp);
        assertEquals("{\"at\":\"2026-12-07T04:00:00Z\",\"name\":\"x\"}", data.toString());
        Stamp back = data.toObject(Stamp.class);
        assertEquals(stamp.at, back.at);
        assertEquals(Map.of("at", "2026-12-07T04:00:00Z", "name", "x"), data.toObject(Map.class));
    }
}
