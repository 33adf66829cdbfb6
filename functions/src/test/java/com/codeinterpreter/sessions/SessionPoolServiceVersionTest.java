package com.codeinterpreter.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionPoolServiceVersionTest {
    @Test
    void theSettingsDefaultIsTheLatestVersion() {
        assertEquals(Optional.of(SessionPoolServiceVersion.getLatest()),
                SessionPoolServiceVersion.fromString(Setting.SESSION_POOL_API_VERSION.defaultValue()));
    }

    @Test
    void onlyThe2024VersionsBeforeOctoberUseTheLegacyShapes() {
        for (SessionPoolServiceVersion v : SessionPoolServiceVersion.values()) {
            boolean legacy = v == SessionPoolServiceVersion.V2024_02_02_PREVIEW || v == SessionPoolServiceVersion.V2024_08_02_PREVIEW;
            assertEquals(legacy, v.legacy(), v.getVersion());
            assertEquals(!legacy, v.runsAsynchronously(), v.getVersion());
        }
        assertFalse(SessionPoolServiceVersion.V2024_10_02_PREVIEW.hasSessionManagement());
        assertTrue(SessionPoolServiceVersion.V2025_02_02_PREVIEW.hasSessionManagement());
    }

    @Test
    void anUnknownApiVersionSettingListsTheSupportedOnes() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SessionPools.fromSettings(Settings.of(Map.of(
                "SESSION_POOL_ENDPOINT", "http://127.0.0.1:1", "SESSION_POOL_TOKEN", "t", "SESSION_POOL_API_VERSION", "2026-01-01")), () -> {
                    throw new AssertionError("no credential is needed");
                }));
        assertEquals("The app setting SESSION_POOL_API_VERSION must be one of 2024-02-02-preview, 2024-08-02-preview, "
                + "2024-10-02-preview, 2025-02-02-preview, 2025-10-02-preview, was '2026-01-01'.", e.getMessage());
    }

    @Test
    void aStaticTokenSettingNeedsNoCredential() {
        SessionPools.fromSettings(Settings.of(Map.of("SESSION_POOL_ENDPOINT", "http://127.0.0.1:1", "SESSION_POOL_TOKEN", "t")), () -> {
            throw new AssertionError("no credential is needed");
        });
    }
}
