package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;

class AimsSpringAiTest {
    @Test
    void govern_nullModel() {
        assertThatThrownBy(() -> AimsSpringAi.govern(null, b -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("model");
    }

    @Test
    void govern_nullConfig() {
        assertThatThrownBy(() -> AimsSpringAi.govern(new EchoChatModel(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("config");
    }

    @Test
    void govern_configSettingTheDelegate() {
        assertThatThrownBy(() -> AimsSpringAi.govern(new EchoChatModel(), b -> b.delegate(r -> null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("config must not set the delegate: AimsSpringAi.govern sets it to the model it wraps"
                        + " (delegate was already set)");
    }

    @Test
    void govern_returnsAGovernedChatModel() {
        ChatModel governed = AimsSpringAi.govern(new EchoChatModel(), b -> { });

        assertThat(governed).isInstanceOf(GovernedChatModel.class);
    }
}
