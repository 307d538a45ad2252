package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

class ResponseTranslatorTest {
    static final String EMAIL = "alice.smith@example.org";

    @Test
    void responsesCarryUsageFinishReasonIdAndModelBothWays() {
        ChatResponse response = new ChatResponse(List.of(new Generation(AssistantMessage.builder()
                .content("Done for <EMAIL_1>").toolCalls(List.of(new AssistantMessage.ToolCall("c2", "function",
                        "send", "{\"to\":\"<EMAIL_1>\"}"))).build(),
                ChatGenerationMetadata.builder().finishReason("TOOL_CALLS").build())),
                ChatResponseMetadata.builder().id("resp-7").model("gpt-4o-2024").usage(new DefaultUsage(12, 5))
                        .build());

        AiResponse aims = ResponseTranslator.toAims(response);
        assertThat(aims.usage()).isEqualTo(Usage.of(12, 5));
        assertThat(aims.finishReasons()).containsExactly(FinishReason.TOOL_CALLS);
        assertThat(aims.responseId()).contains("resp-7");
        assertThat(aims.model()).contains("gpt-4o-2024");

        ChatResponse back = ResponseTranslator.toSpring(aims.mapText(s -> s.replace("<EMAIL_1>", EMAIL)), response);
        assertThat(back.getResult().getOutput().getText()).isEqualTo("Done for " + EMAIL);
        assertThat(back.getResult().getOutput().getToolCalls().get(0).arguments())
                .isEqualTo("{\"to\":\"" + EMAIL + "\"}");
        assertThat(back.getMetadata()).isSameAs(response.getMetadata());
        assertThat(back.getResult().getMetadata()).isSameAs(response.getResult().getMetadata());
    }

    @Test
    void aResponseFromAnInterceptorThatSkippedTheProviderIsBuiltFromTheAimsForm() {
        AiResponse cached = AiResponse.builder().message(Message.assistant("cached")).usage(Usage.of(3, 4))
                .finishReason(FinishReason.LENGTH).responseId("c-1").model("m").build();

        ChatResponse out = ResponseTranslator.toSpring(cached, null);

        assertThat(out.getResult().getOutput().getText()).isEqualTo("cached");
        assertThat(out.getResult().getMetadata().getFinishReason()).isEqualTo("LENGTH");
        assertThat(out.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
        assertThat(out.getMetadata().getId()).isEqualTo("c-1");
    }

    @Test
    void finishReasonsOfTheCommonProvidersAreMapped() {
        assertThat(ResponseTranslator.finishReason("STOP")).isEqualTo(FinishReason.STOP);
        assertThat(ResponseTranslator.finishReason("end_turn")).isEqualTo(FinishReason.STOP);
        assertThat(ResponseTranslator.finishReason("max_tokens")).isEqualTo(FinishReason.LENGTH);
        assertThat(ResponseTranslator.finishReason("tool_use")).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(ResponseTranslator.finishReason("SAFETY")).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(ResponseTranslator.finishReason("weird")).isEqualTo(FinishReason.OTHER);
    }

    @Test
    void unknownModelClassesNameNoProvider() {
        assertThat(GovernedChatModel.providerName(new EchoChatModel())).isNull();
    }
}
