package dev.aims.core.policy;

import static dev.aims.core.policy.Fixtures.decide;
import static dev.aims.core.policy.Fixtures.pre;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.AiSystem;
import dev.aims.api.AiSystemRegistry;
import dev.aims.api.CallContext;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PurposeRuleTest {
    static final String RULE = "{\"id\": \"purpose\", \"type\": \"purpose\", \"intendedUses\": {\"support-bot\":"
            + " [\"customer-support\", \"order-tracking\"]}}";
    static final AiRequest REQUEST = AiRequest.of("gpt-4o", "hi");

    static CallContext ctx(String system, String purpose) {
        return CallContext.builder().principal("u-1").systemId(system).purpose(purpose).build();
    }

    static AiSystemRegistry registry(AiSystem... systems) {
        return new AiSystemRegistry() {
            @Override
            public Optional<AiSystem> find(String id) {
                return List.of(systems).stream().filter(s -> s.id().equals(id)).findFirst();
            }

            @Override
            public Collection<AiSystem> all() {
                return List.of(systems);
            }

            @Override
            public boolean strict() {
                return false;
            }
        };
    }

    static PolicySet load(PolicyLoader loader, String rule) {
        return loader.load(PolicyFile.parse(Fixtures.doc(rule), "test.json"));
    }

    @Test
    void allowsAnIntendedPurpose() {
        PolicyDecision d = decide(Fixtures.load(RULE), "purpose", pre(REQUEST, ctx("support-bot", "order-tracking")));
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
    }

    @Test
    void deniesAPurposeOutsideTheIntendedUses() {
        PolicyDecision d = decide(Fixtures.load(RULE), "purpose", pre(REQUEST, ctx("support-bot", "marketing")));
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.DENY);
        assertThat(d.reasonCode()).isEqualTo("purpose_not_intended");
        assertThat(d.message()).isEqualTo("the call's purpose is not an intended use of AI system 'support-bot'"
                + " (intended: customer-support, order-tracking; ISO/IEC 42001 A.9.4)").doesNotContain("marketing");
    }

    @Test
    void deniesACallThatDeclaresNoPurpose() {
        PolicyDecision d = decide(Fixtures.load(RULE), "purpose", pre(REQUEST, ctx("support-bot", null)));
        assertThat(d.reasonCode()).isEqualTo("purpose_not_declared");
        assertThat(d.message()).contains("customer-support, order-tracking");
    }

    @Test
    void deniesACallThatNamesNoSystem() {
        PolicyDecision d = decide(Fixtures.load(RULE), "purpose", pre(REQUEST, ctx(null, "customer-support")));
        assertThat(d.reasonCode()).isEqualTo("system_not_declared");
    }

    @Test
    void deniesASystemWithoutIntendedUses() {
        PolicyDecision d = decide(Fixtures.load(RULE), "purpose", pre(REQUEST, ctx("hr-bot", "customer-support")));
        assertThat(d.reasonCode()).isEqualTo("system_has_no_intended_uses");
        // The caller's system id is not registered: its free text is not echoed.
        assertThat(d.message()).doesNotContain("hr-bot").contains("no registered intended uses");
    }

    @Test
    void takesIntendedUsesFromTheInventoryFirst() {
        AiSystemRegistry inventory = registry(AiSystem.builder("support-bot").intendedUses(List.of("billing"))
                .build());
        PolicySet set = load(PolicyLoader.builder().inventory(inventory).build(), RULE);
        assertThat(decide(set, "purpose", pre(REQUEST, ctx("support-bot", "billing"))).effect())
                .isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(decide(set, "purpose", pre(REQUEST, ctx("support-bot", "order-tracking"))).reasonCode())
                .isEqualTo("purpose_not_intended");
    }

    @Test
    void worksFromTheInventoryAlone() {
        AiSystemRegistry inventory = registry(AiSystem.builder("hr-bot").intendedUses(List.of("hr-faq")).build());
        PolicySet set = load(PolicyLoader.builder().inventory(inventory).build(),
                "{\"id\": \"purpose\", \"type\": \"purpose\"}");
        assertThat(decide(set, "purpose", pre(REQUEST, ctx("hr-bot", "hr-faq"))).effect())
                .isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(decide(set, "purpose", pre(REQUEST, ctx("hr-bot", "screening"))).reasonCode())
                .isEqualTo("purpose_not_intended");
    }

    @Test
    void shadowPurposeRuleRecordsWouldDeny() {
        PolicySet set = Fixtures.load(RULE.replace("\"type\"", "\"mode\": \"shadow\", \"type\""));
        PolicyDecision d = decide(set, "purpose", pre(REQUEST, ctx("support-bot", "marketing")));
        assertThat(d.shadow()).isTrue();
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.message()).startsWith("shadow mode, would deny: the call's purpose").doesNotContain("marketing");
    }
}
