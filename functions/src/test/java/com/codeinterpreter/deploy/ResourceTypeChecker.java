package com.codeinterpreter.deploy;

import com.codeinterpreter.deploy.BicepDeclarations.ArrayValue;
import com.codeinterpreter.deploy.BicepDeclarations.BicepValue;
import com.codeinterpreter.deploy.BicepDeclarations.BoolValue;
import com.codeinterpreter.deploy.BicepDeclarations.Declaration;
import com.codeinterpreter.deploy.BicepDeclarations.Expression;
import com.codeinterpreter.deploy.BicepDeclarations.IntValue;
import com.codeinterpreter.deploy.BicepDeclarations.NullValue;
import com.codeinterpreter.deploy.BicepDeclarations.ObjectValue;
import com.codeinterpreter.deploy.BicepDeclarations.Property;
import com.codeinterpreter.deploy.BicepDeclarations.StringValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The offline type check: each resource declaration against its type's schema, as the Bicep compiler
 * would check it. It reports a type@apiVersion without a schema, a property the type does not have, a
 * literal of the wrong type, a value outside a closed enum or outside an extensible enum's known values
 * (unless {@link AcceptedValue} lists it), a read-only property that is set and a required one that is
 * missing. Expressions (references, calls, interpolated strings) are skipped: only ARM knows their values.
 */
final class ResourceTypeChecker {

