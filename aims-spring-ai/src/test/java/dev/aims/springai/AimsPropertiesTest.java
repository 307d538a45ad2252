package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.Operator;
import dev.aims.core.policy.QuotaStoreSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AimsPropertiesTest {
    @Test
    void operatorKeysAreNormalisedToEntityTypeNames() {
        AimsProperties.Redaction r = new AimsProperties.Redaction(true, Operator.PSEUDONYMIZE,
                Map.of("email-address", Operator.MASK, "CREDIT_CARD", Operator.HASH));

        assertThat(r.operators()).containsExactly(Map.entry("CREDIT_CARD", Operator.HASH),
                Map.entry("EMAIL_ADDRESS", Operator.MASK));
    }

    @Test
    void missingValuesTakeTheirDefaults() {
        assertThat(new AimsProperties.Models(null).allow()).isEmpty();
        AimsProperties.Redaction r = new AimsProperties.Redaction(true, null, null);
        assertThat(r.operators()).isEmpty();
        assertThat(r.defaultOperator()).isEqualTo(Operator.PSEUDONYMIZE);
    }

    @Test
    void quotaStoreSettingsBecomeASpec() {
        AimsProperties.QuotaStoreSettings q = new AimsProperties.QuotaStoreSettings("redis", "redis://cache:6379",
                QuotaStoreSpec.OnUnavailable.FALLBACK, Duration.ofMillis(20), "AIMS_REDIS_PASSWORD");
        assertThat(q.toSpec()).isEqualTo(QuotaStoreSpec.builder("redis", "redis://cache:6379")
                .onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK).timeout(Duration.ofMillis(20))
                .passwordEnv("AIMS_REDIS_PASSWORD").build());
        assertThat(new AimsProperties.QuotaStoreSettings(null, null, null, null, null).toSpec()).isNull();
    }

    @Test
    void quotaStoreSettingsThatAreIncompleteOrMalformedNameTheProperty() {
        assertThatThrownBy(() -> new AimsProperties.QuotaStoreSettings(null, "redis://cache:6379", null, null, null)
                .toSpec()).isInstanceOf(IllegalStateException.class).hasMessage("aims.quota-store.type must be set"
                        + " (e.g. redis) when other aims.quota-store properties are");
        assertThatThrownBy(() -> new AimsProperties.QuotaStoreSettings("redis", null, null, null, null).toSpec())
                .hasMessage("aims.quota-store.uri must be set for the redis store");
        assertThatThrownBy(() -> new AimsProperties.QuotaStoreSettings("redis", "redis://cache:6379", null,
                Duration.ZERO, null).toSpec())
                .hasMessage("aims.quota-store.timeout must be from 1 ms to 60000 ms, but was 0 ms");
        assertThatThrownBy(() -> new AimsProperties.QuotaStoreSettings("redis", "redis://:pw-123@cache:6379", null,
                null, null).toSpec()).hasMessageStartingWith("aims.quota-store.uri must not carry credentials")
                .hasMessageNotContaining("pw-123");
    }
}
