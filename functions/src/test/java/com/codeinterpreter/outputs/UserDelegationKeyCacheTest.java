package com.codeinterpreter.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.azure.storage.blob.models.UserDelegationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UserDelegationKeyCacheTest {
    private static final Duration TTL = Duration.ofMinutes(60);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-10T12:00:00Z"));
    private final List<OffsetDateTime[]> requests = new ArrayList<>();

    private UserDelegationKey fetch(OffsetDateTime start, OffsetDateTime expiry) {
        synchronized (requests) {
            requests.add(new OffsetDateTime[] {start, expiry});
        }
        return new UserDelegationKey().setSignedStart(start).setSignedExpiry(expiry);
    }

    private OffsetDateTime linkExpiry() {
        return OffsetDateTime.ofInstant(clock.instant().plus(TTL), ZoneOffset.UTC);
    }

    @Test
    void requestsAKeyForTheTtlPlusADayStartingSlightlyInThePast() {
        UserDelegationKeyCache cache = new UserDelegationKeyCache(this::fetch, clock, TTL);
        cache.keyCovering(linkExpiry());

        OffsetDateTime[] request = requests.get(0);
        assertEquals(OffsetDateTime.parse("2026-01-10T11:55:00Z"), request[0]);
        assertEquals(Duration.ofDays(1).plus(TTL), Duration.between(request[0], request[1]));
    }

    @Test
    void reusesTheKeyWhileItOutlivesTheLinkByTheMargin() {
        UserDelegationKeyCache cache = new UserDelegationKeyCache(this::fetch, clock, TTL);
        UserDelegationKey first = cache.keyCovering(linkExpiry());

        // The key expires at 12:55 the next day; a link made at 11:49 expires at 12:49, 6 minutes before.
        clock.advance(Duration.ofDays(1).minusMinutes(11));
        assertSame(first, cache.keyCovering(linkExpiry()));
        assertEquals(1, requests.size());

        // At 11:51 the link would expire 4 minutes before the key: less than the 5-minute margin.
        clock.advance(Duration.ofMinutes(2));
        UserDelegationKey second = cache.keyCovering(linkExpiry());
        assertEquals(2, requests.size());
        assertEquals(OffsetDateTime.parse("2026-01-11T11:46:00Z"), second.getSignedStart());
    }

    @Test
    void capsTheKeyLifetimeAtSevenDays() {
        UserDelegationKeyCache cache = new UserDelegationKeyCache(this::fetch, clock, Duration.ofDays(6).plusHours(12));
        cache.keyCovering(linkExpiry());
        assertEquals(Duration.ofDays(7), Duration.between(requests.get(0)[0], requests.get(0)[1]));
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch fetching = new CountDownLatch(1);
        UserDelegationKeyCache cache = new UserDelegationKeyCache((start, expiry) -> {
            fetches.incrementAndGet();
            fetching.countDown();
            sleep(200); // a slow service, so the other callers arrive while the fetch is under way
            return new UserDelegationKey().setSignedExpiry(expiry);
        }, clock, TTL);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<UserDelegationKey>> keys = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                keys.add(pool.submit(() -> cache.keyCovering(linkExpiry())));
            }
            fetching.await(5, TimeUnit.SECONDS);
            UserDelegationKey first = keys.get(0).get(5, TimeUnit.SECONDS);
            for (Future<UserDelegationKey> key : keys) {
                assertSame(first, key.get(5, TimeUnit.SECONDS));
            }
            assertEquals(1, fetches.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
