package com.codeinterpreter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionIdentityTest {
    private final SessionIdentity identity = new SessionIdentity("a-test-secret-of-enough-length");

    @Test
    void identifierIsStableAndFitsThePoolsRule() {
        String id = identity.identifier("caller", "thread-1");
        assertEquals(id, identity.identifier("caller", "thread-1"));
        assertTrue(id.matches("ci-[0-9a-f]{48}"), id);
    }

    @Test
    void callerSessionAndSecretEachChangeTheIdentifier() {
        String id = identity.identifier("caller", "thread-1");
        assertNotEquals(id, identity.identifier("other", "thread-1"));
        assertNotEquals(id, identity.identifier("caller", "thread-2"));
        assertNotEquals(id, new SessionIdentity("another-secret-of-enough-length").identifier("caller", "thread-1"));
        assertNotEquals(identity.identifier("ab", "c"), identity.identifier("a", "bc"), "the boundary between caller and session counts");
    }

    @Test
    void theRawSessionIdNeverAppearsInTheIdentifier() {
        assertTrue(!identity.identifier("caller", "my-secret-thread").contains("my-secret-thread"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalStateException.class, () -> new SessionIdentity("short"));
    }

    @Test
    void anUnresolvedKeyVaultReferenceIsRefusedRatherThanUsedAsTheKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SessionIdentity("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/session-id-secret/)"));
        assertTrue(e.getMessage().startsWith("SESSION_ID_SECRET is an unresolved Key Vault reference"), e.getMessage());
    }
}
