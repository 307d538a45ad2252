package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaStoreSpecTest {
    static final String URI = "redis://127.0.0.1:6379";

    @Test
    void defaultsToDenyWithinFiftyMilliseconds() {
        QuotaStoreSpec s = QuotaStoreSpec.builder("redis", URI).build();
        assertThat(s.type()).isEqualTo("redis");
        assertThat(s.uri()).isEqualTo(URI);
        assertThat(s.onUnavailable()).isEqualTo(QuotaStoreSpec.OnUnavailable.DENY);
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.passwordEnv()).isEmpty();
        assertThat(s).hasToString("redis redis://127.0.0.1:6379 (on unavailable: deny, timeout 50 ms)");
    }

    @Test
    void equalSettingsAreEqual() {
        QuotaStoreSpec a = QuotaStoreSpec.builder("redis", URI).onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK)
                .timeout(Duration.ofMillis(20)).passwordEnv("AIMS_REDIS_PASSWORD").build();
        QuotaStoreSpec b = QuotaStoreSpec.builder("redis", URI).passwordEnv("AIMS_REDIS_PASSWORD")
                .timeout(Duration.ofMillis(20)).onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b)
                .isNotEqualTo(QuotaStoreSpec.builder("redis", URI).timeout(Duration.ofMillis(20)).build());
        assertThat(a.toString()).contains("password from $AIMS_REDIS_PASSWORD");
    }

    @Test
    void type_malformed() {
        assertThatThrownBy(() -> QuotaStoreSpec.builder("Redis!", URI)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type must be up to 40 lower-case letters, digits or '-', starting with a letter, but"
                        + " was a string of 6 characters");
    }

    @Test
    void uri_withCredentialsIsRefusedWithoutShowingThem() {
        Throwable t = catchThrowable(() -> QuotaStoreSpec.builder("redis", "redis://:s3cret-pw@cache:6379"));
        assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uri must not carry"
                + " credentials (the value is not shown)");
        assertThat(t.getMessage()).doesNotContain("s3cret").doesNotContain("cache");
        Throwable q = catchThrowable(() -> QuotaStoreSpec.builder("redis", "redis://cache:6379?password=s3cret"));
        assertThat(q.getMessage()).startsWith("uri must not carry a password parameter").doesNotContain("s3cret");
    }

    @Test
    void uri_withoutScheme() {
        assertThatThrownBy(() -> QuotaStoreSpec.builder("redis", "127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("uri must");
        assertThatThrownBy(() -> QuotaStoreSpec.builder("redis", "cache-host"))
                .hasMessage("uri must have a scheme, such as redis://127.0.0.1:6379, but was a string of 10"
                        + " characters");
    }

    @Test
    void uri_null() {
        assertThatThrownBy(() -> QuotaStoreSpec.builder("redis", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("uri");
    }

    @Test
    void timeout_outOfRange() {
        QuotaStoreSpec.Builder b = QuotaStoreSpec.builder("redis", URI);
        assertThatThrownBy(() -> b.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be from 1 ms to 60000 ms, but was 0 ms");
        assertThatThrownBy(() -> b.timeout(Duration.ofSeconds(61)))
                .hasMessage("timeout must be from 1 ms to 60000 ms, but was 61000 ms");
    }

    @Test
    void timeout_twice() {
        QuotaStoreSpec.Builder b = QuotaStoreSpec.builder("redis", URI).timeout(Duration.ofMillis(10));
        assertThatThrownBy(() -> b.timeout(Duration.ofMillis(20))).isInstanceOf(IllegalStateException.class)
                .hasMessage("timeout was already set to 10 ms");
    }

    @Test
    void onUnavailable_twice() {
        QuotaStoreSpec.Builder b = QuotaStoreSpec.builder("redis", URI)
                .onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK);
        assertThatThrownBy(() -> b.onUnavailable(QuotaStoreSpec.OnUnavailable.DENY))
                .isInstanceOf(IllegalStateException.class).hasMessage("onUnavailable was already set to fallback");
    }

    @Test
    void passwordEnv_malformed() {
        assertThatThrownBy(() -> QuotaStoreSpec.builder("redis", URI).passwordEnv("1-PASS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("passwordEnv must be an environment variable name (letters, digits, '_', not starting"
                        + " with a digit), but was a string of 6 characters");
    }

    @Test
    void passwordEnv_twice() {
        QuotaStoreSpec.Builder b = QuotaStoreSpec.builder("redis", URI).passwordEnv("A");
        assertThatThrownBy(() -> b.passwordEnv("B")).isInstanceOf(IllegalStateException.class)
                .hasMessage("passwordEnv was already set to A");
    }
}