    /** One mistake, where it is and what to do about it. */
    record Problem(Path file, int line, String resource, String path, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + resource + (path.isEmpty() ? "" : " " + path) + ": " + message;
        }
    }

    /**
     * A value outside an extensible enum's known values that ARM is known to take. {@code path} is the
     * property path with array indexes written {@code []}, e.g. {@code properties.siteConfig.appSettings[].name}.
     */
    record AcceptedValue(String type, String path, String value, String reason) {
    }

    /** Keys of a resource body that are Bicep's own, not the resource type's. */
    private static final Set<String> BICEP_KEYWORDS = Set.of("parent", "scope", "dependsOn");

    private final List<AcceptedValue> accepted;

    ResourceTypeChecker(List<AcceptedValue> accepted) {
        this.accepted = List.copyOf(accepted);
    }

    List<Problem> check(List<Declaration> declarations) {
        List<Problem> problems = new ArrayList<>();
        for (Declaration declaration : declarations) {
            new Walk(declaration, problems).resource();
        }
        return problems;
    }

    /** The check of one declaration; it collects into {@code problems}. */
    private final class Walk {
        private final Declaration declaration;
        private final List<Problem> problems;

        Walk(Declaration declaration, List<Problem> problems) {
            this.declaration = declaration;
            this.problems = problems;
        }

        void resource() {
            Optional<ResourceTypeSchema> schema = ResourceTypeSchema.of(declaration.type());
            if (schema.isEmpty()) {
                report(declaration.line(), "", "no schema for " + declaration.type() + " in the test resources"
                        + " (azure-resource-types/): copy it there, or use a type@apiVersion that has one");
                return;
            }
            if (!(declaration.body() instanceof ObjectValue body)) {
                return; // a computed body: nothing to judge
            }
            variant(schema.get(), body).ifPresent(s -> object("", body, s, true));
        }

        /** The schema to check against: the type's own, or for a name-discriminated type the name's variant. */
        private Optional<ResourceTypeSchema> variant(ResourceTypeSchema schema, ObjectValue body) {
            if (schema.discriminator() == null) {
                return Optional.of(schema);
            }
            Optional<BicepValue> name = body.get(schema.discriminator());
            Set<String> names = new TreeSet<>(schema.variants().keySet());
            if (name.isEmpty() || !(name.get() instanceof StringValue literal)) {
                report(body.line(), schema.discriminator(), "the variant of this type is chosen by its "
                        + schema.discriminator() + ", so write it as a literal, one of " + names);
                return Optional.empty();
            }
            String last = literal.value().substring(literal.value().lastIndexOf('/') + 1);
            ResourceTypeSchema chosen = schema.variants().get(last);
            if (chosen == null) {
                report(literal.line(), schema.discriminator(), "'" + last + "' is none of this type's variants " + names);
                return Optional.empty();
            }
            Map<String, ResourceTypeSchema> merged = new HashMap<>(schema.baseProperties() == null ? Map.of() : schema.baseProperties());
            merged.putAll(chosen.propertiesOrEmpty());
            return Optional.of(new ResourceTypeSchema(chosen.type(), merged, chosen.additionalProperties(), null,
                    null, null, chosen.flags(), null, null, null));
        }

        private void value(String path, BicepValue value, ResourceTypeSchema schema) {
            if (value instanceof Expression || value instanceof NullValue) {
                return;
            }
            switch (schema.type()) {
                case "object" -> {
                    if (value instanceof ObjectValue object) {
                        object(path, object, schema, false);
                    } else {
                        wrongType(path, value, "an object");
                    }
                }
                case "array" -> {
                    if (value instanceof ArrayValue array) {
                        for (int i = 0; i < array.items().size(); i++) {
                            value(path + "[" + i + "]", array.items().get(i), schema.items());
                        }
                    } else {
                        wrongType(path, value, "an array");
                    }
                }
                case "string" -> {
                    if (value instanceof StringValue string) {
                        allowedValue(path, string, schema);
                    } else {
                        wrongType(path, value, "a string");
                    }
                }
                case "integer" -> {
                    if (!(value instanceof IntValue)) {
                        wrongType(path, value, "an integer");
                    }
                }
                case "boolean" -> {
                    if (!(value instanceof BoolValue)) {
                        wrongType(path, value, "true or false");
                    }
                }
                default -> {
                    // "any": the type takes whatever it is given
                }
            }
        }

        private void object(String path, ObjectValue object, ResourceTypeSchema schema, boolean resourceBody) {
            Map<String, ResourceTypeSchema> properties = schema.propertiesOrEmpty();
            for (Property property : object.properties()) {
                String key = property.key();
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (key == null) {
                    // A computed key: only a map (additionalProperties) can take it, and its value is still checked.
                    if (schema.additionalProperties() != null) {
                        value(path + ".*", property.value(), schema.additionalProperties());
                    }
                    continue;
                }
                if (resourceBody && BICEP_KEYWORDS.contains(key)) {
                    continue;
                }
                ResourceTypeSchema child = properties.get(key);
                if (child == null && schema.additionalProperties() != null) {
                    value(childPath, property.value(), schema.additionalProperties());
                } else if (child == null) {
                    report(property.line(), path, "has no property '" + key + "'" + Suggestion.closest(key, properties.keySet())
                            .map(s -> ": did you mean '" + s + "'?").orElseGet(() -> "; it has " + settable(properties)));
                } else if (child.has("readonly")) {
                    report(property.line(), childPath, "is read-only: ARM sets it, a template cannot");
                } else {
                    value(childPath, property.value(), child);
                }
            }
            if (declaration.existing()) {
                return; // an existing resource is only referred to: its name is all it needs
            }
            properties.forEach((name, child) -> {
                if (child.has("required") && object.get(name).isEmpty()) {
                    report(object.line(), path, "the required property '" + name + "' is missing");
                }
            });
        }

        private void allowedValue(String path, StringValue string, ResourceTypeSchema schema) {
            String value = string.value();
            if (schema.closedValues() != null && !schema.closedValues().contains(value)) {
                report(string.line(), path, "'" + value + "' is not one of " + schema.closedValues()
                        + Suggestion.sameIgnoringCase(value, schema.closedValues()).map(s -> ": did you mean '" + s + "'?").orElse(""));
            } else if (schema.knownValues() != null && !schema.knownValues().contains(value) && !isAccepted(path, value)) {
                report(string.line(), path, "'" + value + "' is not one of the known values " + schema.knownValues()
                        + Suggestion.sameIgnoringCase(value, schema.knownValues()).map(s -> ": did you mean '" + s + "'?").orElse("")
                        + "; if ARM takes it, list it as an accepted value with the reason");
            }
        }

        private boolean isAccepted(String path, String value) {
            String generic = path.replaceAll("\\[\\d+]", "[]");
            return accepted.stream().anyMatch(a -> a.type().equals(declaration.type()) && a.path().equals(generic)
                    && a.value().equals(value));
        }

        private void wrongType(String path, BicepValue value, String expected) {
            report(value.line(), path, "expected " + expected + ", found " + describe(value));
        }

        private void report(int line, String path, String message) {
            problems.add(new Problem(declaration.file(), line, declaration.label(), path, message));
        }
    }

    /** The properties a template may set: the read-only ones are ARM's. */
    private static Set<String> settable(Map<String, ResourceTypeSchema> properties) {
        Set<String> names = new TreeSet<>();
        properties.forEach((name, schema) -> {
            if (!schema.has("readonly")) {
                names.add(name);
            }
        });
        return names;
    }

    private static String describe(BicepValue value) {
        if (value instanceof StringValue s) {
            return "the string '" + s.value() + "'";
        } else if (value instanceof IntValue i) {
            return "the integer " + i.value();
        } else if (value instanceof BoolValue b) {
            return "the boolean " + b.value();
        }
        return value instanceof ObjectValue ? "an object" : "an array";
    }
}
