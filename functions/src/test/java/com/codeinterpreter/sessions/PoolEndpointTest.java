package com.codeinterpreter.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolEndpointTest {
    @Test
    void parsesASessionPoolResourceId() {
        PoolEndpoint.PoolId id = PoolEndpoint.parse("/subscriptions/0000-1111/resourceGroups/rg-ci/providers/Microsoft.App/sessionPools/pool1");
        assertEquals(new PoolEndpoint.PoolId("0000-1111", "rg-ci", "pool1"), id);
    }

    @Test
    void aMalformedResourceIdSaysWhatItShouldLookLike() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PoolEndpoint.parse("/subscriptions/x/pools/y"));
        assertTrue(e.getMessage().contains("/providers/Microsoft.App/sessionPools/"), e.getMessage());
    }

    @Test
    void anExplicitEndpointWinsWithoutTouchingAzure() {
        Settings settings = Settings.of(Map.of("SESSION_POOL_ENDPOINT", "http://127.0.0.1:1", "SESSION_POOL_RESOURCE_ID", "nonsense"));
        assertEquals("http://127.0.0.1:1", PoolEndpoint.resolve(settings, () -> {
            throw new AssertionError("no credential is needed");
        }));
    }

    @Test
    void neitherSettingIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PoolEndpoint.resolve(Settings.of(Map.of()), () -> null));
        assertTrue(e.getMessage().contains("SESSION_POOL_ENDPOINT") && e.getMessage().contains("SESSION_POOL_RESOURCE_ID"));
    }
}
