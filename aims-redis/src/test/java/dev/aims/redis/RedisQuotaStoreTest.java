package dev.aims.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreSpec;
import dev.aims.core.policy.QuotaStoreUnavailableException;
import dev.aims.testkit.LocalRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisQuotaStoreTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    static final QuotaStore.Window DAY = QuotaStore.Window.fixed(Instant.parse("2025-06-15T00:00:00Z"),
            Instant.parse("2025-06-16T00:00:00Z"));
    static final QuotaStore.Window MINUTE_IN_6 = QuotaStore.Window.sliding(Duration.ofMinutes(1), 6);
    static final QuotaStore.Window REFILL_MINUTE = QuotaStore.Window.refilling(Duration.ofMinutes(1));

    static LocalRedis server;
    final List<RedisQuotaStore> stores = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        server = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void emptyRedis() {
        server.call("FLUSHALL");
    }

    @AfterEach
    void closeStores() {
        stores.forEach(RedisQuotaStore::close);
    }

    RedisQuotaStore store() {
        return keep(RedisQuotaStore.builder().uri(server.uri()).timeout(Duration.ofSeconds(2)).build());
    }

    RedisQuotaStore keep(RedisQuotaStore s) {
        stores.add(s);
        return s;
    }

    static long used(QuotaStore s, String key, QuotaStore.Window w, Instant now) {
        return s.tryConsume(key, 0, Long.MAX_VALUE / 4, w, now).used();
    }

    @SuppressWarnings("unchecked")
    static List<String> keys() {
        return (List<String>) server.call("KEYS", "*");
    }

    @Test
    void fixedWindowGrantsUpToTheLimitThenRefusesUntilItsEnd() {
        RedisQuotaStore s = store();
        QuotaStore.Result a = s.tryConsume("k", 60, 100, DAY, NOW);
        assertThat(a.granted()).isTrue();
        assertThat(a.used()).isEqualTo(60);
        assertThat(a.resetsAt()).isEqualTo(DAY.end());
        assertThat(s.tryConsume("k", 40, 100, DAY, NOW).used()).isEqualTo(100);
        QuotaStore.Result refused = s.tryConsume("k", 1, 100, DAY, NOW);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.used()).isEqualTo(100);
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetsAt()).isEqualTo(DAY.end());
        assertThat(refused.degraded()).isFalse();
        QuotaStore.Window nextDay = QuotaStore.Window.fixed(DAY.end(), DAY.end().plus(Duration.ofDays(1)));
        assertThat(s.tryConsume("k", 100, 100, nextDay, DAY.end()).granted()).isTrue();
    }

    @Test
    void aZeroLimitGrantsOnlyNothing() {
        RedisQuotaStore s = store();
        assertThat(s.tryConsume("k", 0, 0, DAY, NOW).granted()).isTrue();
        assertThat(s.tryConsume("k", 1, 0, DAY, NOW).granted()).isFalse();
        assertThat(s.tryConsume("r", 0, 0, REFILL_MINUTE, Instant.now()).granted()).isTrue();
        assertThat(s.tryConsume("r", 1, 0, REFILL_MINUTE, Instant.now()).granted()).isFalse();
    }

    /** Two stores, as two instances would have, and eight threads each: never more than the limit together. */
    @Test
    void concurrentInstancesNeverTogetherExceedTheLimit() throws InterruptedException {
        RedisQuotaStore[] instances = {store(), store()};
        AtomicLong granted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            RedisQuotaStore s = instances[t % 2];
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 60; i++) {
                    if (s.tryConsume("shared", 7, 1000, DAY, NOW).granted()) {
                        granted.addAndGet(7);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(granted.get()).isLessThanOrEqualTo(1000).isGreaterThan(1000 - 7);
        assertThat(used(instances[0], "shared", DAY, NOW)).isEqualTo(granted.get());
    }

    @Test
    void chargeAndRefundCorrectAConsumptionAndARefundStopsAtZero() {
        RedisQuotaStore s = store();
        s.tryConsume("k", 50, 100, DAY, NOW);
        s.charge("k", 30, 100, DAY, NOW);
        assertThat(used(s, "k", DAY, NOW)).isEqualTo(80);
        s.refund("k", 500, 100, DAY, NOW);
        assertThat(used(s, "k", DAY, NOW)).isZero();
        Instant now = Instant.now();
        s.tryConsume("s", 50, 100, MINUTE_IN_6, now);
        s.charge("s", 30, 100, MINUTE_IN_6, now);
        assertThat(used(s, "s", MINUTE_IN_6, now)).isEqualTo(80);
        s.refund("s", 500, 100, MINUTE_IN_6, now);
        assertThat(used(s, "s", MINUTE_IN_6, now)).isZero();
        s.tryConsume("r", 10, 10, REFILL_MINUTE, now);
        assertThat(s.tryConsume("r", 1, 10, REFILL_MINUTE, now).granted()).isFalse();
        s.refund("r", 10, 10, REFILL_MINUTE, now);
        assertThat(s.tryConsume("r", 10, 10, REFILL_MINUTE, now).granted()).isTrue();
        s.refund("r", 4, 10, REFILL_MINUTE, now);
        s.charge("r", 1, 10, REFILL_MINUTE, now);
        assertThat(s.tryConsume("r", 4, 10, REFILL_MINUTE, now).granted()).isFalse();
        assertThat(s.tryConsume("r", 3, 10, REFILL_MINUTE, now).granted()).isTrue();
    }

    @Test
    void correctionsOfACounterThatIsGoneAreDropped() {
        RedisQuotaStore s = store();
        s.charge("never", 30, 100, DAY, NOW);
        s.refund("never", 30, 100, DAY, NOW);
        s.charge("never", 30, 100, MINUTE_IN_6, Instant.now());
        assertThat(keys()).isEmpty();
        s.tryConsume("old", 10, 100, MINUTE_IN_6, Instant.now());
        s.charge("old", 30, 100, MINUTE_IN_6, Instant.now().minus(Duration.ofMinutes(2)));
        assertThat(used(s, "old", MINUTE_IN_6, Instant.now())).isEqualTo(10);
    }

    @Test
    void keysAreHashTaggedAndNeverNameTheSubject() {
        RedisQuotaStore s = store();
        String key = "token-budget/b/principal/alice.smith@example.org";
        s.tryConsume(key, 1, 100, DAY, NOW);
        s.tryConsume(key, 1, 100, MINUTE_IN_6, Instant.now());
        s.tryConsume(key, 1, 100, REFILL_MINUTE, Instant.now());
        List<String> keys = keys();
        String tag = "aims:{" + RedisKeys.hash(key) + "}:";
        assertThat(keys).containsExactlyInAnyOrder(tag + "F:1749945600000:1750032000000", tag + "S:60000:6",
                tag + "R:60000");
        assertThat(String.join(" ", keys)).doesNotContain("alice").doesNotContain("example");
        assertThat(RedisKeys.hash(key)).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void everyCounterExpiresByTtl() {
        RedisQuotaStore s = store();
        Instant now = Instant.now();
        QuotaStore.Window today = QuotaStore.Window.fixed(now.minusSeconds(10), now.plusSeconds(3600));
        s.tryConsume("f", 1, 100, today, now);
        s.tryConsume("s", 1, 100, MINUTE_IN_6, now);
        s.tryConsume("r", 1, 100, REFILL_MINUTE, now);
        for (String k : keys()) {
            long ttl = (Long) server.call("PTTL", k);
            if (k.contains(":F:")) {
                assertThat(ttl).as(k).isBetween(3_600_000L, 3_661_000L);
            } else if (k.contains(":S:")) {
                assertThat(ttl).as(k).isBetween(60_000L, 70_000L);
            } else {
                assertThat(ttl).as(k).isBetween(1L, 60_002L);
            }
        }
        // A window long past (on the caller's clock) still keeps its counter for a minute, not zero.
        s.tryConsume("past", 1, 100, DAY, NOW);
        assertThat((Long) server.call("PTTL", "aims:{" + RedisKeys.hash("past") + "}:F:1749945600000:1750032000000"))
                .isBetween(1L, 60_000L);
    }

    @Test
    void slidingWindowLetsUsageGoWhenItsSliceLeavesOnTheServersClock() {
        RedisQuotaStore s = store();
        QuotaStore.Window w = QuotaStore.Window.sliding(Duration.ofMillis(1500), 3);
        Instant now = Instant.now();
        assertThat(s.tryConsume("k", 10, 10, w, now).granted()).isTrue();
        QuotaStore.Result refused = s.tryConsume("k", 1, 10, w, Instant.now());
        assertThat(refused.granted()).isFalse();
        assertThat(refused.used()).isEqualTo(10);
        assertThat(refused.resetsAt()).isAfter(now).isBefore(now.plusMillis(1500 + 600));
        while (Instant.now().isBefore(refused.resetsAt().plusMillis(50))) {
            LocalRedis.sleep(20);
        }
        QuotaStore.Result again = s.tryConsume("k", 10, 10, w, Instant.now());
        assertThat(again.granted()).isTrue();
        assertThat(again.used()).isEqualTo(10);
    }

    @Test
    void slidingWindowRefusalSaysWhenEnoughHasLeft() {
        RedisQuotaStore s = store();
        Instant now = Instant.now();
        QuotaStore.Result first = s.tryConsume("k", 6, 10, MINUTE_IN_6, now);
        QuotaStore.Result refused = s.tryConsume("k", 5, 10, MINUTE_IN_6, now);
        assertThat(refused.granted()).isFalse();
        // Only the first slice holds usage, so capacity returns when it leaves: the time of the grant's reset (on
        // the server's clock, translated with the offset of each reply, which moves by the round trip).
        assertThat(Duration.between(first.resetsAt(), refused.resetsAt()).abs()).isLessThan(Duration.ofMillis(50));
        assertThat(first.resetsAt()).isBetween(now.plusSeconds(50), now.plusSeconds(61));
    }

    @Test
    void refillingWindowRefillsContinuously() {
        RedisQuotaStore s = store();
        QuotaStore.Window w = QuotaStore.Window.refilling(Duration.ofSeconds(1));
        Instant now = Instant.now();
        QuotaStore.Result full = s.tryConsume("k", 10, 10, w, now);
        assertThat(full.granted()).isTrue();
        assertThat(full.used()).isEqualTo(10);
        QuotaStore.Result refused = s.tryConsume("k", 1, 10, w, Instant.now());
        assertThat(refused.granted()).isFalse();
        // One token of ten per second comes back every 100 ms.
        assertThat(Duration.between(Instant.now(), refused.resetsAt())).isBetween(Duration.ofMillis(-50),
                Duration.ofMillis(200));
        while (Instant.now().isBefore(refused.resetsAt().plusMillis(30))) {
            LocalRedis.sleep(10);
        }
        assertThat(s.tryConsume("k", 1, 10, w, Instant.now()).granted()).isTrue();
        assertThat(s.tryConsume("k", 11, 10, w, Instant.now()).granted()).isFalse();
    }

    @Test
    void aKeyUsedWithAnotherWindowShapeStartsFromZero() {
        RedisQuotaStore s = store();
        Instant now = Instant.now();
        s.tryConsume("k", 10, 10, MINUTE_IN_6, now);
        QuotaStore.Window other = QuotaStore.Window.sliding(Duration.ofMinutes(1), 3);
        assertThat(s.tryConsume("k", 10, 10, other, now).granted()).isTrue();
    }

    @Test
    void loadsTheScriptOnceAndSendsItsTextWhenTheServerLostIt() {
        server.call("CONFIG", "RESETSTAT");
        RedisQuotaStore s = store();
        for (int i = 0; i < 5; i++) {
            s.tryConsume("k", 1, 100, DAY, NOW);
        }
        assertThat(scriptLoads(0)).isEqualTo(1);
        assertThat(server.commandCalls()).containsEntry("evalsha", 5L).doesNotContainKey("eval");
        server.call("SCRIPT", "FLUSH");
        assertThat(s.tryConsume("k", 1, 100, DAY, NOW).used()).isEqualTo(6);
        // The EVAL put the script back in the server's cache: the next call runs it by its hash again.
        assertThat(s.tryConsume("k", 1, 100, DAY, NOW).used()).isEqualTo(7);
        assertThat(scriptLoads(1)).isEqualTo(1);
        assertThat(server.commandCalls()).containsEntry("evalsha", 7L).containsEntry("eval", 1L);
    }

    /**
     * @param flushes the SCRIPT FLUSHes the test sent since the last RESETSTAT
     * @return the SCRIPT LOADs since then: Redis 7 counts them apart, Redis 6 counts every SCRIPT command as one
     */
    private static long scriptLoads(long flushes) {
        Map<String, Long> calls = server.commandCalls();
        Long loads = calls.get("script|load");
        return loads != null ? loads : calls.getOrDefault("script", 0L) - flushes;
    }

    @Test
    void aSlowServerIsUnavailableAfterTheTimeout() {
        RedisQuotaStore s = keep(RedisQuotaStore.builder().uri(server.uri()).timeout(Duration.ofMillis(50))
                .build());
        s.tryConsume("k", 1, 100, DAY, NOW);
        server.call("CLIENT", "PAUSE", "700", "ALL");
        long t0 = System.nanoTime();
        QuotaStoreUnavailableException e = catchThrowableOfType(QuotaStoreUnavailableException.class,
                () -> s.tryConsume("k", 1, 100, DAY, NOW));
        long waited = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertThat(e).hasMessage("quota store unavailable: Redis at " + server.uri() + " did not answer within"
                + " 50 ms");
        assertThat(waited).isLessThan(500);
        LocalRedis.sleep(800);
        // The command had left before the timeout, so the server ran it once it could: it counted, though the
        // caller was told the store was unavailable. A timeout errs on the side of the limit.
        assertThat(used(s, "k", DAY, NOW)).isEqualTo(2);
    }

    @Test
    void aPasswordIsUsedAndNeverShown() {
        try (LocalRedis locked = LocalRedis.start("--requirepass", "s3cret-pw")) {
            RedisQuotaStore without = keep(RedisQuotaStore.builder().uri(locked.uri())
                    .timeout(Duration.ofSeconds(2)).build());
            Throwable refused = catchThrowable(() -> without.tryConsume("k", 1, 10, DAY, NOW));
            // Refused at the handshake: the reason Redis gave is part of the message.
            assertThat(refused).isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("quota store unavailable: Redis at " + locked.uri() + " ")
                    .hasMessageContaining("NOAUTH");
            RedisQuotaStore wrong = keep(RedisQuotaStore.builder().uri("redis://:wrong-pw@127.0.0.1:" + locked.port())
                    .timeout(Duration.ofSeconds(2)).build());
            Throwable wrongPw = catchThrowable(() -> wrong.tryConsume("k", 1, 10, DAY, NOW));
            assertThat(wrongPw).isInstanceOf(QuotaStoreUnavailableException.class);
            assertThat(wrongPw.getMessage()).doesNotContain("wrong-pw");
            assertThat(wrong.toString()).doesNotContain("wrong-pw");
            RedisQuotaStore right = keep(RedisQuotaStore.builder().uri(locked.uri()).password("s3cret-pw")
                    .timeout(Duration.ofSeconds(2)).build());
            assertThat(right.tryConsume("k", 1, 10, DAY, NOW).granted()).isTrue();
            assertThat(right.toString()).doesNotContain("s3cret");
        }
    }

    @Test
    void aClosedStoreIsUnavailable() {
        RedisQuotaStore s = store();
        s.tryConsume("k", 1, 10, DAY, NOW);
        s.close();
        s.close();
        assertThatThrownBy(() -> s.tryConsume("k", 1, 10, DAY, NOW))
                .isInstanceOf(QuotaStoreUnavailableException.class)
                .hasMessage("quota store unavailable: Redis at " + server.uri() + " is closed");
    }

    @Test
    void badArgumentsAreRefusedBeforeRedisIsAsked() {
        RedisQuotaStore s = store();
        assertThatThrownBy(() -> s.tryConsume("k", -1, 10, DAY, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be >= 0, but was -1");
        assertThatThrownBy(() -> s.charge("k", 1, -5, DAY, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be >= 0, but was -5");
        assertThatThrownBy(() -> s.tryConsume(null, 1, 10, DAY, NOW)).isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThat(keys()).isEmpty();
    }

    @Test
    void uri_missing() {
        assertThatThrownBy(() -> RedisQuotaStore.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("uri must be set");
    }

    @Test
    void uri_notRedis() {
        Throwable t = catchThrowable(() -> RedisQuotaStore.builder().uri("http://user:s3cret@cache:6379"));
        assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessage("uri must start with redis://,"
                + " rediss://, redis-sentinel://, redis-socket:// or redis-cluster://, but its scheme was \"http\"");
    }

    @Test
    void uri_twice() {
        RedisQuotaStore.Builder b = RedisQuotaStore.builder().uri("redis://:pw@127.0.0.1:1");
        assertThatThrownBy(() -> b.uri("redis://127.0.0.1:2")).isInstanceOf(IllegalStateException.class)
                .hasMessage("uri was already set to redis://127.0.0.1:1");
    }

    @Test
    void timeout_outOfRange() {
        assertThatThrownBy(() -> RedisQuotaStore.builder().timeout(Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be from 1 ms to 60000 ms, but was 0 ms");
    }

    @Test
    void timeout_twice() {
        RedisQuotaStore.Builder b = RedisQuotaStore.builder().timeout(Duration.ofMillis(5));
        assertThatThrownBy(() -> b.timeout(Duration.ofMillis(6))).isInstanceOf(IllegalStateException.class)
                .hasMessage("timeout was already set to 5 ms");
    }

    @Test
    void onUnavailable_twice() {
        RedisQuotaStore.Builder b = RedisQuotaStore.builder().onUnavailable(QuotaStoreSpec.OnUnavailable.DENY);
        assertThatThrownBy(() -> b.onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK))
                .isInstanceOf(IllegalStateException.class).hasMessage("onUnavailable was already set to deny");
    }

    @Test
    void fallback_withDeny() {
        RedisQuotaStore.Builder b = RedisQuotaStore.builder().uri(server.uri()).fallback(QuotaStore.inMemory());
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("fallback is used only"
                + " with onUnavailable FALLBACK, but onUnavailable is DENY (the default)");
    }

    @Test
    void fallback_twice() {
        RedisQuotaStore.Builder b = RedisQuotaStore.builder().fallback(QuotaStore.inMemory());
        assertThatThrownBy(() -> b.fallback(QuotaStore.inMemory())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("fallback was already set to ");
    }

    @Test
    void keyPrefix_malformed() {
        assertThatThrownBy(() -> RedisQuotaStore.builder().keyPrefix("a{b}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyPrefix must be 1 to 64 letters, digits, '.', '_', '-' or ':', but was \"a{b}\"");
    }

    @Test
    void keyPrefix_isUsed() {
        RedisQuotaStore s = keep(RedisQuotaStore.builder().uri(server.uri()).keyPrefix("app1:aims").build());
        s.tryConsume("k", 1, 10, DAY, NOW);
        assertThat(keys()).singleElement().asString().startsWith("app1:aims:{");
    }

    @Test
    void keyPrefix_twice() {
        RedisQuotaStore.Builder b = RedisQuotaStore.builder().keyPrefix("a");
        assertThatThrownBy(() -> b.keyPrefix("b")).isInstanceOf(IllegalStateException.class)
                .hasMessage("keyPrefix was already set to a");
    }

    @Test
    void password_twice() {
        RedisQuotaStore.Builder b = RedisQuotaStore.builder().password("a");
        assertThatThrownBy(() -> b.password("b")).isInstanceOf(IllegalStateException.class)
                .hasMessage("password was already set");
    }

    /** Polls until the store answers from Redis again (Lettuce reconnects within half a second). */
    static QuotaStore.Result untilAnswered(RedisQuotaStore s, String key, long amount, long limit) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                QuotaStore.Result r = s.tryConsume(key, amount, limit, DAY, NOW);
                if (!r.degraded()) {
                    return r;
                }
            } catch (QuotaStoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the store did not answer from Redis within 10 s");
            }
            LocalRedis.sleep(50);
        }
    }

    @Test
    void failsClosedWhileRedisIsDownAndCountsThereAgainWhenItReturns() {
        try (LocalRedis own = LocalRedis.start()) {
            RedisQuotaStore s = keep(RedisQuotaStore.builder().uri(own.uri()).build());
            assertThat(s.tryConsume("k", 5, 10, DAY, NOW).granted()).isTrue();
            own.kill();
            long t0 = System.nanoTime();
            QuotaStoreUnavailableException e = catchThrowableOfType(QuotaStoreUnavailableException.class,
                    () -> s.tryConsume("k", 1, 10, DAY, NOW));
            assertThat(e.getMessage()).startsWith("quota store unavailable: Redis at " + own.uri() + " ");
            assertThatThrownBy(() -> s.charge("k", 1, 10, DAY, NOW))
                    .isInstanceOf(QuotaStoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
            own.restart();
            // The server came back empty (no persistence): the count starts again, in Redis.
            assertThat(untilAnswered(s, "k", 8, 10).used()).isEqualTo(8);
            assertThat(own.call("GET", "aims:{" + RedisKeys.hash("k") + "}:F:1749945600000:1750032000000"))
                    .isEqualTo("8");
        }
    }

    @Test
    void answersFromTheFallbackMarkedDegradedWhileRedisIsDown() {
        try (LocalRedis own = LocalRedis.start()) {
            QuotaStore local = QuotaStore.inMemory();
            RedisQuotaStore s = keep(RedisQuotaStore.builder().uri(own.uri())
                    .onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK).fallback(local).build());
            assertThat(s.tryConsume("k", 5, 10, DAY, NOW).degraded()).isFalse();
            own.kill();
            QuotaStore.Result r = s.tryConsume("k", 6, 10, DAY, NOW);
            assertThat(r.granted()).isTrue();
            assertThat(r.degraded()).isTrue();
            assertThat(r.used()).isEqualTo(6);
            s.charge("k", 2, 10, DAY, NOW);
            assertThat(used(local, "k", DAY, NOW)).isEqualTo(8);
            QuotaStore.Result refused = s.tryConsume("k", 3, 10, DAY, NOW);
            assertThat(refused.granted()).isFalse();
            assertThat(refused.degraded()).isTrue();
            own.restart();
            QuotaStore.Result back = untilAnswered(s, "k", 1, 10);
            assertThat(back.degraded()).isFalse();
            assertThat(back.used()).isEqualTo(1);
        }
    }

    @Test
    void buildsWhileRedisIsDownAndConnectsOnceItIsUp() {
        try (LocalRedis own = LocalRedis.start()) {
            own.kill();
            RedisQuotaStore s = keep(RedisQuotaStore.builder().uri(own.uri()).timeout(Duration.ofMillis(200))
                    .build());
            assertThatThrownBy(() -> s.tryConsume("k", 1, 10, DAY, NOW))
                    .isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("quota store unavailable: Redis at " + own.uri());
            own.restart();
            assertThat(untilAnswered(s, "k", 1, 10).used()).isEqualTo(1);
        }
    }
}
