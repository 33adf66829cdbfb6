package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.catalog.ToolParameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MCP client (the official TypeScript SDK's, tools/mcp-client) against the local host's MCP
 * endpoint, which calls the same MCP functions the Azure extension would: it lists the tools and runs
 * the contract's incidents chart, whose answer must carry a markdown image link that serves a PNG.
 */
class McpClientTest {
    private static final Path ROOT = repoRoot();
    private static final Pattern IMAGE = Pattern.compile("!\\[incidents_by_severity\\.png\\]\\((http[^)]+)\\)");

    @BeforeAll
    static void installClient() throws Exception {
        // Idempotent, and quick when the lock file has not changed since the last install.
        Result install = run(List.of("bash", "scripts/install-npm-tool.sh", "mcp-client"));
        assertEquals(0, install.exitCode(), "scripts/install-npm-tool.sh mcp-client failed (it needs node and npm):\n" + install.output());
    }

    @Test
    void anMcpClientListsTheToolsAndGetsTheChartAsAMarkdownImageThatServesAPng(@TempDir Path dir) throws Exception {
        Path code = Files.writeString(dir.resolve("chart.py"), ContractScenariosTest.INCIDENTS_CHART);
        String url = LocalStack.shared().baseUrl + "/runtime/webhooks/mcp";
        Result client = run(List.of("node", "tools/mcp-client/client.js", url, code.toString()));
        assertEquals(0, client.exitCode(), client.output());
        JsonNode report = ToolClient.JSON.readTree(client.output());

        Map<String, JsonNode> tools = new TreeMap<>();
        report.path("tools").forEach(t -> tools.put(t.path("name").asText(), t));
        List<String> contract = ToolCatalog.all().stream().filter(ToolDefinition::contract).map(ToolDefinition::name).toList();
        assertEquals(8, contract.size());
        assertTrue(tools.keySet().containsAll(contract), "the contract's eight tools: " + tools.keySet());
        assertEquals(new TreeSet<>(List.of("GetExecutionResult")), difference(tools.keySet(), contract),
                "and GetExecutionResult, to collect long calls");
        for (ToolDefinition tool : ToolCatalog.all()) {
            JsonNode schema = tools.get(tool.name()).path("inputSchema");
            assertEquals(tool.requiredNames(), strings(schema.path("required")), tool.name());
            assertEquals(new TreeSet<>(tool.allParameters().stream().map(ToolParameter::name).toList()),
                    new TreeSet<>(fieldNames(schema.path("properties"))), tool.name());
            assertEquals(tool.description(), tools.get(tool.name()).path("description").asText());
        }

        JsonNode call = report.path("call");
        assertFalse(call.path("isError").asBoolean(), call.toString());
        assertEquals("text", call.path("content").get(0).path("type").asText());
        JsonNode answer = ToolClient.JSON.readTree(call.path("content").get(0).path("text").asText());
        assertEquals("succeeded", answer.path("status").asText(), answer.toString());
        Matcher image = IMAGE.matcher(answer.path("markdown").asText());
        assertTrue(image.matches(), "markdown with the chart as an image: " + answer.path("markdown"));
        HttpResponse<byte[]> png = ToolClient.download(image.group(1));
        assertEquals(200, png.statusCode());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.body(), 4));
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command from the repository root; stdout is the output, stderr goes to the test's log. */
    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), out);
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("azure.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no azure.yaml above " + Path.of("").toAbsolutePath());
    }

    private static TreeSet<String> difference(java.util.Set<String> all, List<String> minus) {
        TreeSet<String> rest = new TreeSet<>(all);
        minus.forEach(rest::remove);
        return rest;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
