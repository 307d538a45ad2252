package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiResponse;
import dev.aims.api.Redactor;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class GovernedClientBuilderTest {
    @Test
    void build_withoutDelegate() {
        assertThatThrownBy(() -> GovernedClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delegate must be set");
    }

    @Test
    void delegate_twice() {
        assertThatThrownBy(() -> GovernedClient.builder().delegate(r -> AiResponse.of("a"))
                .delegate(r -> AiResponse.of("b"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("delegate was already set");
    }

    @Test
    void delegate_null() {
        assertThatThrownBy(() -> GovernedClient.builder().delegate(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("delegate");
    }

    @Test
    void redactor_twice() {
        assertThatThrownBy(() -> GovernedClient.builder().redactor(Redactor.none()).redactor(Redactor.none()))
                .isInstanceOf(IllegalStateException.class).hasMessage("redactor was already set");
    }

    @Test
    void clock_twice() {
        assertThatThrownBy(() -> GovernedClient.builder().clock(Clock.systemUTC()).clock(Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessage("clock was already set");
    }

    @Test
    void provider_blank() {
        assertThatThrownBy(() -> GovernedClient.builder().provider(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("provider must not be blank, but was ' '");
    }

    @Test
    void server_portOutOfRange() {
        assertThatThrownBy(() -> GovernedClient.builder().server("api.openai.com", 70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server port must be in [1, 65535], but was 70000");
    }

    @Test
    void digestKey_tooShort() {
        assertThatThrownBy(() -> GovernedClient.builder().digestKey(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("digestKey must be at least 16 bytes, but was 8");
    }

    @Test
    void policy_duplicateId() {
        assertThatThrownBy(() -> GovernedClient.builder().policy(ModelAllowList.of("a"))
                .policy(ModelAllowList.of("b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy id 'model-allow-list' was already added");
    }
}
