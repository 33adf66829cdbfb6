package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local MCP endpoint over real HTTP: sessions, the transport's answers, and the tools as the extension serves them. */
class McpEndpointTest {
    private static final String PATH = "/runtime/webhooks/mcp";
    private static final String BOTH = "application/json, text/event-stream";
    private static LocalFunctionsHost host;
    private static HostClient client;

    @BeforeAll
    static void start() throws Exception {
        host = LocalFunctionsHost.start(0, DiscoveryTest.PACKAGE);
        client = new HostClient(host);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static String initialize(String version) {
        HostClient.Response r = client.post(PATH, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + version + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test-client\",\"version\":\"9\"}}}",
                "Content-Type", "application/json", "Accept", BOTH);
        assertEquals(200, r.status(), r.text());
        return r.header("Mcp-Session-Id");
    }

    private static HostClient.Response rpc(String session, String method, String params, String... headers) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
        List<String> all = new java.util.ArrayList<>(List.of("Content-Type", "application/json", "Accept", BOTH, "Mcp-Session-Id", session));
        all.addAll(List.of(headers));
        return client.post(PATH, body, all.toArray(String[]::new));
    }

    @Test
    void initializeOpensASessionAndAgreesOnAProtocolVersion() {
        HostClient.Response r = client.post(PATH, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{}}}", "Content-Type", "application/json", "Accept", BOTH);
        assertNotNull(r.header("Mcp-Session-Id"));
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        assertEquals("2025-06-18", r.json().path("result").path("protocolVersion").asText());
        assertTrue(r.json().path("result").path("capabilities").has("tools"));
        assertEquals(1, r.json().path("id").asInt());
        HostClient.Response future = client.post(PATH, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2099-01-01\"}}", "Content-Type", "application/json");
        assertEquals(McpProtocol.VERSIONS.get(0), future.json().path("result").path("protocolVersion").asText());
    }

    @Test
    void toolsListHasTheSchemaTheExtensionBuildsFromToolProperties() {
        JsonNode tools = rpc(initialize("2025-06-18"), "tools/list", null).json().path("result").path("tools");
        JsonNode echo = null;
        for (JsonNode t : tools) {
            echo = t.path("name").asText().equals("echo") ? t : echo;
        }
        assertNotNull(echo, tools.toString());
        assertEquals("Echoes its invocation context", echo.path("description").asText());
        assertEquals("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\",\"description\":\"What to echo\"},"
                + "\"times\":{\"type\":\"integer\",\"description\":\"How often\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":"
                + "\"string\"},\"description\":\"Labels\"}},\"required\":[\"text\"]}", echo.path("inputSchema").toString());
    }

    @Test
    void toolsCallHandsTheFunctionTheInvocationContextTheExtensionWould() throws Exception {
        String session = initialize("2025-06-18");
        JsonNode result = rpc(session, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\",\"times\":2}}",
                "X-Custom", "value").json().path("result");
        assertEquals(false, result.path("isError").asBoolean(true));
        JsonNode context = HostClient.JSON.readTree(result.path("content").get(0).path("text").asText());
        assertEquals("text", result.path("content").get(0).path("type").asText());
        assertEquals("echo", context.path("name").asText());
        assertEquals("{\"text\":\"hi\",\"times\":2}", context.path("arguments").toString());
        assertEquals(session, context.path("sessionid").asText());
        assertEquals("test-client", context.path("clientinfo").path("name").asText());
        assertEquals("http-streamable", context.path("transport").path("name").asText());
        assertEquals(session, context.path("transport").path("sessionId").asText());
        assertEquals("value", context.path("transport").path("properties").path("headers").path("X-custom").asText());
    }

    @Test
    void callsTheExtensionRefusesAreJsonRpcErrors() {
        String session = initialize("2025-06-18");
        JsonNode missing = rpc(session, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"times\":2}}").json();
        assertEquals(-32602, missing.path("error").path("code").asInt());
        assertTrue(missing.path("error").path("message").asText().endsWith("Please provide: text"), missing.toString());
        assertEquals(-32602, rpc(session, "tools/call", "{\"name\":\"nope\"}").json().path("error").path("code").asInt());
        assertEquals(-32601, rpc(session, "resources/list", null).json().path("error").path("code").asInt());
        assertEquals("{}", rpc(session, "ping", null).json().path("result").toString());
    }

    @Test
    void aToolThatThrowsIsAnErrorResult() {
        JsonNode result = rpc(initialize("2025-06-18"), "tools/call", "{\"name\":\"fails\"}").json().path("result");
        assertTrue(result.path("isError").asBoolean());
        assertEquals("An error occurred invoking 'fails'.", result.path("content").get(0).path("text").asText());
    }

    @Test
    void sessionsAreRequiredAndEndWithDelete() {
        HostClient.Response without = client.post(PATH, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}",
                "Content-Type", "application/json", "Accept", BOTH);
        assertEquals(400, without.status());
        String session = initialize("2025-03-26");
        HostClient.Response notification = client.post(PATH, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "Content-Type", "application/json", "Accept", BOTH, "Mcp-Session-Id", session);
        assertEquals(202, notification.status());
        assertEquals(204, client.send("DELETE", PATH, HttpRequest.BodyPublishers.noBody(), "Mcp-Session-Id", session).status());
        assertEquals(404, rpc(session, "tools/list", null).status());
        assertEquals(404, client.send("DELETE", PATH, HttpRequest.BodyPublishers.noBody(), "Mcp-Session-Id", session).status());
    }

    @Test
    void aClientThatAcceptsOnlyAnEventStreamGetsOneEvent() {
        String session = initialize("2025-06-18");
        HostClient.Response r = client.post(PATH, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}", "Content-Type", "application/json",
                "Accept", "text/event-stream", "Mcp-Session-Id", session);
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/event-stream"));
        assertEquals("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}\n\n", r.text());
    }

    @Test
    void transportMistakesAreRefused() {
        assertEquals(405, client.get(PATH, "Accept", "text/event-stream").status());
        assertEquals(403, client.post(PATH, "{}", "Content-Type", "application/json", "Origin", "https://evil.example").status());
        assertEquals(415, client.post(PATH, "{}", "Content-Type", "text/plain").status());
        assertEquals(406, client.post(PATH, "{}", "Content-Type", "application/json", "Accept", "text/html").status());
        HostClient.Response broken = client.post(PATH, "{not json", "Content-Type", "application/json");
        assertEquals(400, broken.status());
        assertEquals(-32700, broken.json().path("error").path("code").asInt());
        String session = initialize("2025-06-18");
        assertEquals(400, rpc(session, "ping", null, "MCP-Protocol-Version", "1999-01-01").status());
    }

    @Test
    void theHostListsItsMcpTools() {
        assertEquals(List.of("echo", "fails"), host.tools().stream().map(McpToolFunction::toolName).toList());
        assertTrue(host.describeFunctions().contains("CustomBindingTool: MCP tool echo"), host.describeFunctions().toString());
    }
}
