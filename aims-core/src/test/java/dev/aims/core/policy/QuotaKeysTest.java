package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaKeysTest {
    @Test
    void buildsThePrefixedKeyOncePerSubject() {
        QuotaKeys keys = new QuotaKeys("token-budget/b/tenant/");

        String first = keys.of("acme");

        assertThat(first).isEqualTo("token-budget/b/tenant/acme");
        assertThat(keys.of(new String("acme"))).isSameAs(first);
        assertThat(keys.of("")).isEqualTo("token-budget/b/tenant/");
        assertThat(keys.cached()).isEqualTo(2);
    }

    @Test
    void keepsAtMostTheBoundButStillAnswersNewSubjects() {
        QuotaKeys keys = new QuotaKeys("p/");
        for (int i = 0; i < QuotaKeys.MAX_CACHED + 100; i++) {
            assertThat(keys.of("u-" + i)).isEqualTo("p/u-" + i);
        }

        assertThat(keys.cached()).isEqualTo(QuotaKeys.MAX_CACHED);
        assertThat(keys.of("u-" + (QuotaKeys.MAX_CACHED + 50))).isEqualTo("p/u-" + (QuotaKeys.MAX_CACHED + 50));
    }
}
