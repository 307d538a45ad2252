package dev.aims.core.policy;

import static dev.aims.core.policy.Fixtures.SUPPORT;
import static dev.aims.core.policy.Fixtures.decide;
import static dev.aims.core.policy.Fixtures.load;
import static dev.aims.core.policy.Fixtures.pre;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import org.junit.jupiter.api.Test;

class ModelAllowListRuleTest {
    static final String GLOBAL = "{\"id\": \"models\", \"type\": \"model-allow-list\", \"models\": [\"gpt-4o*\"]}";
    static final String RESEARCH = "{\"id\": \"models-research\", \"type\": \"model-allow-list\","
            + " \"scope\": {\"systems\": [\"research-*\"]}, \"models\": [\"llama-3*\"]}";
    static final CallContext RESEARCHER = CallContext.builder().principal("r-1").systemId("research-assistant")
            .build();

    @Test
    void allowsListedModel() {
        PolicyDecision d = decide(load(GLOBAL), "models", pre(AiRequest.of("gpt-4o-mini", "hi"), SUPPORT));
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.reasonCode()).isEqualTo("allowed");
        assertThat(d.policyVersion()).isEqualTo("7");
    }

    @Test
    void deniesUnlistedModelNamingIt() {
        PolicyDecision d = decide(load(GLOBAL), "models", pre(AiRequest.of("o1-preview", "hi"), SUPPORT));
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.DENY);
        assertThat(d.reasonCode()).isEqualTo("model_not_allowed");
        assertThat(d.message()).isEqualTo("model 'o1-preview' is not allowed here (allowed: gpt-4o*)");
    }

    @Test
    void moreSpecificScopeWinsOverGlobalRule() {
        PolicySet set = load(GLOBAL, RESEARCH);
        AiRequest llama = AiRequest.of("llama-3.1-70b", "hi");
        PolicyDecision global = decide(set, "models", pre(llama, RESEARCHER));
        PolicyDecision specific = decide(set, "models-research", pre(llama, RESEARCHER));
        assertThat(global.reasonCode()).isEqualTo("superseded");
        assertThat(global.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(global.message()).contains("models-research");
        assertThat(specific.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        // The specific rule's list replaces the global one for its scope: gpt-4o is not on it.
        assertThat(decide(set, "models-research", pre(AiRequest.of("gpt-4o", "hi"), RESEARCHER)).reasonCode())
                .isEqualTo("model_not_allowed");
    }

    @Test
    void ruleOutsideItsScopeRecordsOutOfScope() {
        PolicyDecision d = decide(load(GLOBAL, RESEARCH), "models-research",
                pre(AiRequest.of("o1-preview", "hi"), SUPPORT));
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.reasonCode()).isEqualTo("out_of_scope");
    }

    @Test
    void callWithoutTheScopedValueIsOutOfScope() {
        PolicyDecision d = decide(load(GLOBAL, RESEARCH), "models-research",
                pre(AiRequest.of("o1-preview", "hi"), CallContext.EMPTY));
        assertThat(d.reasonCode()).isEqualTo("out_of_scope");
    }

    @Test
    void literalScopeBeatsGlobScopeWhateverTheOrder() {
        String glob = "{\"id\": \"glob\", \"type\": \"model-allow-list\", \"scope\": {\"systems\": [\"support-*\"]},"
                + " \"models\": [\"a\"]}";
        String literal = "{\"id\": \"literal\", \"type\": \"model-allow-list\", \"scope\": {\"systems\":"
                + " [\"support-bot\"]}, \"models\": [\"b\"]}";
        PolicySet set = load(glob, literal);
        assertThat(decide(set, "glob", pre(AiRequest.of("b", "hi"), SUPPORT)).reasonCode()).isEqualTo("superseded");
        assertThat(decide(set, "literal", pre(AiRequest.of("b", "hi"), SUPPORT)).reasonCode()).isEqualTo("allowed");
    }

    @Test
    void twoNamedDimensionsBeatOne() {
        String system = "{\"id\": \"by-system\", \"type\": \"model-allow-list\", \"scope\": {\"systems\":"
                + " [\"support-bot\"]}, \"models\": [\"a\"]}";
        String systemAndTenant = "{\"id\": \"by-system-tenant\", \"type\": \"model-allow-list\", \"scope\":"
                + " {\"tenants\": [\"acme\"], \"systems\": [\"support-bot\"]}, \"models\": [\"b\"]}";
        PolicySet set = load(system, systemAndTenant);
        assertThat(decide(set, "by-system", pre(AiRequest.of("a", "hi"), SUPPORT)).reasonCode())
                .isEqualTo("superseded");
        assertThat(decide(set, "by-system-tenant", pre(AiRequest.of("a", "hi"), SUPPORT)).reasonCode())
                .isEqualTo("model_not_allowed");
    }

    @Test
    void equallySpecificRulesInScopeResolveToTheEarlierOne() {
        String bySystem = "{\"id\": \"first\", \"type\": \"model-allow-list\", \"scope\": {\"systems\":"
                + " [\"support-bot\"]}, \"models\": [\"a\"]}";
        String byTenant = "{\"id\": \"second\", \"type\": \"model-allow-list\", \"scope\": {\"tenants\":"
                + " [\"acme\"]}, \"models\": [\"b\"]}";
        PolicySet set = load(bySystem, byTenant);
        assertThat(decide(set, "first", pre(AiRequest.of("b", "hi"), SUPPORT)).reasonCode())
                .isEqualTo("model_not_allowed");
        assertThat(decide(set, "second", pre(AiRequest.of("b", "hi"), SUPPORT)).reasonCode())
                .isEqualTo("superseded");
    }

    @Test
    void shadowRuleRecordsWouldDenyWhileTheCallProceeds() {
        String shadow = "{\"id\": \"models-trial\", \"type\": \"model-allow-list\", \"mode\": \"shadow\","
                + " \"models\": [\"gpt-4o-mini\"]}";
        Fixtures.Harness h = new Fixtures.Harness(load(GLOBAL, shadow), MutableClock.at("2025-06-15T10:00:00Z"),
                Redactor.none());
        h.client.call(AiRequest.of("gpt-4o", "hi"), SUPPORT);
        PolicyDecision d = h.decisionOf("models-trial", PolicyStage.PRE);
        assertThat(d.shadow()).isTrue();
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.reasonCode()).isEqualTo("model_not_allowed");
        assertThat(d.message()).startsWith("shadow mode, would deny: model 'gpt-4o'");
        assertThat(h.sent).hasSize(1);
        assertThat(h.last().outcome().wireName()).isEqualTo("allowed");
    }

    @Test
    void shadowRuleDoesNotSupersedeTheEnforcedOne() {
        String shadow = "{\"id\": \"models-trial\", \"type\": \"model-allow-list\", \"mode\": \"shadow\","
                + " \"scope\": {\"systems\": [\"support-bot\"]}, \"models\": [\"gpt-4o-mini\", \"o1-preview\"]}";
        Fixtures.Harness h = new Fixtures.Harness(load(GLOBAL, shadow), MutableClock.at("2025-06-15T10:00:00Z"),
                Redactor.none());
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(AiRequest.of("o1-preview", "hi"), SUPPORT));
        assertThat(e.decision().policyId()).isEqualTo("models");
        assertThat(h.sent).isEmpty();
    }
}
