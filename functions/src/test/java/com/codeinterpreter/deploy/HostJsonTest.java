package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * host.json keeps what the MCP tools need in Azure. The Functions MCP extension comes with the extension
 * bundle; its docs ask for the GA bundle {@code [4.0.0, 5.0.0)}, which the host resolves to the newest 4.x
 * bundle, and the MCP extension in it (1.0.0 and later) serves streamable HTTP at /runtime/webhooks/mcp.
 */
class HostJsonTest {

    private final JsonNode host = read();

    @Test
    void extensionBundleIsTheGaBundleTheMcpExtensionDocumentsFor4x() {
        JsonNode bundle = host.path("extensionBundle");

        // Not .Preview or .Experimental: those carry preview extensions, and azure-functions-maven-plugin
        // would try to install extensions for an id it does not know.
        assertEquals("Microsoft.Azure.Functions.ExtensionBundle", bundle.path("id").asText());
        assertEquals("[4.0.0, 5.0.0)", bundle.path("version").asText());
    }

    @Test
    void theMcpEndpointKeepsKeyAuthorization() {
        // Anonymous would open the tools to anyone who finds the URL; the MCP samples pair it with the
        // platform's built-in authentication, which this deployment does not set up.
        JsonNode level = host.path("extensions").path("mcp").path("system").path("webhookAuthorizationLevel");

        assertTrue(level.isMissingNode() || !level.asText().equalsIgnoreCase("Anonymous"), host.toString());
    }

    @Test
    void httpToolsAreServedUnderApi() {
        assertEquals("api", host.path("extensions").path("http").path("routePrefix").asText());
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(BicepSource.repoRoot().resolve("host.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException("host.json is unreadable", e);
        }
    }
}
