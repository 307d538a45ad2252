package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

class TranslatorTest {
    static final String EMAIL = "alice.smith@example.org";
    static final Media IMAGE = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2, 3}).build();
    static final ChatOptions DEFAULTS = ChatOptions.builder().model("gpt-4o-mini").temperature(0.2).build();

    static Prompt conversation() {
        return new Prompt(List.of(
                SystemMessage.builder().text("You help " + EMAIL).metadata(Map.of("k", "v")).build(),
                UserMessage.builder().text("Mail " + EMAIL).media(IMAGE).build(),
                AssistantMessage.builder().content("Looking up").toolCalls(List.of(new AssistantMessage.ToolCall(
                        "call_1", "function", "lookupOrders", "{\"email\":\"" + EMAIL + "\"}"))).build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("call_1", "lookupOrders", "order 42 for " + EMAIL),
                        new ToolResponseMessage.ToolResponse("call_2", "lookupRefunds", "none"))).build()),
                ChatOptions.builder().maxTokens(100).build());
    }

    @Test
    void everyMessageKindBecomesItsAimsFormWithMediaCounted() {
        AiRequest r = Translator.toAims(conversation(), DEFAULTS, "openai", false).request();

        assertThat(r.messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL);
        assertThat(r.messages().get(1).texts()).containsExactly("Mail " + EMAIL);
        assertThat(r.messages().get(1).uninspectedParts()).isEqualTo(1);
        assertThat(r.messages().get(2).toolCalls())
                .containsExactly(ToolCall.of("call_1", "lookupOrders", "{\"email\":\"" + EMAIL + "\"}"));
        assertThat(r.messages().get(3).toolResult().orElseThrow().text()).isEqualTo("order 42 for " + EMAIL);
        assertThat(r.messages().get(4).toolResult().orElseThrow().toolCallId()).isEqualTo("call_2");
    }

    @Test
    void parametersAreThePromptsElseTheModelDefaults() {
        AiRequest r = Translator.toAims(conversation(), DEFAULTS, "openai", true).request();

        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.maxTokens()).contains(100);
        assertThat(r.temperature()).contains(0.2);
        assertThat(r.stream()).isTrue();
        assertThat(r.provider()).contains("openai");
    }

    @Test
    void aPromptWithoutAnyModelNameIsNamedUnknown() {
        assertThat(Translator.toAims(new Prompt("hi"), null, null, false).request().model())
                .isEqualTo(Translator.UNKNOWN_MODEL);
    }

    @Test
    void anUnchangedPromptLeavesAsTheOriginalInstance() {
        Translator.Translated t = Translator.toAims(conversation(), DEFAULTS, "openai", false);

        assertThat(Translator.toSpring(t.request(), t)).isSameAs(t.original());
    }

    @Test
    void redactedTextsReplaceOnlyTheTextsAndEverythingElseTravelsUntouched() {
        Translator.Translated t = Translator.toAims(conversation(), DEFAULTS, "openai", false);
        AiRequest redacted = t.request().mapText(s -> s.contains(EMAIL) ? s.replace(EMAIL, "<EMAIL_1>") : s);

        Prompt out = Translator.toSpring(redacted, t);

        assertThat(out.getInstructions()).hasSize(4);
        assertThat(out.getInstructions().toString()).doesNotContain(EMAIL);
        assertThat(out.getInstructions().get(0).getText()).isEqualTo("You help <EMAIL_1>");
        assertThat(out.getInstructions().get(0).getMetadata()).containsEntry("k", "v");
        UserMessage user = (UserMessage) out.getInstructions().get(1);
        assertThat(user.getText()).isEqualTo("Mail <EMAIL_1>");
        assertThat(user.getMedia()).containsExactly(IMAGE);
        AssistantMessage ai = (AssistantMessage) out.getInstructions().get(2);
        assertThat(ai.getText()).isEqualTo("Looking up");
        assertThat(ai.getToolCalls().get(0).arguments()).isEqualTo("{\"email\":\"<EMAIL_1>\"}");
        ToolResponseMessage tool = (ToolResponseMessage) out.getInstructions().get(3);
        assertThat(tool.getResponses()).extracting(ToolResponseMessage.ToolResponse::responseData)
                .containsExactly("order 42 for <EMAIL_1>", "none");
        assertThat(out.getOptions()).isSameAs(t.original().getOptions());
    }

    @Test
    void aModelChangedByPolicyOverridesOnlyThatOption() {
        Translator.Translated t = Translator.toAims(conversation(), DEFAULTS, "openai", false);

        Prompt out = Translator.toSpring(t.request().toBuilder().model("gpt-4o-nano").build(), t);

        assertThat(out.getOptions().getModel()).isEqualTo("gpt-4o-nano");
        assertThat(out.getOptions().getMaxTokens()).isEqualTo(100);
        assertThat(out.getInstructions()).isEqualTo(t.original().getInstructions());
    }

    @Test
    void aConversationReshapedByPolicyIsBuiltAfresh() {
        Translator.Translated t = Translator.toAims(conversation(), DEFAULTS, "openai", false);
        AiRequest reshaped = t.request().toBuilder().messages(List.of(Message.system("Be brief"),
                Message.user("Summarise"))).build();

        Prompt out = Translator.toSpring(reshaped, t);

        assertThat(out.getInstructions()).extracting(m -> m.getText()).containsExactly("Be brief", "Summarise");
    }

    @Test
    void responsesCarryUsageFinishReasonIdAndModelBothWays() {
        ChatResponse response = new ChatResponse(List.of(new Generation(AssistantMessage.builder()
                .content("Done for <EMAIL_1>").toolCalls(List.of(new AssistantMessage.ToolCall("c2", "function",
                        "send", "{\"to\":\"<EMAIL_1>\"}"))).build(),
                ChatGenerationMetadata.builder().finishReason("TOOL_CALLS").build())),
                ChatResponseMetadata.builder().id("resp-7").model("gpt-4o-2024").usage(new DefaultUsage(12, 5))
                        .build());

        AiResponse aims = Translator.toAims(response);
        assertThat(aims.usage()).isEqualTo(Usage.of(12, 5));
        assertThat(aims.finishReasons()).containsExactly(FinishReason.TOOL_CALLS);
        assertThat(aims.responseId()).contains("resp-7");
        assertThat(aims.model()).contains("gpt-4o-2024");

        ChatResponse back = Translator.toSpring(aims.mapText(s -> s.replace("<EMAIL_1>", EMAIL)), response);
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

        ChatResponse out = Translator.toSpring(cached, null);

        assertThat(out.getResult().getOutput().getText()).isEqualTo("cached");
        assertThat(out.getResult().getMetadata().getFinishReason()).isEqualTo("LENGTH");
        assertThat(out.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
        assertThat(out.getMetadata().getId()).isEqualTo("c-1");
    }

    @Test
    void finishReasonsOfTheCommonProvidersAreMapped() {
        assertThat(Translator.finishReason("STOP")).isEqualTo(FinishReason.STOP);
        assertThat(Translator.finishReason("end_turn")).isEqualTo(FinishReason.STOP);
        assertThat(Translator.finishReason("max_tokens")).isEqualTo(FinishReason.LENGTH);
        assertThat(Translator.finishReason("tool_use")).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(Translator.finishReason("SAFETY")).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(Translator.finishReason("weird")).isEqualTo(FinishReason.OTHER);
    }

    @Test
    void unknownModelClassesNameNoProvider() {
        assertThat(Translator.providerName(new EchoChatModel())).isNull();
    }

    @Test
    void aNullPromptIsRejectedNamingIt() {
        assertThatThrownBy(() -> Translator.toAims(null, DEFAULTS, null, false))
                .isInstanceOf(NullPointerException.class).hasMessage("prompt");
    }
}
