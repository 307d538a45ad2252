package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import dev.aims.api.Usage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitRuleTest {
    static final CallContext U1 = CallContext.builder().principal("u-1").tenant("acme").build();
    static final CallContext U2 = CallContext.builder().principal("u-2").tenant("acme").build();

    final PolicyLoader loader = PolicyLoader.builder().build();
    final MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");

    PolicySet load(String... rules) {
        return loader.load(PolicyFile.parse(Fixtures.doc(rules), "test.json"));
    }

    /** @return a request estimated at 3 + maxTokens tokens */
    static AiRequest request(int maxTokens) {
        return AiRequest.builder().model("gpt-4o").message(Message.user("hello world!")).maxTokens(maxTokens).build();
    }

    Fixtures.Harness harness(String rule) {
        Fixtures.Harness h = new Fixtures.Harness(load(rule), clock, Redactor.none());
        h.usage = Usage.of(3, 47);
        return h;
    }

    @Test
    void allowsRequestsUpToTheLimitThenDeniesWithTheRetryTime() {
        Fixtures.Harness h = harness("{\"id\": \"r\", \"type\": \"rate-limit\", \"per\": \"principal\","
                + " \"window\": \"PT1M\", \"requests\": 3}");
        for (int i = 0; i < 3; i++) {
            h.client.call(request(47), U1);
        }
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), U1));
        assertThat(e.decision().reasonCode()).isEqualTo("rate_limited");
        // A bucket of 3 per minute refills one request every 20 seconds.
        assertThat(e.decision().message()).isEqualTo("rate limit 'r' (3 requests per PT1M, per principal) reached;"
                + " capacity returns at 2025-06-15T10:00:20Z");
        h.client.call(request(47), U2);
        clock.set("2025-06-15T10:00:19.999Z");
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), U1));
        clock.set("2025-06-15T10:00:20Z");
        h.client.call(request(47), U1);
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), U1));
        assertThat(h.sent).hasSize(5);
    }

    @Test
    void refillsContinuouslyAfterABurst() {
        Fixtures.Harness h = harness("{\"id\": \"r\", \"type\": \"rate-limit\", \"per\": \"tenant\","
                + " \"window\": \"PT1H\", \"requests\": 60}");
        for (int i = 0; i < 60; i++) {
            h.client.call(request(47), U1);
        }
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), U2));
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 5; i++) {
            h.client.call(request(47), U2);
        }
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), U1));
        assertThat(h.sent).hasSize(65);
    }

    @Test
    void limitsTokensPerWindowOnTheEstimate() {
        Fixtures.Harness h = harness("{\"id\": \"t\", \"type\": \"rate-limit\", \"per\": \"principal\","
                + " \"window\": \"PT1M\", \"tokens\": 100}");
        h.client.call(request(47), U1);
        h.client.call(request(47), U1);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), U1));
        assertThat(e.decision().message()).isEqualTo("rate limit 't' (100 tokens per PT1M, per principal) reached;"
                + " this call needs about 50; capacity returns at 2025-06-15T10:00:30Z");
        clock.set("2025-06-15T10:00:30Z");
        h.client.call(request(47), U1);
    }

    @Test
    void correctsTokensToActualUsage() {
        Fixtures.Harness h = harness("{\"id\": \"t\", \"type\": \"rate-limit\", \"per\": \"principal\","
                + " \"window\": \"PT1M\", \"tokens\": 100}");
        h.usage = Usage.of(3, 2);
        // Estimated 50 each, but each used 5: the refunds make room for many more calls in the same instant.
        for (int i = 0; i < 10; i++) {
            h.client.call(request(47), U1);
        }
        PolicyDecision d = h.decisionOf("t", PolicyStage.PRE);
        assertThat(d.obligations()).containsEntry(Quotas.RESERVED, "50");
        assertThat(h.sent).hasSize(10);
    }

    @Test
    void tokenRefusalGivesTheRequestBack() {
        Fixtures.Harness h = harness("{\"id\": \"rt\", \"type\": \"rate-limit\", \"per\": \"principal\","
                + " \"window\": \"PT1M\", \"requests\": 2, \"tokens\": 100}");
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(500), U1));
        catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(500), U1));
        h.client.call(request(47), U1);
        h.client.call(request(10), U1);
        assertThat(catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(1), U1))
                .decision().message()).contains("2 requests per PT1M");
    }

    @Test
    void shadowRateLimitRecordsWouldDenyAndLetsTheCallThrough() {
        Fixtures.Harness h = harness("{\"id\": \"r\", \"type\": \"rate-limit\", \"mode\": \"shadow\","
                + " \"per\": \"principal\", \"window\": \"PT1M\", \"requests\": 1}");
        h.client.call(request(47), U1);
        h.client.call(request(47), U1);
        PolicyDecision d = h.decisionOf("r", PolicyStage.PRE);
        assertThat(d.shadow()).isTrue();
        assertThat(d.reasonCode()).isEqualTo("rate_limited");
        assertThat(d.message()).startsWith("shadow mode, would deny: rate limit 'r'");
        assertThat(h.sent).hasSize(2);
    }

    @Test
    void scopedRateLimitSupersedesTheGeneralOne() {
        String general = "{\"id\": \"general\", \"type\": \"rate-limit\", \"per\": \"principal\","
                + " \"window\": \"PT1M\", \"requests\": 1}";
        String vip = "{\"id\": \"vip\", \"type\": \"rate-limit\", \"per\": \"principal\", \"window\": \"PT1M\","
                + " \"requests\": 100, \"scope\": {\"principals\": [\"u-1\"]}}";
        Fixtures.Harness h = new Fixtures.Harness(load(general, vip), clock, Redactor.none());
        for (int i = 0; i < 5; i++) {
            h.client.call(request(47), U1);
        }
        assertThat(h.decisionOf("general", PolicyStage.PRE).reasonCode()).isEqualTo("superseded");
        h.client.call(request(47), U2);
        assertThat(catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), U2))
                .decision().policyId()).isEqualTo("general");
    }

    static final String RATE = "{\"id\": \"r\", \"type\": \"rate-limit\", \"per\": \"principal\","
            + " \"window\": \"PT1M\", \"requests\": 3, \"tokens\": 1000}";

    Fixtures.Harness outageHarness(OutageQuotaStore store) {
        Fixtures.Harness h = new Fixtures.Harness(PolicyLoader.builder().quotaStore(store).build()
                .load(PolicyFile.parse(Fixtures.doc(RATE), "test.json")), clock, Redactor.none());
        h.usage = Usage.of(3, 47);
        return h;
    }

    @Test
    void deniesWhenTheStoreIsUnavailableAndFailsClosed() {
        OutageQuotaStore store = new OutageQuotaStore();
        store.state = OutageQuotaStore.State.DOWN_DENY;
        Fixtures.Harness h = outageHarness(store);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), U1));
        assertThat(e.decision().reasonCode()).isEqualTo("quota_store_unavailable");
        assertThat(e.decision().message()).isEqualTo("rate limit 'r' could not be checked, so the call is refused"
                + " (fail closed): test://shared:1 did not answer within 50 ms");
        assertThat(h.sent).isEmpty();
    }

    @Test
    void givesTheRequestBackWhenTheTokenCounterIsUnavailable() {
        OutageQuotaStore store = new OutageQuotaStore() {
            @Override
            public Result tryConsume(String key, long amount, long limit, Window window, java.time.Instant now) {
                if (key.contains("/tokens/")) {
                    throw new QuotaStoreUnavailableException("test://shared:1 refused the command", null);
                }
                return super.tryConsume(key, amount, limit, window, now);
            }
        };
        Fixtures.Harness h = outageHarness(store);
        assertThat(catchThrowableOfType(AiPolicyViolationException.class, () -> h.client.call(request(47), U1))
                .decision().reasonCode()).isEqualTo("quota_store_unavailable");
        assertThat(store.shared.tryConsume("rate-limit/r/principal/requests/u-1", 0, 3,
                QuotaStore.Window.refilling(Duration.ofMinutes(1)), clock.instant()).used()).isZero();
    }

    @Test
    void recordsTheDegradationWhenTheStoreFallsBack() {
        OutageQuotaStore store = new OutageQuotaStore();
        store.state = OutageQuotaStore.State.DOWN_FALLBACK;
        Fixtures.Harness h = outageHarness(store);
        h.client.call(request(47), U1);
        PolicyDecision d = h.decisionOf("r", PolicyStage.PRE);
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.reasonCode()).isEqualTo("within_rate_degraded");
        assertThat(d.message()).startsWith("quota store unavailable: counted in this instance's in-process fallback");
        assertThat(d.obligations()).containsEntry(Quotas.DEGRADED, "true").containsEntry(Quotas.RESERVED, "50");
        h.client.call(request(47), U1);
        h.client.call(request(47), U1);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(request(47), U1));
        assertThat(e.decision().reasonCode()).isEqualTo("rate_limited");
        assertThat(e.decision().message()).endsWith("(quota store degraded)");
    }
}
