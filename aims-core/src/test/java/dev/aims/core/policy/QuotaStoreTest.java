package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch operations every store has: the defaults, over the single-counter ones. */
class QuotaStoreTest {
    static final Instant NOW = Fixtures.NOW;
    static final QuotaStore.Window DAY = TokenBudgetRuleTest.day("2025-06-15");
    static final QuotaStore.Window MINUTE = QuotaStore.Window.refilling(Duration.ofMinutes(1));

    final OutageQuotaStore store = new OutageQuotaStore();

    /** @return the usage of a counter, read under the limit of the test's consumptions (a bucket's depends on it) */
    long used(String key, QuotaStore.Window w) {
        return store.shared.tryConsume(key, 0, w == MINUTE ? 10 : Long.MAX_VALUE, w, NOW).used();
    }

    @Test
    void tryConsumeAllChargesEveryAmountWhenAllFit() {
        List<QuotaStore.Result> r = store.tryConsumeAll(List.of(QuotaStore.Consumption.of("a", 30, 100, DAY),
                QuotaStore.Consumption.of("s", "b", 5, 10, MINUTE)), NOW);
        assertThat(r).extracting(QuotaStore.Result::granted).containsExactly(true, true);
        assertThat(r.get(0).used()).isEqualTo(30);
        assertThat(used("a", DAY)).isEqualTo(30);
        assertThat(used("b", MINUTE)).isEqualTo(5);
    }

    @Test
    void tryConsumeAllChargesNothingWhenOneDoesNotFitAndSaysWhichFit() {
        store.tryConsume("b", 8, 10, MINUTE, NOW);
        List<QuotaStore.Result> r = store.tryConsumeAll(List.of(QuotaStore.Consumption.of("a", 30, 100, DAY),
                QuotaStore.Consumption.of("b", 5, 10, MINUTE), QuotaStore.Consumption.of("c", 1, 100, DAY)), NOW);
        assertThat(r).extracting(QuotaStore.Result::granted).containsExactly(true, false, true);
        // The usage of one that fits is told without its amount, which was not added.
        assertThat(r.get(0).used()).isZero();
        assertThat(r.get(1).used()).isEqualTo(8);
        assertThat(used("a", DAY)).isZero();
        assertThat(used("b", MINUTE)).isEqualTo(8);
        assertThat(used("c", DAY)).isZero();
    }

    @Test
    void tryConsumeAllGivesBackWhatItTookWhenTheStoreFails() {
        QuotaStore failsOnB = new OutageQuotaStore() {
            @Override
            public Result tryConsume(String key, long amount, long limit, Window window, Instant now) {
                if (key.equals("b")) {
                    throw new QuotaStoreUnavailableException("test://shared:1 did not answer within 50 ms", null);
                }
                return super.tryConsume(key, amount, limit, window, now);
            }
        };
        assertThatThrownBy(() -> failsOnB.tryConsumeAll(List.of(QuotaStore.Consumption.of("a", 30, 100, DAY),
                QuotaStore.Consumption.of("b", 5, 10, DAY)), NOW))
                .isInstanceOf(QuotaStoreUnavailableException.class);
        assertThat(((OutageQuotaStore) failsOnB).shared.tryConsume("a", 0, 100, DAY, NOW).used()).isZero();
    }

    @Test
    void tryConsumeAll_aKeyTwice() {
        String person = "token-budget/b/principal/alice@example.org";
        assertThatThrownBy(() -> store.tryConsumeAll(List.of(QuotaStore.Consumption.of(person, 1, 10, DAY),
                QuotaStore.Consumption.of(person, 1, 10, DAY)), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consumptions must name each key once, but consumption 1 repeats the key of an earlier"
                        + " one");
        assertThat(used(person, DAY)).isZero();
    }

    @Test
    void tryConsumeAll_nulls() {
        assertThatThrownBy(() -> store.tryConsumeAll(null, NOW)).isInstanceOf(NullPointerException.class)
                .hasMessage("consumptions");
        assertThatThrownBy(() -> store.tryConsumeAll(List.of(), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("now");
    }

    @Test
    void correctAllChargesAndRefundsEachOnItsOwn() {
        store.tryConsume("a", 30, 100, DAY, NOW);
        store.tryConsume("b", 30, 100, DAY, NOW);
        QuotaStore.Consumption a = QuotaStore.Consumption.of("a", 30, 100, DAY);
        QuotaStore.Consumption b = QuotaStore.Consumption.of("b", 30, 100, DAY);
        store.correctAll(List.of(a.corrected(12, NOW), b.corrected(-50, NOW), a.corrected(0, NOW)));
        assertThat(used("a", DAY)).isEqualTo(42);
        assertThat(used("b", DAY)).isZero();
        assertThat(store.charges).hasValue(1);
        assertThat(store.refunds).hasValue(1);
    }

    @Test
    void correctAllAppliesWhatItCanAndThenSaysTheStoreFailed() {
        OutageQuotaStore failsOnA = new OutageQuotaStore() {
            @Override
            public void charge(String key, long amount, long limit, Window window, Instant at) {
                if (key.equals("a")) {
                    throw new QuotaStoreUnavailableException("test://shared:1 did not answer within 50 ms", null);
                }
                super.charge(key, amount, limit, window, at);
            }
        };
        failsOnA.tryConsume("b", 30, 100, DAY, NOW);
        assertThatThrownBy(() -> failsOnA.correctAll(List.of(QuotaStore.Consumption.of("a", 1, 100, DAY)
                .corrected(5, NOW), QuotaStore.Consumption.of("b", 1, 100, DAY).corrected(5, NOW))))
                .isInstanceOf(QuotaStoreUnavailableException.class);
        assertThat(failsOnA.shared.tryConsume("b", 0, 100, DAY, NOW).used()).isEqualTo(35);
    }

    @Test
    void consumption_badArguments() {
        assertThatThrownBy(() -> QuotaStore.Consumption.of("k", -1, 10, DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("amount must be >= 0, but was -1");
        assertThatThrownBy(() -> QuotaStore.Consumption.of("k", 1, -10, DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be >= 0, but was -10");
        assertThatThrownBy(() -> QuotaStore.Consumption.of(null, "k", 1, 10, DAY))
                .isInstanceOf(NullPointerException.class).hasMessage("subject");
        assertThatThrownBy(() -> QuotaStore.Consumption.of("k", 1, 10, null))
                .isInstanceOf(NullPointerException.class).hasMessage("window");
        assertThatThrownBy(() -> QuotaStore.Consumption.of("k", 1, 10, DAY).corrected(1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("at");
    }

    @Test
    void consumptionsAndCorrectionsNeverShowWhoTheyCount() {
        QuotaStore.Consumption c = QuotaStore.Consumption.of("principal/alice@example.org",
                "token-budget/b/principal/alice@example.org", 7, 10, DAY);
        assertThat(c.toString()).doesNotContain("alice").contains("amount=7");
        assertThat(c.corrected(-3, NOW).toString()).doesNotContain("alice").contains("amount=-3");
        assertThat(c.subject()).isEqualTo("principal/alice@example.org");
    }
}
