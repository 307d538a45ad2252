package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInPoliciesTest {
    static PolicyInput pre(AiRequest request) {
        return new PolicyInput(PolicyStage.PRE, "c-1", request, CallContext.EMPTY, List.of(), null, List.of(),
                Redactor.none().open(), Instant.EPOCH);
    }

    @Test
    void allowListMatchesExactNamesAndGlobs() {
        ModelAllowList list = ModelAllowList.of("gpt-4o", "claude-3-?-*", "*-local");

        assertThat(list.allows("gpt-4o")).isTrue();
        assertThat(list.allows("gpt-4o-mini")).isFalse();
        assertThat(list.allows("claude-3-5-sonnet")).isTrue();
        assertThat(list.allows("claude-3-55-sonnet")).isFalse();
        assertThat(list.allows("llama-local")).isTrue();
    }

    @Test
    void allowListDeniesWithModelNameAndReason() {
        PolicyDecision d = ModelAllowList.of("gpt-4o").evaluate(pre(AiRequest.of("o1", "x")));

        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.DENY);
        assertThat(d.reasonCode()).isEqualTo("model_not_allowed");
        assertThat(d.message()).contains("'o1'");
    }

    @Test
    void allowListRejectsBadInput() {
        assertThatThrownBy(() -> ModelAllowList.of()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models");
        assertThatThrownBy(() -> ModelAllowList.of("gpt", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("glob must not be blank, but was ' '");
        assertThatThrownBy(() -> ModelAllowList.of(" ", "1", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id must not be blank");
    }

    @Test
    void maxInputSizeCountsAllText() {
        MaxInputSize max = MaxInputSize.chars(5);

        assertThat(max.evaluate(pre(AiRequest.of("m", "12345"))).effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        PolicyDecision d = max.evaluate(pre(AiRequest.of("m", "123456")));
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.DENY);
        assertThat(d.message()).isEqualTo("input has 6 characters, the limit is 5");
    }

    @Test
    void maxInputSizeRejectsNonPositiveLimit() {
        assertThatThrownBy(() -> MaxInputSize.chars(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxChars must be > 0, but was 0");
    }

    @Test
    void predicatePolicyAllowsOrDenies() {
        var p = Policies.of("needs-principal", in -> in.context().principal().isPresent(), "no_principal");

        PolicyDecision d = p.evaluate(pre(AiRequest.of("m", "x")));

        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.DENY);
        assertThat(d.reasonCode()).isEqualTo("no_principal");
        assertThat(d.policyId()).isEqualTo("needs-principal");
    }

    @Test
    void globMatchesWithoutBacktrackingBlowUp() {
        Glob g = Glob.of("*a*a*a*a*a*a*a*b");

        assertThat(g.matches("a".repeat(5000))).isFalse();
        assertThat(g.matches("a".repeat(50) + "b")).isTrue();
        assertThat(Glob.of("a?c").matches("abc")).isTrue();
        assertThat(Glob.of("a?c").matches("ac")).isFalse();
    }
}
