package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranslatorTest {
    static final String EMAIL = "alice.smith@example.org";
    static final ImageContent IMAGE = new ImageContent("https://example.org/receipt.png");
    static final ChatRequestParameters DEFAULTS = DefaultChatRequestParameters.builder().modelName("gpt-4o-mini")
            .temperature(0.2).build();

    static ChatRequest conversation() {
        ToolExecutionRequest lookup = ToolExecutionRequest.builder().id("call_1").name("lookupOrders")
                .arguments("{\"email\":\"" + EMAIL + "\"}").build();
        return ChatRequest.builder()
                .messages(List.of(
                        SystemMessage.from("You help " + EMAIL),
                        UserMessage.builder().name("alice").contents(List.of(TextContent.from("Mail " + EMAIL),
                                IMAGE, TextContent.from("thanks"))).build(),
                        AiMessage.builder().text("Looking up").thinking("the user is " + EMAIL)
                                .toolExecutionRequests(List.of(lookup)).build(),
                        ToolExecutionResultMessage.from(lookup, "order 42 for " + EMAIL),
                        CustomMessage.from(Map.of("k", "v"))))
                .parameters(DefaultChatRequestParameters.builder().maxOutputTokens(100)
                        .toolSpecifications(ToolSpecification.builder().name("lookupOrders").description("Finds")
                                .parameters(JsonObjectSchema.builder().addStringProperty("email").build()).build())
                        .build())
                .build();
    }

    @Test
    void everyMessageKindBecomesItsAimsFormWithNonTextPartsCounted() {
        AiRequest r = Translator.toAims(conversation(), DEFAULTS, "openai", false).request();

        assertThat(r.messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(r.messages().get(1).texts()).containsExactly("Mail " + EMAIL, "thanks");
        assertThat(r.messages().get(1).uninspectedParts()).isEqualTo(1);
        assertThat(r.messages().get(2).texts()).containsExactly("Looking up", "the user is " + EMAIL);
        assertThat(r.messages().get(2).toolCalls())
                .containsExactly(ToolCall.of("call_1", "lookupOrders", "{\"email\":\"" + EMAIL + "\"}"));
        assertThat(r.messages().get(3).toolResult().orElseThrow().toolCallId()).isEqualTo("call_1");
        assertThat(r.messages().get(3).toolResult().orElseThrow().text()).isEqualTo("order 42 for " + EMAIL);
        assertThat(r.messages().get(4).uninspectedParts()).isEqualTo(1);
        assertThat(r.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("lookupOrders");
            assertThat(t.parametersSchema()).contains("\"email\"");
        });
    }

    @Test
    void parametersAreTheRequestsElseTheModelDefaults() {
        AiRequest r = Translator.toAims(conversation(), DEFAULTS, "openai", true).request();

        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.temperature()).contains(0.2);
        assertThat(r.maxTokens()).contains(100);
        assertThat(r.provider()).contains("openai");
        assertThat(r.stream()).isTrue();
    }

    @Test
    void aRequestWithoutAnyModelNameIsNamedUnknown() {
        ChatRequest bare = ChatRequest.builder().messages(UserMessage.from("hi")).build();

        assertThat(Translator.toAims(bare, DefaultChatRequestParameters.EMPTY, null, false).request().model())
                .isEqualTo(Translator.UNKNOWN_MODEL);
    }

    @Test
    void aModelWithoutDefaultsIsTranslatedFromTheRequestAlone() {
        AiRequest r = Translator.toAims(conversation(), null, null, false).request();

        assertThat(r.model()).isEqualTo(Translator.UNKNOWN_MODEL);
        assertThat(r.maxTokens()).contains(100);
    }

    @Test
    void anUnchangedRequestLeavesAsTheOriginalInstance() {
        Translator.Translated t = Translator.toAims(conversation(), DEFAULTS, "openai", false);

        assertThat(Translator.toLangChain4j(t.request(), t)).isSameAs(t.original());
    }

    @Test
    void redactedTextsReplaceOnlyTheTextsAndEverythingElseTravelsUntouched() {
        Translator.Translated t = Translator.toAims(conversation(), DEFAULTS, "openai", false);
        AiRequest redacted = t.request().mapText(s -> s.contains(EMAIL) ? s.replace(EMAIL, "<EMAIL_1>") : s);

        ChatRequest out = Translator.toLangChain4j(redacted, t);

        assertThat(out.toString()).doesNotContain(EMAIL);
        List<ChatMessage> m = out.messages();
        assertThat(((SystemMessage) m.get(0)).text()).isEqualTo("You help <EMAIL_1>");
        UserMessage user = (UserMessage) m.get(1);
        assertThat(user.name()).isEqualTo("alice");
        assertThat(user.contents()).containsExactly(TextContent.from("Mail <EMAIL_1>"), IMAGE,
                TextContent.from("thanks"));
        AiMessage ai = (AiMessage) m.get(2);
        assertThat(ai.text()).isEqualTo("Looking up");
        assertThat(ai.thinking()).isEqualTo("the user is <EMAIL_1>");
        assertThat(ai.toolExecutionRequests().get(0).arguments()).isEqualTo("{\"email\":\"<EMAIL_1>\"}");
        assertThat(ai.toolExecutionRequests().get(0).id()).isEqualTo("call_1");
        ToolExecutionResultMessage tool = (ToolExecutionResultMessage) m.get(3);
        assertThat(tool.text()).isEqualTo("order 42 for <EMAIL_1>");
        assertThat(tool.id()).isEqualTo("call_1");
        assertThat(m.get(4)).isSameAs(t.original().messages().get(4));
        assertThat(out.parameters()).isSameAs(t.original().parameters());
    }

    @Test
    void aModelChangedByPolicyOverridesOnlyThatParameter() {
        Translator.Translated t = Translator.toAims(conversation(), DEFAULTS, "openai", false);
        AiRequest downgraded = t.request().toBuilder().model("gpt-4o-nano").build();

        ChatRequest out = Translator.toLangChain4j(downgraded, t);

        assertThat(out.modelName()).isEqualTo("gpt-4o-nano");
        assertThat(out.maxOutputTokens()).isEqualTo(100);
        assertThat(out.toolSpecifications()).hasSize(1);
        assertThat(out.messages()).isEqualTo(t.original().messages());
    }

    @Test
    void aConversationReshapedByPolicyIsBuiltAfresh() {
        Translator.Translated t = Translator.toAims(conversation(), DEFAULTS, "openai", false);
        AiRequest reshaped = t.request().toBuilder().messages(List.of(Message.system("Be brief"),
                Message.user("Summarise"))).build();

        ChatRequest out = Translator.toLangChain4j(reshaped, t);

        assertThat(out.messages()).containsExactly(SystemMessage.from("Be brief"), UserMessage.from("Summarise"));
    }

    @Test
    void responsesCarryUsageFinishReasonIdAndModelBothWays() {
        ChatResponse response = ChatResponse.builder()
                .aiMessage(AiMessage.builder().text("Done for <EMAIL_1>").toolExecutionRequests(List.of(
                        ToolExecutionRequest.builder().id("c2").name("send").arguments("{\"to\":\"<EMAIL_1>\"}")
                                .build())).build())
                .id("resp-7").modelName("gpt-4o-2024").tokenUsage(new TokenUsage(12, 5))
                .finishReason(dev.langchain4j.model.output.FinishReason.TOOL_EXECUTION).build();

        AiResponse aims = Translator.toAims(response);
        assertThat(aims.usage()).isEqualTo(Usage.of(12, 5));
        assertThat(aims.finishReasons()).containsExactly(FinishReason.TOOL_CALLS);
        assertThat(aims.responseId()).contains("resp-7");
        assertThat(aims.model()).contains("gpt-4o-2024");

        ChatResponse back = Translator.toLangChain4j(aims.mapText(s -> s.replace("<EMAIL_1>", EMAIL)), response);
        assertThat(back.aiMessage().text()).isEqualTo("Done for " + EMAIL);
        assertThat(back.aiMessage().toolExecutionRequests().get(0).arguments()).isEqualTo("{\"to\":\"" + EMAIL
                + "\"}");
        assertThat(back.metadata()).isSameAs(response.metadata());
    }

    @Test
    void aResponseFromAnInterceptorThatSkippedTheProviderIsBuiltFromTheAimsForm() {
        AiResponse cached = AiResponse.builder().message(Message.assistant("cached answer")).usage(Usage.of(3, 4))
                .finishReason(FinishReason.LENGTH).responseId("c-1").model("m").build();

        ChatResponse out = Translator.toLangChain4j(cached, null);

        assertThat(out.aiMessage().text()).isEqualTo("cached answer");
        assertThat(out.tokenUsage().inputTokenCount()).isEqualTo(3);
        assertThat(out.finishReason()).isEqualTo(dev.langchain4j.model.output.FinishReason.LENGTH);
        assertThat(out.id()).isEqualTo("c-1");
    }

    @Test
    void providerNamesFollowTheGenAiConventions() {
        assertThat(Translator.providerName(ModelProvider.OPEN_AI)).isEqualTo("openai");
        assertThat(Translator.providerName(ModelProvider.AMAZON_BEDROCK)).isEqualTo("aws.bedrock");
        assertThat(Translator.providerName(ModelProvider.OTHER)).isNull();
    }

    @Test
    void aNullRequestIsRejectedNamingIt() {
        assertThatThrownBy(() -> Translator.toAims(null, DEFAULTS, null, false))
                .isInstanceOf(NullPointerException.class).hasMessage("chatRequest");
    }
}
