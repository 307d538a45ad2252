package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryQuotaStoreTest {
    static final Instant T0 = Instant.parse("2025-06-15T10:00:00Z");
    static final QuotaStore.Window DAY = QuotaStore.Window.fixed(Instant.parse("2025-06-15T00:00:00Z"),
            Instant.parse("2025-06-16T00:00:00Z"));
    static final QuotaStore.Window NEXT_DAY = QuotaStore.Window.fixed(Instant.parse("2025-06-16T00:00:00Z"),
            Instant.parse("2025-06-17T00:00:00Z"));

    final QuotaStore store = QuotaStore.inMemory();

    @Test
    void grantsWithinTheLimitAndRefusesBeyondItChangingNothing() {
        QuotaStore.Result a = store.tryConsume("k", 60, 100, DAY, T0);
        assertThat(a.granted()).isTrue();
        assertThat(a.used()).isEqualTo(60);
        assertThat(a.remaining()).isEqualTo(40);
        assertThat(a.resetsAt()).isEqualTo(DAY.end());
        QuotaStore.Result b = store.tryConsume("k", 41, 100, DAY, T0);
        assertThat(b.granted()).isFalse();
        assertThat(b.used()).isEqualTo(60);
        assertThat(store.tryConsume("k", 40, 100, DAY, T0).used()).isEqualTo(100);
    }

    @Test
    void aNewFixedWindowStartsFromZero() {
        store.tryConsume("k", 100, 100, DAY, T0);
        assertThat(store.tryConsume("k", 1, 100, DAY, T0).granted()).isFalse();
        assertThat(store.tryConsume("k", 100, 100, NEXT_DAY, T0.plus(Duration.ofDays(1))).granted()).isTrue();
    }

    @Test
    void chargesAndRefundsTheConsumptionsWindow() {
        store.tryConsume("k", 50, 100, DAY, T0);
        store.charge("k", 30, 100, DAY, T0);
        assertThat(store.tryConsume("k", 0, 100, DAY, T0).used()).isEqualTo(80);
        store.refund("k", 500, 100, DAY, T0);
        assertThat(store.tryConsume("k", 0, 100, DAY, T0).used()).isZero();
    }

    @Test
    void dropsCorrectionsForAWindowThatHasPassed() {
        store.tryConsume("k", 50, 100, DAY, T0);
        store.tryConsume("k", 10, 100, NEXT_DAY, T0.plus(Duration.ofDays(1)));
        store.refund("k", 50, 100, DAY, T0);
        store.charge("k", 50, 100, DAY, T0);
        assertThat(store.tryConsume("k", 0, 100, NEXT_DAY, T0.plus(Duration.ofDays(1))).used()).isEqualTo(10);
    }

    @Test
    void slidingWindowCountsTheLastSlices() {
        QuotaStore.Window hour = QuotaStore.Window.sliding(Duration.ofHours(1), 4);
        store.tryConsume("k", 60, 100, hour, T0);
        store.tryConsume("k", 40, 100, hour, T0.plus(Duration.ofMinutes(20)));
        QuotaStore.Result refused = store.tryConsume("k", 50, 100, hour, T0.plus(Duration.ofMinutes(30)));
        assertThat(refused.granted()).isFalse();
        assertThat(refused.resetsAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        QuotaStore.Result later = store.tryConsume("k", 50, 100, hour, T0.plus(Duration.ofHours(1)));
        assertThat(later.granted()).isTrue();
        assertThat(later.used()).isEqualTo(90);
        assertThat(store.tryConsume("k", 0, 100, hour, T0.plus(Duration.ofMinutes(135))).used()).isZero();
    }

    @Test
    void refillingWindowIsATokenBucket() {
        QuotaStore.Window minute = QuotaStore.Window.refilling(Duration.ofMinutes(1));
        assertThat(store.tryConsume("k", 60, 60, minute, T0).granted()).isTrue();
        QuotaStore.Result refused = store.tryConsume("k", 10, 60, minute, T0);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.resetsAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(store.tryConsume("k", 10, 60, minute, T0.plusSeconds(10)).granted()).isTrue();
        store.refund("k", 30, 60, minute, T0.plusSeconds(10));
        assertThat(store.tryConsume("k", 30, 60, minute, T0.plusSeconds(10)).granted()).isTrue();
        assertThat(store.tryConsume("k", 1, 60, minute, T0.plusSeconds(10)).granted()).isFalse();
        // An idle minute refills the bucket completely, no more.
        assertThat(store.tryConsume("k", 60, 60, minute, T0.plusSeconds(600)).granted()).isTrue();
        assertThat(store.tryConsume("k", 1, 60, minute, T0.plusSeconds(600)).granted()).isFalse();
    }

    @Test
    void anAmountAboveTheLimitNeverFits() {
        assertThat(store.tryConsume("a", 101, 100, DAY, T0).granted()).isFalse();
        assertThat(store.tryConsume("b", 61, 60, QuotaStore.Window.refilling(Duration.ofMinutes(1)), T0).granted())
                .isFalse();
        assertThat(store.tryConsume("c", 1, 0, QuotaStore.Window.refilling(Duration.ofMinutes(1)), T0).granted())
                .isFalse();
    }

    @Test
    void aKeyUsedWithAnotherWindowShapeStartsAgain() {
        store.tryConsume("k", 100, 100, DAY, T0);
        assertThat(store.tryConsume("k", 100, 100, QuotaStore.Window.sliding(Duration.ofHours(1), 4), T0).granted())
                .isTrue();
    }

    @Test
    void neverGrantsMoreThanTheLimitToConcurrentCallers() throws Exception {
        for (QuotaStore.Window w : List.of(DAY, QuotaStore.Window.sliding(Duration.ofHours(1), 12),
                QuotaStore.Window.refilling(Duration.ofDays(1)))) {
            QuotaStore s = QuotaStore.inMemory();
            AtomicLong granted = new AtomicLong();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 2_000; i++) {
                        if (s.tryConsume("k", 7, 10_000, w, T0).granted()) {
                            granted.addAndGet(7);
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(granted.get()).as(w.toString()).isLessThanOrEqualTo(10_000).isGreaterThan(10_000 - 7);
        }
    }

    @Test
    void forgetsAKeyIdleForLongerThanItsWindowButKeepsOneInUse() {
        AtomicLong nanos = new AtomicLong();
        InMemoryQuotaStore s = new InMemoryQuotaStore(100, nanos::get);
        QuotaStore.Window minute = QuotaStore.Window.refilling(Duration.ofMinutes(1));
        s.tryConsume("idle", 10, 10, minute, T0);
        s.tryConsume("busy", 10, 10, minute, T0);
        for (int i = 0; i < 20; i++) {
            nanos.addAndGet(Duration.ofSeconds(10).toNanos());
            s.tryConsume("busy", 0, 10, minute, T0);
        }
        assertThat(s.size()).isEqualTo(1);
        // The busy key kept its state: its bucket is still empty at T0.
        assertThat(s.tryConsume("busy", 1, 10, minute, T0).granted()).isFalse();
        assertThat(s.tryConsume("idle", 10, 10, minute, T0).granted()).isTrue();
    }

    @Test
    void holdsAtMostTheMaximumNumberOfKeys() {
        InMemoryQuotaStore s = new InMemoryQuotaStore(10);
        for (int i = 0; i < 200; i++) {
            s.tryConsume("k" + i, 1, 10, DAY, T0);
        }
        assertThat(s.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertThatThrownBy(() -> store.tryConsume("k", -1, 10, DAY, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be >= 0, but was -1");
        assertThatThrownBy(() -> store.tryConsume("k", 1, -10, DAY, T0))
                .hasMessage("limit must be >= 0, but was -10");
        assertThatThrownBy(() -> store.refund("k", -3, 10, DAY, T0)).hasMessage("amount must be >= 0, but was -3");
        assertThatThrownBy(() -> store.tryConsume(null, 1, 10, DAY, T0)).isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> QuotaStore.inMemory(0)).hasMessage("maximumKeys must be >= 1, but was 0");
        assertThatThrownBy(() -> QuotaStore.Window.fixed(T0, T0))
                .hasMessage("window end must be after start, but was " + T0 + " <= " + T0);
        assertThatThrownBy(() -> QuotaStore.Window.sliding(Duration.ofMillis(10), 20))
                .hasMessage("sliding window length / slices must be at least 1 ms, but was PT0.01S / 20");
        assertThatThrownBy(() -> QuotaStore.Window.refilling(Duration.ZERO))
                .hasMessage("refilling period must be at least 1 ms, but was PT0S");
    }

    @Test
    void aQuietGrantChargesLikeAFullOneAndARefusalIsAnsweredInFull() {
        InMemoryQuotaStore quiet = new InMemoryQuotaStore(10);
        QuotaStore.Window minute = QuotaStore.Window.refilling(Duration.ofMinutes(1));
        QuotaStore.Window hour = QuotaStore.Window.sliding(Duration.ofHours(1), 4);

        assertThat(quiet.tryConsume("day", 60, 100, DAY, T0, false)).isSameAs(InMemoryQuotaStore.GRANTED);
        assertThat(quiet.tryConsume("rate", 60, 100, minute, T0, false)).isSameAs(InMemoryQuotaStore.GRANTED);
        assertThat(quiet.tryConsume("slide", 60, 100, hour, T0, false)).isSameAs(InMemoryQuotaStore.GRANTED);

        QuotaStore.Result refused = quiet.tryConsume("day", 41, 100, DAY, T0, false);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.used()).isEqualTo(60);
        assertThat(refused.resetsAt()).isEqualTo(DAY.end());
        assertThat(quiet.tryConsume("rate", 41, 100, minute, T0, false).used()).isEqualTo(60);
        assertThat(quiet.tryConsume("slide", 41, 100, hour, T0, false).used()).isEqualTo(60);
        assertThat(quiet.tryConsume("day", 40, 100, DAY, T0).used()).isEqualTo(100);
    }
}
