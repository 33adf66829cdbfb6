package com.codeinterpreter.outputs;

import com.azure.storage.blob.models.UserDelegationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Holds the user delegation key and fetches a new one only when the current one would not outlive a link.
 *
 * <p>A key costs a round trip to the service (and a token), but one key can sign links for as long as it is
 * valid, so it is reused until less than {@code linkTtl + margin} of its validity is left. Thread-safe:
 * concurrent callers that find the key too old wait for a single fetch and share its result.
 */
final class UserDelegationKeyCache {
    /** Azure refuses user delegation keys valid for longer than seven days. */
    static final Duration MAX_KEY_LIFETIME = Duration.ofDays(7);
    /** Covers clocks that differ between us and the service, and the time a link takes to be used. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    /** Asks the service for a key valid from {@code start} to {@code expiry}. */
    @FunctionalInterface
    interface KeySource {
        UserDelegationKey fetch(OffsetDateTime start, OffsetDateTime expiry);
    }

    private final KeySource source;
    private final Clock clock;
    private final Duration keyLifetime;
    private volatile UserDelegationKey current;

    /**
     * @param linkTtl how long links signed with the key stay valid; each key is requested for a day more
     *                than that (at most seven days), so one key serves about a day of links
     */
    UserDelegationKeyCache(KeySource source, Clock clock, Duration linkTtl) {
        this.source = source;
        this.clock = clock;
        Duration wanted = linkTtl.plus(Duration.ofDays(1));
        this.keyLifetime = wanted.compareTo(MAX_KEY_LIFETIME) > 0 ? MAX_KEY_LIFETIME : wanted;
    }

    /** A key that stays valid until at least {@code linkExpiry} plus the margin. */
    UserDelegationKey keyCovering(OffsetDateTime linkExpiry) {
        UserDelegationKey key = current;
        if (covers(key, linkExpiry)) {
            return key;
        }
        synchronized (this) {
            key = current;
            if (!covers(key, linkExpiry)) {
                // Start in the past so a service clock slightly behind ours accepts the key at once.
                OffsetDateTime start = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(MARGIN);
                key = source.fetch(start, start.plus(keyLifetime));
                current = key;
            }
            return key;
        }
    }

    private static boolean covers(UserDelegationKey key, OffsetDateTime linkExpiry) {
        return key != null && !key.getSignedExpiry().isBefore(linkExpiry.plus(MARGIN));
    }
}
