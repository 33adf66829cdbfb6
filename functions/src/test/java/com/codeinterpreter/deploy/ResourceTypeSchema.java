package com.codeinterpreter.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One node of an Azure resource type's schema, as the Bicep compiler's type definitions give it
 * (test resources {@code azure-resource-types/}, see the SOURCE.md there): {@code type} is one of
 * {@code object, array, string, integer, boolean, any}; {@code closedValues} an enum, {@code knownValues}
 * an extensible one (other strings accepted by ARM). A name-discriminated resource has no properties of
 * its own but a {@code variant} per name, each a whole object schema.
 */
@JsonIgnoreProperties({"note", "source"})
record ResourceTypeSchema(
        String type,
        Map<String, ResourceTypeSchema> properties,
        ResourceTypeSchema additionalProperties,
        ResourceTypeSchema items,
        @JsonProperty("enum") List<String> closedValues,
        List<String> knownValues,
        Set<String> flags,
        String discriminator,
        Map<String, ResourceTypeSchema> baseProperties,
        Map<String, ResourceTypeSchema> variants) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The schema of {@code type@apiVersion}, or empty when the test resources have none. */
    static Optional<ResourceTypeSchema> of(String typeAtVersion) {
        String name = "/azure-resource-types/" + typeAtVersion.replace('/', '~') + ".json";
        try (InputStream in = ResourceTypeSchema.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(JSON.readValue(in, ResourceTypeSchema.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable schema " + name, e);
        }
    }

    boolean has(String flag) {
        return flags != null && flags.contains(flag);
    }

    Map<String, ResourceTypeSchema> propertiesOrEmpty() {
        return properties == null ? Map.of() : properties;
    }
}
