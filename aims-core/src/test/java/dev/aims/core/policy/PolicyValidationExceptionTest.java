package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidationExceptionTest {
    @Test
    void listsEveryProblemInItsMessageAndLines() {
        PolicyValidationException e = new PolicyValidationException("p.json", List.of(
                new PolicyValidationException.Problem("$.version", "is required"),
                new PolicyValidationException.Problem("$.rules[0].limit", "must be an integer >= 0, but was -1")));
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.getMessage()).isEqualTo("policy p.json is invalid (2 problems):\n  $.version: is required\n"
                + "  $.rules[0].limit: must be an integer >= 0, but was -1");
        assertThat(e.lines()).containsExactly("p.json: $.version: is required",
                "p.json: $.rules[0].limit: must be an integer >= 0, but was -1");
    }

    @Test
    void needsAtLeastOneProblem() {
        assertThatThrownBy(() -> new PolicyValidationException("p.json", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a PolicyValidationException needs at least one problem");
    }
}
