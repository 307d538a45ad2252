package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

class PromptTranslatorTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String REDACTED = "<EMAIL_1>";
    static final Media INLINE = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2, 3}).build();
    static final Media DATA_URL = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data("data:image/png;base64,AAEC")
            .build();
    static final Media BY_URL = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG)
            .data(URI.create("https://img.example/u/" + EMAIL + ".png")).name("photo of " + EMAIL).build();
    static final ChatOptions MODEL_OPTIONS = ChatOptions.builder().model("gpt-4o-mini").temperature(0.2).build();

    /** A message type Spring AI does not define. */
    static final class Note implements org.springframework.ai.chat.messages.Message {
        @Override
        public String getText() {
            return "note about " + EMAIL;
        }

        @Override
        public Map<String, Object> getMetadata() {
            return Map.of();
        }

        @Override
        public MessageType getMessageType() {
            return MessageType.USER;
        }
    }

    static Prompt conversation(ChatOptions options) {
        return new Prompt(List.of(
                SystemMessage.builder().text("You help " + EMAIL).metadata(Map.of("k", "v")).build(),
                UserMessage.builder().text("Mail " + EMAIL).media(INLINE, BY_URL, DATA_URL).build(),
                AssistantMessage.builder().content("Looking up " + EMAIL).toolCalls(List.of(
                        new AssistantMessage.ToolCall("call_1", "function", "lookupOrders",
                                "{\"email\":\"" + EMAIL + "\"}")))
                        .properties(Map.of(PromptTranslator.REASONING_KEY, "the user is " + EMAIL,
                                PromptTranslator.TOOL_CALL_PROPERTIES_KEY,
                                Map.of("call_1", "{\"note\":\"" + EMAIL + "\"}"), "k", "v")).build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("call_1", "lookupOrders", "order 42 for " + EMAIL),
                        new ToolResponseMessage.ToolResponse("call_2", "lookupRefunds", "none"))).build(),
                new Note()),
                options);
    }

    static PromptTranslator.Translated translate(Prompt prompt) {
        return PromptTranslator.toAims(prompt, MODEL_OPTIONS, "openai", false);
    }

    static AiRequest redact(AiRequest request) {
        return request.mapText(s -> s.contains(EMAIL) ? s.replace(EMAIL, REDACTED) : s);
    }

    @Test
    void everyMessageKindBecomesItsAimsForm() {
        AiRequest r = translate(conversation(ChatOptions.builder().maxTokens(100).build())).request();

        assertThat(r.messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.USER);
        Message user = r.messages().get(1);
        assertThat(user.texts()).containsExactly("Mail " + EMAIL);
        assertThat(user.mediaUrls()).containsExactly("https://img.example/u/" + EMAIL + ".png");
        assertThat(user.uninspectedParts()).as("the inline image and the data: URL").isEqualTo(2);
        assertThat(r.messages().get(2).toolCalls())
                .containsExactly(ToolCall.of("call_1", "lookupOrders", "{\"email\":\"" + EMAIL + "\"}"));
        assertThat(r.messages().get(3).toolResult().orElseThrow().text()).isEqualTo("order 42 for " + EMAIL);
        assertThat(r.messages().get(4).toolResult().orElseThrow().toolName()).isEqualTo("lookupRefunds");
        assertThat(r.messages().get(5).uninspectedParts()).as("a message type AIMS does not know").isEqualTo(1);
        assertThat(r.extras()).containsEntry("messages[1].media[1].name", "\"photo of " + EMAIL + "\"")
                .containsEntry("messages[2].reasoning_content", "\"the user is " + EMAIL + "\"")
                .containsKey("messages[2].tool_call_properties").hasSize(3);
        assertThat(r.uninspectedParts()).isEqualTo(3);
    }

    @Test
    void theOptionsInForceAreThePromptsWholeElseTheModels() {
        AiRequest own = translate(conversation(ChatOptions.builder().maxTokens(100).build())).request();
        AiRequest none = translate(conversation(null)).request();

        assertThat(own.maxTokens()).contains(100);
        assertThat(own.temperature()).as("the provider does not merge the model's into the prompt's").isEmpty();
        assertThat(own.model()).as("the model's name when the prompt's options name none").isEqualTo("gpt-4o-mini");
        assertThat(none.temperature()).contains(0.2);
        assertThat(none.provider()).contains("openai");
    }

    @Test
    void aPromptWithoutAnyModelNameIsNamedUnknown() {
        assertThat(PromptTranslator.toAims(new Prompt("hi"), null, null, false).request().model())
                .isEqualTo(OptionsTranslator.UNKNOWN_MODEL);
    }

    @Test
    void everyTextTheProviderReadsLeavesFromTheRedactedRequest() {
        PromptTranslator.Translated t = translate(conversation(null));

        Prompt out = PromptTranslator.toSpring(redact(t.request()), t);

        List<org.springframework.ai.chat.messages.Message> m = out.getInstructions();
        assertThat(m).hasSize(5);
        assertThat(m.get(0).getText()).isEqualTo("You help " + REDACTED);
        UserMessage user = (UserMessage) m.get(1);
        assertThat(user.getText()).isEqualTo("Mail " + REDACTED);
        assertThat(user.getMedia()).hasSize(3);
        assertThat(user.getMedia().get(0)).isSameAs(INLINE);
        assertThat(user.getMedia().get(1).getData()).isEqualTo("https://img.example/u/" + REDACTED + ".png");
        assertThat(user.getMedia().get(1).getName()).isEqualTo("photo of " + REDACTED);
        assertThat(user.getMedia().get(1).getMimeType()).isEqualTo(MimeTypeUtils.IMAGE_PNG);
        assertThat(user.getMedia().get(2)).isSameAs(DATA_URL);
        AssistantMessage ai = (AssistantMessage) m.get(2);
        assertThat(ai.getText()).isEqualTo("Looking up " + REDACTED);
        assertThat(ai.getToolCalls()).containsExactly(new AssistantMessage.ToolCall("call_1", "function",
                "lookupOrders", "{\"email\":\"" + REDACTED + "\"}"));
        assertThat(ai.getMetadata()).containsEntry(PromptTranslator.REASONING_KEY, "the user is " + REDACTED)
                .containsEntry(PromptTranslator.TOOL_CALL_PROPERTIES_KEY,
                        Map.of("call_1", "{\"note\":\"" + REDACTED + "\"}"));
        ToolResponseMessage tool = (ToolResponseMessage) m.get(3);
        assertThat(tool.getResponses()).extracting(ToolResponseMessage.ToolResponse::responseData)
                .containsExactly("order 42 for " + REDACTED, "none");
        assertThat(m.get(4)).as("sent as it is, counted as uninspected").isSameAs(t.original().getInstructions()
                .get(4));
        assertThat(out.getOptions()).as("nothing in them changed, and the prompt had none").isNull();
    }

    @Test
    void metadataAimsDoesNotReadIsNotSentEvenWhenNothingChanged() {
        PromptTranslator.Translated t = translate(conversation(null));

        Prompt out = PromptTranslator.toSpring(t.request(), t);

        assertThat(out.getInstructions().get(0).getMetadata()).doesNotContainKey("k");
        assertThat(out.getInstructions().get(2).getMetadata()).doesNotContainKey("k")
                .containsEntry(PromptTranslator.REASONING_KEY, "the user is " + EMAIL);
    }

    @Test
    void withOptionsAimsCannotReadMetadataTravelsCountedAsUninspected() {
        ChatOptions foreign = LineFixtures.foreignOptions("claude-x");
        PromptTranslator.Translated t = translate(conversation(foreign));

        Prompt out = PromptTranslator.toSpring(redact(t.request()), t);

        assertThat(t.kind()).isEqualTo(OptionsTranslator.Kind.UNKNOWN);
        assertThat(t.request().uninspectedParts()).isEqualTo(4);
        assertThat(out.getInstructions().get(0).getMetadata()).containsEntry("k", "v");
        assertThat(out.getInstructions().get(0).getText()).isEqualTo("You help " + REDACTED);
        assertThat(out.getOptions()).isSameAs(foreign);
    }

    @Test
    void aConversationReshapedByPolicyIsBuiltFromTheAimsForm() {
        PromptTranslator.Translated t = translate(conversation(null));
        AiRequest reshaped = t.request().toBuilder().messages(List.of(Message.system("Be brief"),
                Message.builder(Role.USER).text("Summarise").mediaUrl("https://img.example/a.png").build())).build();

        Prompt out = PromptTranslator.toSpring(reshaped, t);

        assertThat(out.getInstructions()).extracting(org.springframework.ai.chat.messages.Message::getText)
                .containsExactly("Be brief", "Summarise");
        assertThat(((UserMessage) out.getInstructions().get(1)).getMedia()).singleElement()
                .satisfies(media -> assertThat(media.getData()).isEqualTo("https://img.example/a.png"));
    }

    @Test
    void aRedactedExtraThatChangedShapeFailsNamingItNotItsValue() {
        PromptTranslator.Translated t = translate(conversation(null));
        AiRequest broken = t.request().toBuilder().extra("messages[2].reasoning_content", "{\"a\":\"" + EMAIL + "\"}")
                .build();

        assertThatThrownBy(() -> PromptTranslator.toSpring(broken, t)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("messages[2].reasoning_content").hasMessageContaining("a string")
                .hasMessageNotContaining(EMAIL);
    }

    @Test
    void aNullPromptIsRejectedNamingIt() {
        assertThatThrownBy(() -> PromptTranslator.toAims(null, MODEL_OPTIONS, null, false))
                .isInstanceOf(NullPointerException.class).hasMessage("prompt");
    }
}
