package dev.aims.evidence.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {
    @Test
    void matchesStarsAndQuestionMarks() {
        assertThat(Glob.matches("gpt-4o*", "gpt-4o-mini")).isTrue();
        assertThat(Glob.matches("gpt-4o*", "gpt-4o")).isTrue();
        assertThat(Glob.matches("gpt-4o*", "gpt-4")).isFalse();
        assertThat(Glob.matches("*-mini", "gpt-4o-mini")).isTrue();
        assertThat(Glob.matches("claude-?-*", "claude-3-opus")).isTrue();
        assertThat(Glob.matches("claude-?-*", "claude-35-opus")).isFalse();
        assertThat(Glob.matches("exact", "exact")).isTrue();
        assertThat(Glob.matches("exact", "exactly")).isFalse();
        assertThat(Glob.matches("a*b*c", "axxbyyc")).isTrue();
        assertThat(Glob.matches("a*b*c", "axxbyy")).isFalse();
    }
}
