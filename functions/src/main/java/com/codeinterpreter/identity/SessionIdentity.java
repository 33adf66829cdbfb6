package com.codeinterpreter.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns (caller, sessionId) into the pool identifier: an HMAC under a secret setting, so nobody reaches
 * another caller's session by guessing or reusing an id, and the raw id never reaches the pool.
 *
 * <p>Thread-safe.
 */
public final class SessionIdentity {
    /** Used when a request names no session: each caller then has one default session. */
    public static final String DEFAULT_SESSION = "default";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /** One keyed Mac per thread, reused: making and keying one per call cost more than the hash itself. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SessionIdentity(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("SESSION_ID_SECRET must be at least 16 characters (use a long random value).");
        }
        // When App Service cannot resolve a Key Vault reference (the role not yet propagated, a wrong secret URI),
        // it passes the reference's own text as the value. Hashing with that would silently give every session a
        // different identifier than once the reference resolves: refuse it instead.
        if (secret.startsWith("@Microsoft.KeyVault(")) {
            throw new IllegalStateException("SESSION_ID_SECRET is an unresolved Key Vault reference: give the app's identity "
                    + "'Key Vault Secrets User' on the secret and check the reference's status under the app's Environment variables.");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The pool identifier of the session {@code key} names. */
    public String identifier(SessionKey key) {
        return identifier(key.caller(), key.sessionId());
    }

    /** The pool identifier: {@code ci-} and 48 hex digits, within the service's 4-128 character rule. */
    public String identifier(String caller, String sessionId) {
        byte[] callerBytes = caller.getBytes(StandardCharsets.UTF_8);
        byte[] sessionBytes = sessionId.getBytes(StandardCharsets.UTF_8);
        Mac mac = macs.get();
        mac.reset();  // whatever an earlier call on this thread left, though doFinal leaves nothing
        // A separator that cannot occur in either part keeps ("a", "bc") and ("ab", "c") apart.
        mac.update(callerBytes);
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(sessionBytes);
        return "ci-" + HexFormat.of().formatHex(digest, 0, 24);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
