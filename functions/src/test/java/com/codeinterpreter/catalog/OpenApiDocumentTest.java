package com.codeinterpreter.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.Accepted;
import com.codeinterpreter.answers.ExecutionReport;
import com.codeinterpreter.answers.FileList;
import com.codeinterpreter.answers.FileText;
import com.codeinterpreter.answers.OutputFile;
import com.codeinterpreter.answers.PdfReport;
import com.codeinterpreter.answers.SearchMatches;
import com.codeinterpreter.answers.StoredFile;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document, read back as JSON, against the catalog and the tools' answer records. */
class OpenApiDocumentTest {
    private static final JsonNode DOC = parse(OpenApiDocument.build("https://app.example.net/api").toString());

    @Test
    void isAnOpenApi3DocumentWithTheServerAndTheFunctionKey() {
        assertTrue(DOC.path("openapi").asText().matches("3\\.(0|1)\\.\\d+"), DOC.path("openapi").asText());
        assertFalse(DOC.path("info").path("title").asText().isEmpty());
        assertEquals("https://app.example.net/api", DOC.path("servers").get(0).path("url").asText());
        JsonNode key = DOC.path("components").path("securitySchemes").path("functionKey");
        assertEquals("apiKey", key.path("type").asText());
        assertEquals("header", key.path("in").asText());
        assertEquals("x-functions-key", key.path("name").asText());
        assertTrue(DOC.path("security").toString().contains("functionKey"));
        assertEquals(0, DOC.path("paths").path("/openapi.json").path("get").path("security").size(), "the document itself is anonymous");
    }

    @Test
    void everyToolIsAPostWhoseRequestSchemaIsTheCatalogs() {
        for (ToolDefinition tool : ToolCatalog.all()) {
            JsonNode post = DOC.path("paths").path("/" + tool.name()).path("post");
            assertEquals(tool.name(), post.path("operationId").asText());
            JsonNode schema = resolve(post.path("requestBody").path("content").path("application/json").path("schema"));
            assertEquals(tool.requiredNames(), strings(schema.path("required")), tool.name());
            assertEquals(names(tool.allParameters()), new TreeSet<>(strings(schema.path("properties").fieldNames())), tool.name());
            assertFalse(schema.path("additionalProperties").asBoolean(true), "unknown fields are refused");
            for (ToolParameter p : tool.allParameters()) {
                JsonNode property = schema.path("properties").path(p.name());
                assertEquals(p.type().schemaName(), property.path("type").asText(), tool.name() + "." + p.name());
                if (p.maximum() != null) {
                    assertEquals(p.maximum().intValue(), property.path("maximum").asInt());
                }
                if (p.maxLength() != null) {
                    assertEquals(p.maxLength().intValue(), property.path("maxLength").asInt());
                }
            }
            assertTrue(post.path("responses").has("200") && post.path("responses").has("400"), tool.name());
            assertEquals(tool.answer().mayBeAccepted(), post.path("responses").has("202"), tool.name());
            tool.errorStatuses().forEach(s -> assertTrue(post.path("responses").has(String.valueOf(s)), tool.name() + " " + s));
        }
        assertTrue(DOC.path("paths").path("/GetExecutionResult").has("get"));
        assertTrue(DOC.path("paths").path("/UploadFileToSession").path("post").path("requestBody").path("content")
                .has("application/octet-stream"));
    }

    @Test
    void longCallsAnswer202WithWhereToPoll() {
        JsonNode accepted = DOC.path("paths").path("/ExecutePythonCode").path("post").path("responses").path("202");
        assertTrue(accepted.path("headers").has("Location"));
        JsonNode schema = resolve(accepted.path("content").path("application/json").path("schema"));
        assertTrue(schema.path("properties").has("executionId") && schema.path("properties").has("statusUrl"));
        JsonNode error = resolve(DOC.path("paths").path("/ExecutePythonCode").path("post").path("responses").path("400")
                .path("content").path("application/json").path("schema"));
        assertEquals(Set.of("code", "message"), new TreeSet<>(strings(error.path("properties").path("error").path("properties").fieldNames())));
    }

    @Test
    void answerSchemasNameEveryFieldOfTheAnswerRecords() {
        assertCovers("ExecutionReport", ExecutionReport.class);
        assertCovers("PdfReport", PdfReport.class);
        assertCovers("OutputFile", OutputFile.class);
        assertCovers("Accepted", Accepted.class);
        assertCovers("StoredFile", StoredFile.class);
        assertCovers("FileText", FileText.class);
        assertCovers("SearchMatches", SearchMatches.class);
        assertCovers("FileList", FileList.class);
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(DOC, refs);
        assertFalse(refs.isEmpty());
        refs.forEach(r -> assertFalse(ref(r).isMissingNode(), r));
    }

    /** Every field Jackson writes for the record (its own view, unwrapped parts included) is in the schema. */
    private static void assertCovers(String schema, Class<? extends Record> type) {
        JsonNode properties = DOC.path("components").path("schemas").path(schema).path("properties");
        Set<String> written = new TreeSet<>();
        try {
            new ObjectMapper().acceptJsonFormatVisitor(type, new JsonFormatVisitorWrapper.Base() {
                @Override
                public JsonObjectFormatVisitor expectObjectFormat(JavaType t) {
                    return new JsonObjectFormatVisitor.Base(getProvider()) {
                        @Override
                        public void property(BeanProperty p) {
                            written.add(p.getName());
                        }

                        @Override
                        public void optionalProperty(BeanProperty p) {
                            written.add(p.getName());
                        }
                    };
                }
            });
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new AssertionError(e);
        }
        assertFalse(written.isEmpty(), type.getName());
        for (String name : written) {
            assertTrue(properties.has(name), schema + " lacks " + name);
        }
        assertEquals(written.size(), properties.size() - (type == Accepted.class ? 1 : 0), schema + ": " + written);
    }

    private static JsonNode ref(String ref) {
        return DOC.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static JsonNode resolve(JsonNode schema) {
        return schema.has("$ref") ? ref(schema.path("$ref").asText()) : schema;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static Set<String> names(List<ToolParameter> parameters) {
        return new TreeSet<>(parameters.stream().map(ToolParameter::name).toList());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> strings(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static JsonNode parse(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
