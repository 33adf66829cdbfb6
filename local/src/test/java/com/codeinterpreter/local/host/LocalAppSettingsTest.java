package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app settings run-local.sh gives the host: the files, the ports in use, and the environment over both. */
class LocalAppSettingsTest {
    private static final String SAMPLE = """
            {"Values": {"SESSION_POOL_ENDPOINT": "http://127.0.0.1:8091", "SESSION_POOL_TOKEN": "sample-token",
             "OUTPUTS_STORAGE_CONNECTION_STRING": "AccountName=devstoreaccount1;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
             "OUTPUTS_LINK_TTL_MINUTES": 60, "FLAG": true, "EMPTY": null, "OUTPUTS_CONTAINER": "outputs"}}
            """;

    @Test
    void loopbackSettingsFollowThePortsAndThePoolToken(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("local.settings.sample.json"), SAMPLE);
        Map<String, String> settings = LocalAppSettings.read(root, Map.of(), 20000, 28091, "pool-token");
        assertEquals("http://127.0.0.1:28091", settings.get("SESSION_POOL_ENDPOINT"));
        assertEquals("pool-token", settings.get("SESSION_POOL_TOKEN"));
        assertEquals("AccountName=devstoreaccount1;BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;",
                settings.get("OUTPUTS_STORAGE_CONNECTION_STRING"));
        assertEquals("60", settings.get("OUTPUTS_LINK_TTL_MINUTES"));
        assertEquals("true", settings.get("FLAG"));
        assertEquals("", settings.get("EMPTY"));
    }

    @Test
    void localSettingsOverrideTheSampleAndTheEnvironmentOverridesBoth(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("local.settings.sample.json"), SAMPLE);
        Files.writeString(root.resolve("local.settings.json"), """
                {"Values": {"SESSION_POOL_ENDPOINT": "https://pool.example.azurecontainerapps.io", "OUTPUTS_CONTAINER": "mine"}}
                """);
        Map<String, String> settings = LocalAppSettings.read(root,
                Map.of("OUTPUTS_CONTAINER", "from-env", "SESSION_ID_SECRET", "s", "PATH", "/usr/bin"), 10000, 8091, "pool-token");
        // A pool that is not on loopback keeps its endpoint and the token of the files.
        assertEquals("https://pool.example.azurecontainerapps.io", settings.get("SESSION_POOL_ENDPOINT"));
        assertEquals("sample-token", settings.get("SESSION_POOL_TOKEN"));
        assertEquals("from-env", settings.get("OUTPUTS_CONTAINER"));
        assertEquals("s", settings.get("SESSION_ID_SECRET"));
        assertFalse(settings.containsKey("PATH"), "only app settings are taken from the environment");
    }
}
