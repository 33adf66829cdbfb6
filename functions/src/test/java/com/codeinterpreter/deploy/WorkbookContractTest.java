package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.calls.CallEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Holds the workbook that {@code azd up} deploys (infra/modules/workbook.json) to the event the app logs
 * for every tool call ({@link CallEvent}), as ConfigurationContractTest holds the settings: a field renamed
 * in the event, or misspelt in a query, fails the build instead of emptying a chart.
 */
class WorkbookContractTest {
    private static final Path WORKBOOK = BicepSource.repoRoot().resolve("infra/modules/workbook.json");
    /** How every query finds the events and reads one: the log line's prefix, then its JSON. */
    private static final String HEAD = "traces\n| where message startswith \"" + CallEvent.PREFIX + "\"\n"
            + "| extend e = parse_json(substring(message, " + CallEvent.PREFIX.length() + "))\n";
    private static final Pattern FIELD = Pattern.compile("\\be\\.(\\w+)");
    private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z]+)\"");

    @Test
    void everyQueryReadsTheEventsByTheirPrefixAndOnlyTheEventsFields() throws IOException {
        List<String> queries = queries();
        assertTrue(queries.size() >= 8, "calls, outcomes, durations, refusals, sessions, publishing, slowest, failures: " + queries.size());
        Set<String> used = new TreeSet<>();
        for (String query : queries) {
            assertTrue(query.startsWith(HEAD), "every query starts by reading the events:\n" + query);
            assertEquals(List.of(), unknownFields(query), "fields the event does not have, in:\n" + query);
            used.addAll(fields(query));
        }
        // What the issue asks the workbook to chart, by the fields that carry it.
        assertTrue(used.containsAll(List.of("tool", "outcome", "durationMs", "sessionWaitMs", "poolMs", "publishMs", "sessionState",
                "session", "filesPublished", "filesFailed", "executionId", "invocationId", "explanation")), used.toString());
    }

    @Test
    void theRefusalsChartCountsEveryGuardrailRefusalAndNothingElse() throws IOException {
        String refusals = queries().stream().filter(q -> q.contains("refusals = count()")).findFirst().orElseThrow();
        Matcher list = Pattern.compile("outcome in \\(([^)]*)\\)").matcher(refusals);
        assertTrue(list.find(), refusals);
        Set<String> named = new TreeSet<>();
        Matcher quoted = QUOTED.matcher(list.group(1));
        while (quoted.find()) {
            named.add(quoted.group(1));
        }
        assertEquals(new TreeSet<>(CallEvent.REFUSALS), named);
    }

    @Test
    void theCheckFindsARenamedField() {
        assertEquals(List.of("toolName"), unknownFields(HEAD + "| summarize count() by tostring(e.toolName), tostring(e.outcome)"));
    }

    @Test
    void azdUpDeploysTheWorkbookOnTheAppInsightsResource() {
        BicepSource.Resource workbook = BicepSource.infraResources().stream()
                .filter(r -> r.isOfType("Microsoft.Insights/workbooks")).findFirst().orElseThrow();
        assertTrue(workbook.body().contains("serializedData: loadTextContent('workbook.json')"), workbook.body());
        assertTrue(workbook.body().contains("sourceId: applicationInsights.id"), workbook.body());
        assertEquals(WORKBOOK.getParent(), workbook.file().toAbsolutePath().getParent());
    }

    private static List<String> queries() throws IOException {
        JsonNode workbook = new ObjectMapper().readTree(Files.readString(WORKBOOK));
        List<String> queries = new ArrayList<>();
        workbook.path("items").forEach(item -> {
            if (item.path("content").has("query")) {
                queries.add(item.path("content").path("query").asText());
            }
        });
        return queries;
    }

    private static List<String> fields(String query) {
        List<String> fields = new ArrayList<>();
        Matcher m = FIELD.matcher(query);
        while (m.find()) {
            fields.add(m.group(1));
        }
        return fields;
    }

    private static List<String> unknownFields(String query) {
        return fields(query).stream().filter(f -> !CallEvent.fieldNames().contains(f)).distinct().toList();
    }
}
