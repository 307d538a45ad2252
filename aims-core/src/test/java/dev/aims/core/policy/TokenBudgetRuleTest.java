package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBudgetRuleTest {
    /** 12 characters: an input estimate of 3 tokens. */
    static final String TEXT = "hello world!";
    static final CallContext ACME = CallContext.builder().principal("u-1").tenant("acme").build();

    final PolicyLoader loader = PolicyLoader.builder().build();

    static String budget(String id, String per, String window, long limit) {
        return "{\"id\": \"" + id + "\", \"type\": \"token-budget\", \"per\": \"" + per + "\", \"window\": \""
                + window + "\", \"limit\": " + limit + "}";
    }

    /** @return a request whose estimate is 3 + maxTokens */
    static AiRequest request(int maxTokens) {
        return AiRequest.builder().model("gpt-4o").message(Message.user(TEXT)).maxTokens(maxTokens).build();
    }

    PolicySet load(String... rules) {
        return loader.load(PolicyFile.parse(Fixtures.doc(rules), "test.json"));
    }

    long used(String key, QuotaStore.Window window, Instant at) {
        return loader.quotaStore().tryConsume(key, 0, Long.MAX_VALUE, window, at).used();
    }

    static QuotaStore.Window day(String date) {
        Instant start = Instant.parse(date + "T00:00:00Z");
        return QuotaStore.Window.fixed(start, start.plus(Duration.ofDays(1)));
    }

    @Test
    void allowsWithinBudgetAndRecordsTheReservation() {
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(budget("b", "tenant", "day", 100)), clock, Redactor.none());
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), ACME);
        PolicyDecision d = h.decisionOf("b", PolicyStage.PRE);
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.reasonCode()).isEqualTo("within_budget");
        assertThat(d.obligations()).containsEntry(Quotas.RESERVED, "50")
                .containsEntry(Quotas.AT, Long.toString(clock.instant().toEpochMilli()));
        assertThat(used("token-budget/b/tenant/acme", day("2025-06-15"), clock.instant())).isEqualTo(50);
    }

    @Test
    void deniesWhenExhaustedNamingTheBudgetAndItsReset() {
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(budget("b", "tenant", "day", 100)), clock, Redactor.none());
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), ACME);
        h.client.call(request(47), ACME);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), ACME));
        assertThat(e.decision().reasonCode()).isEqualTo("token_budget_exceeded");
        assertThat(e.decision().message()).isEqualTo("token budget 'b' (100 tokens per calendar day (UTC), per"
                + " tenant) would be exceeded: 100 used, this call needs about 50; resets at 2025-06-16T00:00:00Z");
        assertThat(h.sent).hasSize(2);
    }

    @Test
    void chargesActualUsageAfterTheCall() {
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(budget("b", "tenant", "day", 1000)), clock, Redactor.none());
        h.usage = Usage.of(5, 12);
        h.client.call(request(500), ACME);
        assertThat(used("token-budget/b/tenant/acme", day("2025-06-15"), clock.instant())).isEqualTo(17);
        h.usage = Usage.of(400, 300);
        h.client.call(request(10), ACME);
        assertThat(used("token-budget/b/tenant/acme", day("2025-06-15"), clock.instant())).isEqualTo(717);
    }

    @Test
    void refundsTheReservationOfACallDeniedLater() {
        String models = "{\"id\": \"models\", \"type\": \"model-allow-list\", \"models\": [\"gpt-4o\"]}";
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(budget("b", "tenant", "day", 1000), models), clock,
                Redactor.none());
        AiRequest other = AiRequest.builder().model("o1").message(Message.user(TEXT)).maxTokens(97).build();
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(other, ACME));
        assertThat(h.decisionOf("b", PolicyStage.PRE).obligations()).containsEntry(Quotas.RESERVED, "100");
        assertThat(used("token-budget/b/tenant/acme", day("2025-06-15"), clock.instant())).isZero();
    }

    @Test
    void calendarDayRollsOverAtMidnightInTheRulesZone() {
        String berlin = "{\"id\": \"b\", \"type\": \"token-budget\", \"per\": \"principal\", \"window\": \"day\","
                + " \"zone\": \"Europe/Berlin\", \"limit\": 50}";
        MutableClock clock = MutableClock.at("2025-06-15T21:59:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(berlin), clock, Redactor.none());
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), ACME);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), ACME));
        assertThat(e.decision().message()).endsWith("resets at 2025-06-15T22:00:00Z")
                .contains("calendar day (Europe/Berlin)");
        clock.set("2025-06-15T21:59:59.999Z");
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), ACME));
        clock.set("2025-06-15T22:00:00Z");
        h.client.call(request(47), ACME);
        assertThat(h.sent).hasSize(2);
    }

    @Test
    void calendarMonthRollsOverOnTheFirst() {
        MutableClock clock = MutableClock.at("2025-01-31T23:30:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(budget("m", "tenant", "month", 60)), clock, Redactor.none());
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), ACME);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), ACME));
        assertThat(e.decision().message()).endsWith("resets at 2025-02-01T00:00:00Z");
        clock.set("2025-02-01T00:00:00Z");
        h.client.call(request(47), ACME);
        clock.set("2025-02-28T23:59:59Z");
        assertThat(catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), ACME))
                .decision().message()).endsWith("resets at 2025-03-01T00:00:00Z");
    }

    @Test
    void rollingWindowFreesUsageSliceBySlice() {
        String rolling = "{\"id\": \"r\", \"type\": \"token-budget\", \"per\": \"tenant\", \"window\": \"PT1H\","
                + " \"slices\": 4, \"limit\": 100}";
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(rolling), clock, Redactor.none());
        h.usage = Usage.of(3, 57);
        h.client.call(request(57), ACME);
        clock.set("2025-06-15T10:20:00Z");
        h.usage = Usage.of(3, 37);
        h.client.call(request(37), ACME);
        clock.set("2025-06-15T10:30:00Z");
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), ACME));
        // The 10:00 slice leaves the hour at 11:00; then 40 used + 50 needed fit in 100.
        assertThat(e.decision().message()).contains("rolling PT1H").contains("100 used")
                .endsWith("resets at 2025-06-15T11:00:00Z");
        clock.set("2025-06-15T10:59:59Z");
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), ACME));
        clock.set("2025-06-15T11:00:00Z");
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), ACME);
        clock.set("2025-06-15T11:05:00Z");
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), ACME));
        assertThat(h.sent).hasSize(3);
    }

    @Test
    void budgetsPerPrincipalAreSeparateAndAnonymousCallsShareOne() {
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(budget("p", "principal", "day", 50)), clock,
                Redactor.none());
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), ACME);
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), ACME));
        h.client.call(request(47), CallContext.builder().principal("u-2").tenant("acme").build());
        h.client.call(request(47), CallContext.EMPTY);
        assertThat(catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), CallContext.builder().tenant("x").build())).decision().policyId())
                .isEqualTo("p");
    }

    @Test
    void scopedBudgetSupersedesTheGeneralOneOfTheSameSubjectAndWindow() {
        String general = budget("general", "principal", "day", 1000);
        String support = "{\"id\": \"support\", \"type\": \"token-budget\", \"scope\": {\"systems\":"
                + " [\"support-bot\"]}, \"per\": \"principal\", \"window\": \"day\", \"limit\": 50}";
        String monthly = budget("monthly", "principal", "month", 10_000);
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(general, support, monthly), clock, Redactor.none());
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), Fixtures.SUPPORT);
        assertThat(h.decisionOf("general", PolicyStage.PRE).reasonCode()).isEqualTo("superseded");
        assertThat(h.decisionOf("support", PolicyStage.PRE).reasonCode()).isEqualTo("within_budget");
        assertThat(h.decisionOf("monthly", PolicyStage.PRE).reasonCode()).isEqualTo("within_budget");
        assertThat(catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), Fixtures.SUPPORT)).decision().policyId()).isEqualTo("support");
    }

    @Test
    void shadowBudgetRecordsWouldDenyAndStillChargesActualUsage() {
        String shadow = "{\"id\": \"s\", \"type\": \"token-budget\", \"mode\": \"shadow\", \"per\": \"tenant\","
                + " \"window\": \"day\", \"limit\": 50}";
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(shadow), clock, Redactor.none());
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), ACME);
        h.client.call(request(47), ACME);
        PolicyDecision d = h.decisionOf("s", PolicyStage.PRE);
        assertThat(d.shadow()).isTrue();
        assertThat(d.reasonCode()).isEqualTo("token_budget_exceeded");
        assertThat(d.message()).startsWith("shadow mode, would deny: token budget 's'");
        assertThat(h.sent).hasSize(2);
        assertThat(used("token-budget/s/tenant/acme", day("2025-06-15"), clock.instant())).isEqualTo(100);
    }

    @Test
    void sharedBudgetIsNeverOverspentBySixteenThreads() throws Exception {
        long limit = 10_000;
        long perCall = 100;
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        Fixtures.Harness h = new Fixtures.Harness(load(budget("b", "tenant", "day", limit)), clock, Redactor.none());
        h.usage = Usage.of(3, 97);
        AtomicLong spent = new AtomicLong();
        AtomicInteger allowed = new AtomicInteger();
        runSixteenThreads(() -> {
            h.client.call(request(97), ACME);
            spent.addAndGet(perCall);
            allowed.incrementAndGet();
        });
        assertThat(spent.get()).isLessThanOrEqualTo(limit + perCall).isEqualTo(limit);
        assertThat(allowed.get()).isEqualTo(limit / perCall);
        assertThat(used("token-budget/b/tenant/acme", day("2025-06-15"), clock.instant())).isEqualTo(spent.get());
    }

    @Test
    void sharedBudgetStaysConsistentWhenCallsUseLessThanEstimated() throws Exception {
        long limit = 20_000;
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        AtomicLong spent = new AtomicLong();
        GovernedClient client = GovernedClient.builder()
                .delegate(request -> {
                    // Each call reports its own random usage, at most its estimate of 100.
                    long out = ThreadLocalRandom.current().nextLong(0, 98);
                    spent.addAndGet(3 + out);
                    return AiResponse.builder().message(Message.assistant("ok")).usage(Usage.of(3, out)).build();
                })
                .policySource(() -> load(budget("b", "tenant", "day", limit)))
                .clock(clock)
                .build();
        runSixteenThreads(() -> client.call(request(97), ACME));
        assertThat(spent.get()).isLessThanOrEqualTo(limit).isGreaterThan(limit / 2);
        assertThat(used("token-budget/b/tenant/acme", day("2025-06-15"), clock.instant())).isEqualTo(spent.get());
    }

    /** Runs {@code call} on 16 threads, each until its first denial, all released at once. */
    static void runSixteenThreads(Runnable call) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (;;) {
                        call.run();
                    }
                } catch (AiPolicyViolationException denied) {
                    assertThat(denied.decision().reasonCode()).isEqualTo("token_budget_exceeded");
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(failures).isEmpty();
    }

    /** A budget counting in an {@link OutageQuotaStore}, through a governed client. */
    static final class Outage {
        final OutageQuotaStore store = new OutageQuotaStore();
        final MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        final Fixtures.Harness h = new Fixtures.Harness(PolicyLoader.builder().quotaStore(store).build()
                .load(PolicyFile.parse(Fixtures.doc(budget("b", "tenant", "day", 100)), "test.json")), clock,
                Redactor.none());

        long used(QuotaStore in) {
            return in.tryConsume("token-budget/b/tenant/acme", 0, Long.MAX_VALUE, day("2025-06-15"),
                    clock.instant()).used();
        }
    }

    @Test
    void deniesNamingTheStoreWhenItIsUnavailableAndFailsClosed() {
        Outage o = new Outage();
        o.store.state = OutageQuotaStore.State.DOWN_DENY;
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> o.h.client.call(request(47), ACME));
        assertThat(e.decision().reasonCode()).isEqualTo("quota_store_unavailable");
        assertThat(e.decision().message()).isEqualTo("token budget 'b' could not be checked, so the call is refused"
                + " (fail closed): test://shared:1 did not answer within 50 ms");
        assertThat(o.h.last().outcome()).isEqualTo(dev.aims.api.CallRecord.Outcome.DENIED);
        assertThat(o.h.decisionOf("b", PolicyStage.PRE).obligations()).isEmpty();
        assertThat(o.h.sent).isEmpty();
    }

    @Test
    void recordsTheDegradationWhenTheStoreFallsBack() {
        Outage o = new Outage();
        o.store.state = OutageQuotaStore.State.DOWN_FALLBACK;
        o.h.usage = Usage.of(3, 47);
        o.h.client.call(request(47), ACME);
        PolicyDecision d = o.h.decisionOf("b", PolicyStage.PRE);
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.reasonCode()).isEqualTo("within_budget_degraded");
        assertThat(d.message()).isEqualTo("quota store unavailable: counted in this instance's in-process fallback"
                + " store, not shared with the fleet; 50 of 100 tokens used there");
        assertThat(d.obligations()).containsEntry(Quotas.DEGRADED, "true").containsEntry(Quotas.RESERVED, "50");
        assertThat(o.used(o.store.fallback)).isEqualTo(50);
        assertThat(o.used(o.store.shared)).isZero();
        o.h.client.call(request(47), ACME);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> o.h.client.call(request(47), ACME));
        assertThat(e.decision().message()).endsWith("(quota store degraded)");
        assertThat(e.decision().obligations()).containsEntry(Quotas.DEGRADED, "true");
    }

    @Test
    void keepsADegradedReservationTheCallUsedLessOf() {
        Outage o = new Outage();
        o.store.state = OutageQuotaStore.State.DOWN_FALLBACK;
        o.h.usage = Usage.of(3, 7);
        o.h.client.call(request(47), ACME);
        assertThat(o.store.refunds).hasValue(0);
        assertThat(o.used(o.store.fallback)).isEqualTo(50);
        o.h.usage = Usage.of(3, 57);
        o.h.client.call(request(7), ACME);
        assertThat(o.store.charges).hasValue(1);
        assertThat(o.used(o.store.fallback)).isEqualTo(110);
    }

    @Test
    void aCorrectionTheStoreCannotTakeIsLostWithoutFailingTheCall() {
        Outage o = new Outage();
        GovernedClient client = GovernedClient.builder()
                .delegate(req -> {
                    o.store.state = OutageQuotaStore.State.DOWN_DENY;
                    return AiResponse.builder().message(Message.assistant("ok")).usage(Usage.of(3, 90)).build();
                })
                .policySource(() -> PolicyLoader.builder().quotaStore(o.store).build()
                        .load(PolicyFile.parse(Fixtures.doc(budget("b", "tenant", "day", 100)), "test.json")))
                .clock(o.clock)
                .build();
        assertThat(client.call(request(47), ACME).text()).isEqualTo("ok");
        assertThat(o.store.charges).hasValue(1);
        o.store.state = OutageQuotaStore.State.UP;
        assertThat(o.used(o.store.shared)).isEqualTo(50);
    }
}
