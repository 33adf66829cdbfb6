package com.codeinterpreter.deploy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The declarations of Bicep files as the tree-sitter grammar parses them (tools/bicep-check/declarations.js):
 * resources, parameters and module calls, the input of the offline checks.
 */
final class BicepDeclarations {

    /** One {@code resource} declaration; a nested child is its own declaration, naming its parent. */
    record Declaration(Path file, String symbol, String type, boolean existing, int line, String parent,
            BicepValue body) {
        String label() {
            return symbol + " (" + type + ")";
        }
    }

    /** One Bicep file's declarations. */
    record Template(Path file, List<Declaration> resources, List<Parameter> parameters, List<ModuleCall> modules) {
    }

    /** A {@code param}; one without a default must be given by every caller. */
    record Parameter(String name, int line, boolean hasDefault) {
    }

    /** A {@code module} call: the file it names (relative to the caller) and the keys of its params; null when computed. */
    record ModuleCall(String symbol, String path, int line, List<ParamKey> params) {
    }

    record ParamKey(String key, int line) {
    }

    /** A value in a declaration: a literal the check can judge, or an expression it skips. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = ObjectValue.class, name = "object"),
        @JsonSubTypes.Type(value = ArrayValue.class, name = "array"),
        @JsonSubTypes.Type(value = StringValue.class, name = "string"),
        @JsonSubTypes.Type(value = IntValue.class, name = "int"),
        @JsonSubTypes.Type(value = BoolValue.class, name = "bool"),
        @JsonSubTypes.Type(value = NullValue.class, name = "null"),
        @JsonSubTypes.Type(value = Expression.class, name = "expression"),
    })
    sealed interface BicepValue {
        int line();
    }

    /** {@code key} is null when the key itself is computed ({@code '${identityId}': {}}). */
    record Property(String key, int line, BicepValue value) {
    }

    record ObjectValue(int line, List<Property> properties) implements BicepValue {
        Optional<BicepValue> get(String key) {
            return properties.stream().filter(p -> key.equals(p.key())).map(Property::value).findFirst();
        }
    }

    record ArrayValue(int line, List<BicepValue> items) implements BicepValue {
    }

    record StringValue(int line, String value) implements BicepValue {
    }

    record IntValue(int line, long value) implements BicepValue {
    }

    record BoolValue(int line, boolean value) implements BicepValue {
    }

    record NullValue(int line) implements BicepValue {
    }

    /** Anything computed at deployment: a reference, a call, an interpolated string, a condition. */
    record Expression(int line, String text) implements BicepValue {
    }

    private record ParsedFile(String file, List<ParsedDeclaration> resources, List<Parameter> parameters,
            List<ModuleCall> modules) {
    }

    private record ParsedDeclaration(String symbol, String type, boolean existing, int line, String parent,
            BicepValue body) {
    }

    private record Parsed(List<ParsedFile> files) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BicepDeclarations() {
    }

    /** Every resource declaration in the files, in file order. Fails on a file that does not parse. */
    static List<Declaration> of(List<Path> files) {
        return templates(files).stream().flatMap(t -> t.resources().stream()).toList();
    }

    /** Each file's declarations. Fails on a file that does not parse. */
    static List<Template> templates(List<Path> files) {
        BicepCheckTool.Result result = BicepCheckTool.node("declarations.js",
                files.stream().map(Path::toString).toList());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("declarations.js exited " + result.exitCode() + ":\n" + result.output());
        }
        try {
            return JSON.readValue(result.stdout(), Parsed.class).files().stream().map(f -> {
                Path file = Path.of(f.file());
                List<Declaration> resources = f.resources().stream().map(d -> new Declaration(
                        file, d.symbol(), d.type(), d.existing(), d.line(), d.parent(), d.body())).toList();
                return new Template(file, resources, f.parameters(), f.modules());
            }).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("declarations.js printed no readable JSON: " + e.getOriginalMessage()
                    + "\n" + result.output(), e);
        }
    }
}
