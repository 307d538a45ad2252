package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageTest {
    @Test
    void theTwoCountFormsHaveNoDetailCounts() {
        Usage u = new Usage(12, 3);

        assertThat(u).isEqualTo(Usage.of(12, 3));
        assertThat(u.cacheReadInputTokens()).isZero();
        assertThat(u.cacheCreationInputTokens()).isZero();
        assertThat(u.reasoningOutputTokens()).isZero();
        assertThat(u.totalTokens()).isEqualTo(15);
    }

    @Test
    void detailCountsAreKeptAndDoNotChangeTheTotal() {
        Usage u = Usage.of(100, 40).withCache(60, 10).withReasoning(25);

        assertThat(u).isEqualTo(new Usage(100, 40, 60, 10, 25));
        assertThat(u.totalTokens()).isEqualTo(140);
    }

    @Test
    void everyNegativeCountIsRefusedByName() {
        assertThatThrownBy(() -> Usage.of(0, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usage.outputTokens must be >= 0, but was -2");
        assertThatThrownBy(() -> Usage.of(1, 1).withCache(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usage.cacheReadInputTokens must be >= 0, but was -1");
        assertThatThrownBy(() -> Usage.of(1, 1).withCache(0, -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usage.cacheCreationInputTokens must be >= 0, but was -3");
        assertThatThrownBy(() -> Usage.of(1, 1).withReasoning(-4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usage.reasoningOutputTokens must be >= 0, but was -4");
    }
}
