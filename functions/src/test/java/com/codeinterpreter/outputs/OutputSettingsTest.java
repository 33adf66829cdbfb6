package com.codeinterpreter.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.settings.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputSettingsTest {
    private static final String ACCOUNT_URL = "https://acct.blob.core.windows.net";
    private static final String CONNECTION_STRING = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=c2VjcmV0;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    @Test
    void withNeitherConnectionStringNorUrlTheErrorNamesBothSettings() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OutputStore.fromSettings(Settings.of(Map.of())));
        assertTrue(e.getMessage().contains("OUTPUTS_STORAGE_ACCOUNT_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("OUTPUTS_STORAGE_CONNECTION_STRING"), e.getMessage());
    }

    @Test
    void theConnectionStringWinsOverTheUrl() {
        OutputSettings settings = OutputSettings.from(Settings.of(Map.of(
                "OUTPUTS_STORAGE_CONNECTION_STRING", CONNECTION_STRING, "OUTPUTS_STORAGE_ACCOUNT_URL", ACCOUNT_URL)));
        assertEquals(CONNECTION_STRING, settings.connectionString());
        assertNull(settings.accountUrl());
    }

    @Test
    void defaultsToContainerOutputsAndOneHourLinks() {
        OutputSettings settings = OutputSettings.from(Settings.of(Map.of("OUTPUTS_STORAGE_ACCOUNT_URL", ACCOUNT_URL)));
        assertEquals("outputs", settings.container());
        assertEquals(Duration.ofMinutes(60), settings.linkTtl());
    }

    @Test
    void theAccountUrlMustBeHttps() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputSettings.from(
                Settings.of(Map.of("OUTPUTS_STORAGE_ACCOUNT_URL", "http://acct.blob.core.windows.net"))));
        assertTrue(e.getMessage().startsWith("The app setting OUTPUTS_STORAGE_ACCOUNT_URL must be"), e.getMessage());
    }

    @Test
    void rejectsLinkLifetimesOutsideOneMinuteToSixDays() {
        for (String ttl : new String[] {"0", "-5", "8641"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputSettings.from(Settings.of(
                    Map.of("OUTPUTS_STORAGE_ACCOUNT_URL", ACCOUNT_URL, "OUTPUTS_LINK_TTL_MINUTES", ttl))));
            assertTrue(e.getMessage().startsWith("The app setting OUTPUTS_LINK_TTL_MINUTES must be between 1 and 8640"),
                    e.getMessage());
        }
    }

    @Test
    void rejectsInvalidContainerNames() {
        for (String name : new String[] {"Outputs", "ab", "-outputs", "out--puts", "outputs-", "out_puts"}) {
            assertThrows(IllegalStateException.class, () -> OutputSettings.from(Settings.of(
                    Map.of("OUTPUTS_STORAGE_ACCOUNT_URL", ACCOUNT_URL, "OUTPUTS_CONTAINER", name))), name);
        }
    }

    @Test
    void aMalformedConnectionStringIsReportedWithoutQuotingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputStore.fromSettings(
                Settings.of(Map.of("OUTPUTS_STORAGE_CONNECTION_STRING", "AccountKey=c2VjcmV0;nonsense"))));
        assertEquals("The app setting OUTPUTS_STORAGE_CONNECTION_STRING is not a valid storage connection string.",
                e.getMessage());
        assertFalse(String.valueOf(e.getCause()).contains("c2VjcmV0"));
    }

    @Test
    void toStringHidesTheConnectionString() {
        OutputSettings settings = OutputSettings.from(Settings.of(Map.of("OUTPUTS_STORAGE_CONNECTION_STRING", CONNECTION_STRING)));
        assertFalse(settings.toString().contains("c2VjcmV0"), settings.toString());
    }
}
