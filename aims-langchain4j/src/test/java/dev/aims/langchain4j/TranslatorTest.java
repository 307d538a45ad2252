package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import dev.aims.api.Usage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TranslatorTest {
    static final String EMAIL = "alice.smith@example.org";
    static final UnaryOperator<String> REDACT = s -> s.contains(EMAIL) ? s.replace(EMAIL, "<EMAIL_1>") : s;
    static final ChatRequestParameters DEFAULTS = DefaultChatRequestParameters.builder().modelName("gpt-4o-mini")
            .temperature(0.2).build();
    static final ToolSpecification LOOKUP = ToolSpecification.builder().name("lookupOrders")
            .description("Finds the orders of a customer such as " + EMAIL)
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("email", "the customer's address, e.g. " + EMAIL)
                    .addProperty("kind", JsonEnumSchema.builder().enumValues("open", EMAIL).build())
                    .required("email").build())
            .strict(true).build();

    static ChatRequest conversation() {
        ToolExecutionRequest lookup = ToolExecutionRequest.builder().id("call_1").name("lookupOrders")
                .arguments("{\"email\":\"" + EMAIL + "\"}").build();
        return ChatRequest.builder()
                .messages(List.of(
                        SystemMessage.from("You help " + EMAIL),
                        UserMessage.builder().name(EMAIL).contents(List.of(TextContent.from("Mail " + EMAIL),
                                ImageContent.from("https://files.example.org/" + EMAIL + "/receipt.png"),
                                TextContent.from("thanks"))).build(),
                        AiMessage.builder().text("Looking up").thinking("the user is " + EMAIL)
                                .toolExecutionRequests(List.of(lookup)).build(),
                        ToolExecutionResultMessage.from(lookup, "order 42 for " + EMAIL),
                        CustomMessage.from(Map.of("k", "v"))))
                .parameters(DefaultChatRequestParameters.builder().maxOutputTokens(100).topK(5)
                        .stopSequences("Bye " + EMAIL).toolSpecifications(LOOKUP).toolChoice(ToolChoice.REQUIRED)
                        .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                                .jsonSchema(JsonSchema.builder().name("order_for_" + EMAIL).rootElement(
                                        JsonObjectSchema.builder().addStringProperty("owner", "e.g. " + EMAIL)
                                                .build()).build()).build())
                        .build())
                .build();
    }

    static AiRequest toAims(ChatRequest request) {
        return Translator.toAims(request, DEFAULTS, null, "openai", false);
    }

    static ChatRequest back(AiRequest governed) {
        return Translator.toLangChain4j(governed, governed.tag(Exchange.class));
    }

    @Test
    void everyMessageKindBecomesItsAimsFormWithWhatCannotBeReadCounted() {
        AiRequest r = toAims(conversation());

        assertThat(r.messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        Message user = r.messages().get(1);
        assertThat(user.name()).contains(EMAIL);
        assertThat(user.texts()).containsExactly("Mail " + EMAIL, "thanks");
        assertThat(user.mediaUrls()).containsExactly("https://files.example.org/" + EMAIL + "/receipt.png");
        assertThat(user.uninspectedParts()).isZero();
        assertThat(r.messages().get(2).texts()).containsExactly("Looking up", "the user is " + EMAIL);
        assertThat(r.messages().get(2).toolCalls())
                .containsExactly(ToolCall.of("call_1", "lookupOrders", "{\"email\":\"" + EMAIL + "\"}"));
        assertThat(r.messages().get(3).toolResult().orElseThrow().toolCallId()).isEqualTo("call_1");
        assertThat(r.messages().get(3).toolResult().orElseThrow().text()).isEqualTo("order 42 for " + EMAIL);
        assertThat(r.messages().get(4).uninspectedParts()).isEqualTo(1);
        assertThat(r.uninspectedParts()).isEqualTo(1);
    }

    @Test
    void mediaByUrlIsReadAndMediaInlineIsCountedAsUninspected() {
        UserMessage m = UserMessage.from(List.of(
                ImageContent.from("https://example.org/a.png"),
                AudioContent.from("https://example.org/a.mp3"),
                VideoContent.from("https://example.org/a.mp4"),
                PdfFileContent.from("https://example.org/a.pdf"),
                ImageContent.from("iVBORw0KGgo=", "image/png"),
                AudioContent.from("UklGRg==", "audio/wav"),
                ImageContent.from("data:image/png;base64,iVBORw0KGgo="),
                PdfFileContent.from(dev.langchain4j.data.pdf.PdfFile.builder().url("https://example.org/b.pdf")
                        .mimeType("application/x-" + "4111111111111111").build())));

        Message aims = Messages.toAims(m);

        assertThat(aims.mediaUrls()).containsExactly("https://example.org/a.png", "https://example.org/a.mp3",
                "https://example.org/a.mp4", "https://example.org/a.pdf");
        assertThat(aims.uninspectedParts()).isEqualTo(4);
    }

    @Test
    void attributesOfAiMessagesAndToolResultsAreUninspectedAndThoseOfUserMessagesAreNotSent() {
        AiMessage signed = AiMessage.builder().text("hm").attributes(Map.of("thinking_signature", "s1")).build();
        ToolExecutionResultMessage tagged = ToolExecutionResultMessage.builder().id("c").toolName("t").text("ok")
                .attributes(Map.of("k", "v")).build();
        UserMessage noted = UserMessage.builder().contents(List.of(TextContent.from("hi")))
                .attributes(Map.of("note", EMAIL)).build();

        assertThat(Messages.toAims(signed).uninspectedParts()).isEqualTo(1);
        assertThat(Messages.toAims(tagged).uninspectedParts()).isEqualTo(1);
        assertThat(Messages.toAims(noted).uninspectedParts()).isZero();
        AiRequest r = Translator.toAims(ChatRequest.builder().messages(noted).build(), null, null, null, false);
        assertThat(((UserMessage) back(r).messages().get(0)).attributes()).isEmpty();
    }

    @Test
    void parametersAreTheRequestsElseTheModelDefaults() {
        AiRequest r = Translator.toAims(conversation(), DEFAULTS, null, "openai", true);

        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.temperature()).contains(0.2);
        assertThat(r.maxTokens()).contains(100);
        assertThat(r.stopSequences()).containsExactly("Bye " + EMAIL);
        assertThat(r.provider()).contains("openai");
        assertThat(r.stream()).isTrue();
    }

    @Test
    void toolsBecomeDefinitionsWithTheirJsonSchemaAndTheResponseFormatItsSchema() {
        AiRequest r = toAims(conversation());

        ToolDefinition tool = r.tools().get(0);
        assertThat(tool.name()).isEqualTo("lookupOrders");
        assertThat(tool.description()).isEqualTo("Finds the orders of a customer such as " + EMAIL);
        assertThat(tool.parametersSchema()).isEqualTo("{\"type\":\"object\",\"properties\":{\"email\":"
                + "{\"type\":\"string\",\"description\":\"the customer's address, e.g. " + EMAIL + "\"},\"kind\":"
                + "{\"type\":\"string\",\"enum\":[\"open\",\"" + EMAIL + "\"]}},\"required\":[\"email\"]}");
        assertThat(r.responseFormat()).contains("{\"type\":\"object\",\"properties\":{\"owner\":"
                + "{\"type\":\"string\",\"description\":\"e.g. " + EMAIL + "\"}}}");
        assertThat(r.extras()).containsEntry(Parameters.RESPONSE_FORMAT_NAME, "\"order_for_" + EMAIL + "\"");
    }

    @Test
    void formatsWithoutSchemaAreNamed() {
        ChatRequest json = ChatRequest.builder().messages(UserMessage.from("hi")).responseFormat(ResponseFormat.JSON)
                .build();
        ChatRequest text = ChatRequest.builder().messages(UserMessage.from("hi")).responseFormat(ResponseFormat.TEXT)
                .build();

        assertThat(toAims(json).responseFormat()).contains("json_object");
        assertThat(toAims(text).responseFormat()).contains("text");
        assertThat(back(toAims(json)).responseFormat()).isEqualTo(ResponseFormat.JSON);
        assertThat(back(toAims(text)).responseFormat()).isEqualTo(ResponseFormat.TEXT);
    }

    @Test
    void aRequestWithoutAnyModelNameIsNamedUnknownAndLeavesWithoutOne() {
        ChatRequest bare = ChatRequest.builder().messages(UserMessage.from("hi")).build();
        AiRequest r = Translator.toAims(bare, DefaultChatRequestParameters.EMPTY, null, null, false);

        assertThat(r.model()).isEqualTo(Parameters.UNKNOWN_MODEL);
        assertThat(back(r).modelName()).isNull();
    }

    @Test
    void everyTextLeavesAsGovernanceLeftItAndOnlySettingsComeFromTheOriginal() {
        ChatRequest original = conversation();
        AiRequest redacted = toAims(original).mapText(REDACT);

        ChatRequest out = back(redacted);

        assertThat(out.toString()).doesNotContain(EMAIL);
        List<ChatMessage> m = out.messages();
        assertThat(((SystemMessage) m.get(0)).text()).isEqualTo("You help <EMAIL_1>");
        UserMessage user = (UserMessage) m.get(1);
        assertThat(user.name()).isEqualTo("<EMAIL_1>");
        assertThat(user.contents()).hasSize(3);
        assertThat(user.contents().get(0)).isEqualTo(TextContent.from("Mail <EMAIL_1>"));
        assertThat(((ImageContent) user.contents().get(1)).image().url())
                .isEqualTo(URI.create("https://files.example.org/%3CEMAIL_1%3E/receipt.png"));
        assertThat(user.contents().get(2)).isEqualTo(TextContent.from("thanks"));
        AiMessage ai = (AiMessage) m.get(2);
        assertThat(ai.text()).isEqualTo("Looking up");
        assertThat(ai.thinking()).isEqualTo("the user is <EMAIL_1>");
        assertThat(ai.toolExecutionRequests().get(0).arguments()).isEqualTo("{\"email\":\"<EMAIL_1>\"}");
        assertThat(ai.toolExecutionRequests().get(0).id()).isEqualTo("call_1");
        ToolExecutionResultMessage tool = (ToolExecutionResultMessage) m.get(3);
        assertThat(tool.text()).isEqualTo("order 42 for <EMAIL_1>");
        assertThat(tool.id()).isEqualTo("call_1");
        assertThat(tool.toolName()).isEqualTo("lookupOrders");
        assertThat(m.get(4)).isSameAs(original.messages().get(4));
        ChatRequestParameters p = out.parameters();
        assertThat(p.stopSequences()).containsExactly("Bye <EMAIL_1>");
        assertThat(p.modelName()).isEqualTo("gpt-4o-mini");
        assertThat(p.temperature()).isEqualTo(0.2);
        assertThat(p.maxOutputTokens()).isEqualTo(100);
        assertThat(p.topK()).isEqualTo(5);
        assertThat(p.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        ToolSpecification spec = p.toolSpecifications().get(0);
        assertThat(spec.description()).isEqualTo("Finds the orders of a customer such as <EMAIL_1>");
        assertThat(spec.parameters().properties().get("email").toString()).contains("e.g. <EMAIL_1>");
        assertThat(((JsonEnumSchema) spec.parameters().properties().get("kind")).enumValues())
                .containsExactly("open", "<EMAIL_1>");
        assertThat(spec.parameters().required()).containsExactly("email");
        assertThat(spec.strict()).isTrue();
        JsonSchema format = p.responseFormat().jsonSchema();
        assertThat(format.name()).isEqualTo("order_for_<EMAIL_1>");
        assertThat(format.rootElement().toString()).contains("e.g. <EMAIL_1>");
    }

    @Test
    void anUnchangedRequestLeavesEqualToTheOriginal() {
        ChatRequest original = ChatRequest.builder().messages(conversation().messages().subList(0, 4))
                .parameters(conversation().parameters()).build();
        AiRequest r = Translator.toAims(original, null, null, null, false);

        ChatRequest out = back(r);

        assertThat(out.messages()).isEqualTo(original.messages());
        assertThat(out.parameters()).isEqualTo(original.parameters());
    }

    @Test
    void aModelChangedByPolicyLeavesWithEverythingElse() {
        AiRequest downgraded = toAims(conversation()).toBuilder().model("gpt-4o-nano").build();

        ChatRequest out = back(downgraded);

        assertThat(out.modelName()).isEqualTo("gpt-4o-nano");
        assertThat(out.maxOutputTokens()).isEqualTo(100);
        assertThat(out.toolSpecifications()).hasSize(1);
        assertThat(out.messages()).hasSize(5);
    }

    @Test
    void aMessageAPolicyAddedIsBuiltAfreshAndTheOthersKeepTheirMedia() {
        AiRequest r = toAims(conversation());
        List<Message> messages = new java.util.ArrayList<>(r.messages());
        messages.add(0, Message.system("Be brief"));
        messages.remove(1);

        ChatRequest out = back(r.toBuilder().messages(messages).build());

        assertThat(out.messages()).hasSize(5);
        assertThat(out.messages().get(0)).isEqualTo(SystemMessage.from("Be brief"));
        assertThat(((UserMessage) out.messages().get(1)).contents().get(1)).isInstanceOf(ImageContent.class);
        assertThat(out.messages().get(4)).isInstanceOf(CustomMessage.class);
    }

    @Test
    void aMessageWithMediaThatMatchesNoOriginalIsRefusedNamingIt() {
        AiRequest r = toAims(conversation());
        AiRequest reshaped = r.toBuilder().messages(List.of(Message.builder(Role.USER).text("look")
                .mediaUrl("https://example.org/x.png").mediaUrl("https://example.org/y.png").build())).build();

        assertThatThrownBy(() -> back(reshaped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("messages[0] has media");
    }

    @Test
    void aDefaultTheDelegateWouldPutBackIsRefused() {
        ChatRequestParameters defaults = DefaultChatRequestParameters.builder().modelName("m")
                .stopSequences("Bye " + EMAIL).build();
        AiRequest r = Translator.toAims(ChatRequest.builder().messages(UserMessage.from("hi")).build(), defaults,
                null, null, false);
        AiRequest withoutStops = r.toBuilder().stopSequences(List.of()).build();

        assertThat(back(r.mapText(REDACT)).stopSequences()).containsExactly("Bye <EMAIL_1>");
        assertThatThrownBy(() -> back(withoutStops)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[stopSequences]").hasMessageNotContaining(EMAIL);
    }

    @Test
    void openAiParametersThatHoldTextTravelAsExtras() {
        OpenAiChatRequestParameters params = OpenAiChatRequestParameters.builder().modelName("gpt-4o-mini")
                .user(EMAIL).metadata(Map.of("customer", EMAIL)).store(true).serviceTier("flex")
                .reasoningEffort("low").customParameters(Map.of("owner", Map.of("email", EMAIL)))
                .seed(7).parallelToolCalls(false).maxCompletionTokens(50).build();
        AiRequest r = Translator.toAims(ChatRequest.builder().messages(UserMessage.from("hi")).parameters(params)
                .build(), OpenAiChatRequestParameters.EMPTY, null, "openai", false);

        assertThat(r.extras()).containsEntry("user", "\"" + EMAIL + "\"")
                .containsEntry("metadata", "{\"customer\":\"" + EMAIL + "\"}").containsEntry("store", "true")
                .containsEntry("service_tier", "\"flex\"").containsEntry("reasoning_effort", "\"low\"")
                .containsEntry("custom_parameters", "{\"owner\":{\"email\":\"" + EMAIL + "\"}}");
        assertThat(r.uninspectedParts()).isZero();

        OpenAiChatRequestParameters out = (OpenAiChatRequestParameters) back(r.mapText(REDACT)).parameters();
        assertThat(out.user()).isEqualTo("<EMAIL_1>");
        assertThat(out.metadata()).containsExactly(Map.entry("customer", "<EMAIL_1>"));
        assertThat(out.customParameters()).isEqualTo(Map.of("owner", Map.of("email", "<EMAIL_1>")));
        assertThat(out.store()).isTrue();
        assertThat(out.serviceTier()).isEqualTo("flex");
        assertThat(out.seed()).isEqualTo(7);
        assertThat(out.parallelToolCalls()).isFalse();
        assertThat(out.maxCompletionTokens()).isEqualTo(50);
    }

    @Test
    void openAiDefaultsThatHoldTextAreGovernedToo() {
        OpenAiChatRequestParameters defaults = OpenAiChatRequestParameters.builder().modelName("gpt-4o-mini")
                .user(EMAIL).build();
        AiRequest r = Translator.toAims(ChatRequest.builder().messages(UserMessage.from("hi")).build(), defaults,
                null, "openai", false);

        ChatRequestParameters out = back(r.mapText(REDACT)).parameters();

        assertThat(((OpenAiChatRequestParameters) defaults.overrideWith(out)).user()).isEqualTo("<EMAIL_1>");
        assertThatThrownBy(() -> back(r.toBuilder().extras(Map.of()).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[user]");
    }

    @Test
    void customParametersAndToolMetadataThatAreNotPlainJsonAreUninspected() {
        Object own = new Object();
        OpenAiChatRequestParameters params = OpenAiChatRequestParameters.builder().modelName("m")
                .customParameters(Map.of("x", own))
                .toolSpecifications(ToolSpecification.builder().name("t").metadata(Map.of("y", own)).build())
                .build();

        AiRequest r = Translator.toAims(ChatRequest.builder().messages(UserMessage.from("hi")).parameters(params)
                .build(), null, null, null, false);

        assertThat(r.uninspectedParts()).isEqualTo(2);
        assertThat(r.extras()).isEmpty();
        OpenAiChatRequestParameters out = (OpenAiChatRequestParameters) back(r).parameters();
        assertThat(out.customParameters()).containsEntry("x", own);
        assertThat(out.toolSpecifications().get(0).metadata()).containsEntry("y", own);
    }

    @Test
    void plainToolMetadataTravelsAsAnExtra() {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi")).toolSpecifications(
                ToolSpecification.builder().name("t").metadata(Map.of("owner", EMAIL)).build()).build();

        AiRequest r = toAims(request);

        assertThat(r.extras()).containsEntry("tools[0].metadata", "{\"owner\":\"" + EMAIL + "\"}");
        assertThat(back(r.mapText(REDACT)).toolSpecifications().get(0).metadata())
                .containsExactly(Map.entry("owner", "<EMAIL_1>"));
    }

    @Test
    void parametersOfAnotherProviderAreOneUninspectedPart() {
        ChatRequestParameters other = new DefaultChatRequestParameters(DefaultChatRequestParameters.builder()
                .modelName("m")) {
        };

        AiRequest r = Translator.toAims(ChatRequest.builder().messages(UserMessage.from("hi")).parameters(other)
                .build(), null, null, null, false);

        assertThat(r.uninspectedParts()).isEqualTo(1);
    }

    @Test
    void aSchemaGovernanceBrokeIsRefusedNamingIt() {
        AiRequest r = toAims(conversation());
        AiRequest broken = r.toBuilder().tools(List.of(new ToolDefinition("lookupOrders", "", "{\"type\":"))).build();

        assertThatThrownBy(() -> back(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tools[0].parametersSchema is not valid JSON");
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

        ChatResponse backAgain = Translator.toLangChain4j(aims.mapText(s -> s.replace("<EMAIL_1>", EMAIL)),
                response);
        assertThat(backAgain.aiMessage().text()).isEqualTo("Done for " + EMAIL);
        assertThat(backAgain.aiMessage().toolExecutionRequests().get(0).arguments()).isEqualTo("{\"to\":\"" + EMAIL
                + "\"}");
        assertThat(backAgain.metadata()).isSameAs(response.metadata());
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
        assertThatThrownBy(() -> Translator.toAims(null, DEFAULTS, null, null, false))
                .isInstanceOf(NullPointerException.class).hasMessage("chatRequest");
    }
}
