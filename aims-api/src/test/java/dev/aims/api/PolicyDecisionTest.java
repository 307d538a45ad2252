package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDecisionTest {
    @Test
    void modify_withoutReplacementOrObligations() {
        assertThatThrownBy(() -> PolicyDecision.builder().policy("p", "1").stage(PolicyStage.PRE)
                .effect(PolicyDecision.Effect.MODIFY).reasonCode("r").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decision of policy 'p' has effect MODIFY but neither a replacement nor obligations");
    }

    @Test
    void reasonCode_missing() {
        assertThatThrownBy(() -> PolicyDecision.builder().policy("p", "1").stage(PolicyStage.PRE)
                .effect(PolicyDecision.Effect.ALLOW).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("decision.reasonCode must not be null");
    }

    @Test
    void keepsImmutableObligationsWithoutCopying() {
        Map<String, String> one = Map.of("quota.reserved", "10");
        Map<String, String> two = Map.of("quota.reserved", "10", "quota.at", "1700000000000");
        Map<String, String> none = Map.of();

        assertThat(allow(one).obligations()).isSameAs(one);
        assertThat(allow(two).obligations()).isSameAs(two);
        assertThat(allow(none).obligations()).isSameAs(none);
    }

    @Test
    void copiesMutableObligationsInTheirOrder() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("b", "1");
        source.put("a", "2");

        PolicyDecision d = allow(source);
        source.put("c", "3");

        assertThat(d.obligations()).containsExactly(Map.entry("b", "1"), Map.entry("a", "2"));
        assertThatThrownBy(() -> d.obligations().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNullObligationsNamingTheKey() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("quota.at", null);
        Map<String, String> withNullKey = new HashMap<>();
        withNullKey.put(null, "1");

        assertThatThrownBy(() -> allow(withNull)).isInstanceOf(NullPointerException.class)
                .hasMessage("decision.obligations['quota.at'] must not be null");
        assertThatThrownBy(() -> allow(withNullKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decision.obligations must not contain a null key");
        assertThatThrownBy(() -> allow(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decision.obligations must not be null");
    }

    private static PolicyDecision allow(Map<String, String> obligations) {
        return PolicyDecision.builder().policy("p", "1").stage(PolicyStage.PRE).effect(PolicyDecision.Effect.ALLOW)
                .reasonCode("allowed").obligations(obligations).build();
    }

    @Test
    void shadowKeepsTheReasonButAllows() {
        PolicyDecision deny = PolicyDecision.builder().policy("budget", "2").stage(PolicyStage.PRE)
                .effect(PolicyDecision.Effect.DENY).reasonCode("budget_exceeded").message("over").build();

        PolicyDecision shadow = deny.asShadow();

        assertThat(shadow.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(shadow.shadow()).isTrue();
        assertThat(shadow.reasonCode()).isEqualTo("budget_exceeded");
        assertThat(shadow.toString()).contains("(shadow)");
    }

    @Test
    void policySetHashChangesWithContentAndRejectsDuplicateIds() {
        Policy a = new Named("a", "1");
        Policy a2 = new Named("a", "2");
        Policy b = new Named("b", "1");

        assertThat(PolicySet.of(List.of(a, b)).hash()).isEqualTo(PolicySet.of(List.of(a, b)).hash());
        assertThat(PolicySet.of(List.of(a, b)).hash()).isNotEqualTo(PolicySet.of(List.of(a2, b)).hash());
        assertThatThrownBy(() -> PolicySet.of(List.of(a, a2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policies must have distinct ids, but 'a' appears twice");
    }

    record Named(String id, String version) implements Policy {
        @Override
        public PolicyDecision evaluate(PolicyInput input) {
            return PolicyDecision.allow(this, PolicyStage.PRE);
        }
    }
}
