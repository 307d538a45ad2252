package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import dev.aims.api.Message;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import dev.aims.api.Usage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets and rate limits in a shared store ask it once per call, all or nothing, and correct once after it. */
class QuotaBatchTest {
    static final CallContext U1 = CallContext.builder().principal("u-1").tenant("acme").systemId("support-bot")
            .purpose("customer-support").build();
    static final String TENANT = TokenBudgetRuleTest.budget("tenant", "tenant", "day", 1000);
    static final String USER_RATE = "{\"id\": \"rate\", \"type\": \"rate-limit\", \"per\": \"principal\","
            + " \"window\": \"PT1M\", \"requests\": 10, \"tokens\": 1000}";
    static final String PURPOSE = "{\"id\": \"purpose\", \"type\": \"purpose\", \"intendedUses\": {\"support-bot\":"
            + " [\"customer-support\"]}}";
    static final QuotaStore.Window DAY = TokenBudgetRuleTest.day("2025-06-15");
    static final QuotaStore.Window MINUTE = QuotaStore.Window.refilling(Duration.ofMinutes(1));

    final CountingQuotaStore store = new CountingQuotaStore();
    final MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");

    PolicySet load(String... rules) {
        return PolicyLoader.builder().quotaStore(store).build().load(PolicyFile.parse(Fixtures.doc(rules),
                "test.json"));
    }

    Fixtures.Harness harness(PolicySet set) {
        Fixtures.Harness h = new Fixtures.Harness(set, clock, Redactor.none());
        h.usage = Usage.of(3, 27);
        return h;
    }

    /** @return a request estimated at 3 + maxTokens tokens */
    static AiRequest request(int maxTokens) {
        return AiRequest.builder().model("gpt-4o").message(Message.user("hello world!")).maxTokens(maxTokens).build();
    }

    long used(String key, QuotaStore.Window w) {
        return store.used(key, w, clock.instant());
    }

    /** @return the requests counted in the rate limit's bucket, read under its limit */
    long requests() {
        return store.counters.tryConsume("rate-limit/rate/principal/requests/u-1", 0, 10, MINUTE, clock.instant())
                .used();
    }

    /** @return the tokens counted in the rate limit's bucket, read under its limit */
    long rateTokens() {
        return store.counters.tryConsume("rate-limit/rate/principal/tokens/u-1", 0, 1000, MINUTE, clock.instant())
                .used();
    }

    static QuotaBatch batchOf(PolicySet set, String id) {
        return ((QuotaRule) Fixtures.only(set, id)).batch;
    }

    @Test
    void aCallAsksTheSharedStoreOnceForAllItsRulesAndCorrectsOnce() {
        PolicySet set = load(TENANT, TokenBudgetRuleTest.budget("user", "principal", "day", 100), USER_RATE);
        Fixtures.Harness h = harness(set);
        h.client.call(request(47), U1);
        assertThat(store.asks).hasSize(1);
        List<QuotaStore.Consumption> ask = store.asks.get(0);
        assertThat(ask).extracting(QuotaStore.Consumption::key).containsExactly("token-budget/tenant/tenant/acme",
                "token-budget/user/principal/u-1", "rate-limit/rate/principal/requests/u-1",
                "rate-limit/rate/principal/tokens/u-1");
        assertThat(ask).extracting(QuotaStore.Consumption::amount).containsExactly(50L, 50L, 1L, 50L);
        // One subject's counters are named as one, so that a store can keep them together.
        assertThat(ask).extracting(QuotaStore.Consumption::subject).containsExactly("tenant/acme", "principal/u-1",
                "principal/u-1", "principal/u-1");
        // The call used 30 of the 50 reserved: one correction of the three token counters, none of the request.
        assertThat(store.corrections).hasSize(1);
        assertThat(store.corrections.get(0)).extracting(QuotaStore.Correction::amount).containsExactly(-20L, -20L,
                -20L);
        assertThat(store.single).hasValue(0);
        assertThat(used("token-budget/tenant/tenant/acme", DAY)).isEqualTo(30);
        assertThat(used("token-budget/user/principal/u-1", DAY)).isEqualTo(30);
        assertThat(requests()).isEqualTo(1);
        assertThat(batchOf(set, "tenant").waiting()).isZero();
        assertThat(batchOf(set, "tenant")).isSameAs(batchOf(set, "rate"));
    }

