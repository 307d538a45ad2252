package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

class AimsLangChain4jTest {
    final ChatModel model = new ChatModel() {
        @Override
        public ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
        }
    };
    final StreamingChatModel streaming = new StreamingChatModel() {
    };

    @Test
    void govern_nullModel() {
        assertThatThrownBy(() -> AimsLangChain4j.govern((ChatModel) null, b -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("model");
        assertThatThrownBy(() -> AimsLangChain4j.govern((StreamingChatModel) null, b -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("model");
    }

    @Test
    void govern_nullConfig() {
        assertThatThrownBy(() -> AimsLangChain4j.govern(model, null))
                .isInstanceOf(NullPointerException.class).hasMessage("config");
        assertThatThrownBy(() -> AimsLangChain4j.govern(streaming, null))
                .isInstanceOf(NullPointerException.class).hasMessage("config");
    }

    @Test
    void govern_configSettingTheDelegate() {
        assertThatThrownBy(() -> AimsLangChain4j.govern(model, b -> b.delegate(r -> null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("config must not set the delegate: AimsLangChain4j.govern sets it to the model it wraps"
                        + " (delegate was already set)");
        assertThatThrownBy(() -> AimsLangChain4j.govern(streaming, b -> b.streamingDelegate((r, h) -> { })))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("streamingDelegate was already set");
    }

    @Test
    void govern_configSettingSomethingTwice() {
        assertThatThrownBy(() -> AimsLangChain4j.govern(model, b -> b.provider("a").provider("b")))
                .isInstanceOf(IllegalStateException.class).hasMessage("provider was already set");
    }
}