    @Test
    void aCallThatUsesItsEstimateNeedsNoCorrection() {
        Fixtures.Harness h = harness(load(TENANT, USER_RATE));
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), U1);
        assertThat(store.asks).hasSize(1);
        assertThat(store.corrections).isEmpty();
        assertThat(used("token-budget/tenant/tenant/acme", DAY)).isEqualTo(50);
    }

    @Test
    void aCallOneRuleRefusesIsChargedByNone() {
        PolicySet set = load(TENANT, TokenBudgetRuleTest.budget("user", "principal", "day", 60), USER_RATE);
        Fixtures.Harness h = harness(set);
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), U1);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), U1));
        assertThat(e.decision().policyId()).isEqualTo("user");
        assertThat(e.decision().reasonCode()).isEqualTo("token_budget_exceeded");
        assertThat(e.decision().message()).startsWith("token budget 'user' (60 tokens per calendar day (UTC), per"
                + " principal) would be exceeded: 50 used, this call needs about 50; resets at ");
        // The tenant's budget had room, and says so, but reserved nothing: the call was refused.
        PolicyDecision tenant = h.decisionOf("tenant", PolicyStage.PRE);
        assertThat(tenant.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(tenant.reasonCode()).isEqualTo("within_budget");
        assertThat(tenant.message()).isEqualTo(Quotas.NOT_RESERVED_MESSAGE);
        assertThat(tenant.obligations()).containsEntry(Quotas.RESERVED, "0");
        assertThat(used("token-budget/tenant/tenant/acme", DAY)).isEqualTo(50);
        assertThat(used("token-budget/user/principal/u-1", DAY)).isEqualTo(50);
        assertThat(requests()).isEqualTo(1);
        assertThat(rateTokens()).isEqualTo(50);
        assertThat(store.asks).hasSize(2);
        assertThat(store.corrections).isEmpty();
        assertThat(batchOf(set, "tenant").waiting()).isZero();
    }

    @Test
    void theRulesACallNeverReachedGiveBackWhatTheyReserved() {
        // The purpose rule between the budgets refuses the call after the tenant budget took its part.
        PolicySet set = load(TENANT, PURPOSE, TokenBudgetRuleTest.budget("user", "principal", "day", 100),
                USER_RATE);
        Fixtures.Harness h = harness(set);
        CallContext marketing = CallContext.builder().principal("u-1").tenant("acme").systemId("support-bot")
                .purpose("marketing").build();
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), marketing));
        assertThat(e.decision().policyId()).isEqualTo("purpose");
        assertThat(store.asks).hasSize(1).first().asList().hasSize(4);
        // The tenant budget decided and its call used nothing; the other rules never decided: all given back,
        // the request included, as no rule admitted it.
        assertThat(store.corrections).hasSize(1);
        assertThat(store.corrections.get(0)).extracting(QuotaStore.Correction::amount).containsExactly(-50L, -50L,
                -1L, -50L);
        assertThat(used("token-budget/tenant/tenant/acme", DAY)).isZero();
        assertThat(used("token-budget/user/principal/u-1", DAY)).isZero();
        assertThat(requests()).isZero();
        assertThat(batchOf(set, "tenant").waiting()).isZero();
    }

    @Test
    void onlyTheRulesThatGovernTheCallAreAsked() {
        String scoped = "{\"id\": \"support-user\", \"type\": \"token-budget\", \"scope\": {\"systems\":"
                + " [\"support-bot\"]}, \"per\": \"principal\", \"window\": \"day\", \"limit\": 80}";
        PolicySet set = load(TENANT, TokenBudgetRuleTest.budget("user", "principal", "day", 100), scoped);
        Fixtures.Harness h = harness(set);
        h.client.call(request(47), U1);
        h.client.call(request(47), CallContext.builder().principal("u-2").tenant("acme").build());
        assertThat(store.asks.get(0)).extracting(QuotaStore.Consumption::key).containsExactly(
                "token-budget/tenant/tenant/acme", "token-budget/support-user/principal/u-1");
        assertThat(store.asks.get(1)).extracting(QuotaStore.Consumption::key).containsExactly(
                "token-budget/tenant/tenant/acme", "token-budget/user/principal/u-2");
        assertThat(h.decisionOf("support-user", PolicyStage.PRE).reasonCode()).isEqualTo("out_of_scope");
    }

    @Test
    void aRuleThatGovernsOnlyOnceAnEarlierPolicyChangedTheCallAsksOnItsOwnAndIsCorrectedToo() {
        String onPremises = "{\"id\": \"llama\", \"type\": \"token-budget\", \"scope\": {\"models\":"
                + " [\"llama-*\"]}, \"per\": \"principal\", \"window\": \"day\", \"limit\": 1000}";
        PolicySet loaded = load(TENANT, onPremises);
        Policy route = new Policy() {
            @Override
            public String id() {
                return "route";
            }

            @Override
            public PolicyDecision evaluate(PolicyInput input) {
                AiRequest onPrem = input.request().toBuilder().model("llama-3-70b").build();
                return PolicyDecision.modify(this, input.stage(), "routed", "to the on-premises model", onPrem);
            }
        };
        PolicySet set = PolicySet.of(List.of(loaded.policies().get(0), route, loaded.policies().get(1)));
        Fixtures.Harness h = harness(set);
        h.client.call(request(47), U1);
        // The tenant budget asked while the call was for gpt-4o, before the route: the llama budget asked after it.
        assertThat(store.asks).extracting(List::size).containsExactly(1, 1);
        assertThat(h.decisionOf("llama", PolicyStage.PRE).obligations()).containsEntry(Quotas.RESERVED, "50");
        // Both reservations were corrected to the 30 tokens the call used, in one correction each.
        assertThat(store.corrections).hasSize(2);
        assertThat(used("token-budget/tenant/tenant/acme", DAY)).isEqualTo(30);
        assertThat(used("token-budget/llama/principal/u-1", DAY)).isEqualTo(30);
        assertThat(batchOf(set, "llama").waiting()).isZero();
    }

    @Test
    void aShadowRuleAsksOnItsOwnAndNeverRefusesWithTheRulesInForce() {
        String shadow = "{\"id\": \"trial\", \"type\": \"token-budget\", \"mode\": \"shadow\", \"per\": \"principal\","
                + " \"window\": \"day\", \"limit\": 10}";
        PolicySet set = load(TENANT, shadow);
        Fixtures.Harness h = harness(set);
        h.usage = Usage.of(3, 47);
        h.client.call(request(47), U1);
        assertThat(batchOf(set, "trial")).isNotSameAs(batchOf(set, "tenant"));
        assertThat(store.asks).hasSize(2);
        assertThat(h.decisionOf("trial", PolicyStage.PRE).shadow()).isTrue();
        assertThat(h.decisionOf("tenant", PolicyStage.PRE).obligations()).containsEntry(Quotas.RESERVED, "50");
        assertThat(used("token-budget/tenant/tenant/acme", DAY)).isEqualTo(50);
        // A shadow budget still counts what the call used.
        assertThat(used("token-budget/trial/principal/u-1", DAY)).isEqualTo(50);
    }

    @Test
    void aPolicyEvaluatedAgainForTheSameCallGivesBackWhatTheFirstAskReservedForOthers() {
        PolicySet set = load(TENANT, TokenBudgetRuleTest.budget("user", "principal", "day", 100));
        PolicyInput pre = new PolicyInput(PolicyStage.PRE, "by-hand", request(47), U1,
                List.of(), null, List.of(), Redactor.none().open(), clock.instant());
        Fixtures.only(set, "tenant").evaluate(pre);
        assertThat(used("token-budget/user/principal/u-1", DAY)).isEqualTo(50);
        Fixtures.only(set, "tenant").evaluate(pre);
        // The second ask charged both again; the first one's part for "user", never taken, was given back.
        assertThat(used("token-budget/user/principal/u-1", DAY)).isEqualTo(50);
        assertThat(used("token-budget/tenant/tenant/acme", DAY)).isEqualTo(100);
        assertThat(batchOf(set, "tenant").waiting()).isEqualTo(1);
    }

    @Test
    void theInProcessStoreNeedsNoBatch() {
        PolicySet set = PolicyLoader.builder().build().load(PolicyFile.parse(Fixtures.doc(TENANT, USER_RATE),
                "test.json"));
        assertThat(batchOf(set, "tenant")).isNull();
        assertThat(batchOf(set, "rate")).isNull();
        assertThat(QuotaRule.batches(QuotaStore.inMemory())).isFalse();
        assertThat(QuotaRule.batches(store)).isTrue();
    }
}
