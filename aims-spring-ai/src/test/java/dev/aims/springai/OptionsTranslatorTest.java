package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import dev.aims.api.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;

class OptionsTranslatorTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String REDACTED = "<EMAIL_1>";
    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\",\"default\":\""
            + EMAIL + "\"}}}";

    static AiRequest toAims(ChatOptions options) {
        AiRequest.Builder b = AiRequest.builder().message(Message.user("hi"));
        OptionsTranslator.toAims(options, null, OptionsTranslator.kind(options), b);
        return b.build();
    }

    static AiRequest redact(AiRequest request) {
        return request.mapText(s -> s.contains(EMAIL) ? s.replace(EMAIL, REDACTED) : s);
    }

    static ChatOptions roundTrip(ChatOptions options) {
        AiRequest before = toAims(options);
        return OptionsTranslator.toSpring(redact(before), before, options, OptionsTranslator.kind(options));
    }

    @Test
    void portableSettingsStopSequencesToolsAndOutputSchemaAreMappedAndSentRedacted() {
        StaticTool tool = new StaticTool("send_mail", "mails " + EMAIL, SCHEMA, "sent");
        ChatOptions options = ToolCallingChatOptions.builder().model("gpt-4o-mini").temperature(0.5).topP(0.9)
                .maxTokens(50).stopSequences(List.of("STOP " + EMAIL)).toolCallbacks(tool)
                .toolContext(Map.of("tenant", "t-1")).build();

        AiRequest r = toAims(options);
        ToolCallingChatOptions out = (ToolCallingChatOptions) roundTrip(options);

        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.temperature()).contains(0.5);
        assertThat(r.topP()).contains(0.9);
        assertThat(r.maxTokens()).contains(50);
        assertThat(r.stopSequences()).containsExactly("STOP " + EMAIL);
        assertThat(r.tools()).containsExactly(new ToolDefinition("send_mail", "mails " + EMAIL, SCHEMA));
        assertThat(r.uninspectedParts()).isZero();
        assertThat(out.getStopSequences()).containsExactly("STOP " + REDACTED);
        ToolCallback sent = out.getToolCallbacks().get(0);
        assertThat(sent.getToolDefinition().description()).isEqualTo("mails " + REDACTED);
        assertThat(sent.getToolDefinition().inputSchema()).isEqualTo(SCHEMA.replace(EMAIL, REDACTED));
        assertThat(sent.call("{}")).as("the application's tool still runs").isEqualTo("sent");
        assertThat(tool.inputs).containsExactly("{}");
        assertThat(out.getToolContext()).containsEntry("tenant", "t-1");
        assertThat(out.getTemperature()).isEqualTo(0.5);
        assertThat(out.getMaxTokens()).isEqualTo(50);
    }

    @Test
    void aStructuredOutputSchemaIsTheResponseFormat() {
        ChatOptions options = LineFixtures.structuredOutputOptions("m", SCHEMA);

        assertThat(toAims(options).responseFormat()).contains(SCHEMA);
        assertThat(LineFixtures.outputSchemaOf(roundTrip(options))).isEqualTo(SCHEMA.replace(EMAIL, REDACTED));
    }

    @Test
    void optionsWithNothingToRedactLeaveAsTheSameInstance() {
        ChatOptions options = ChatOptions.builder().model("m").stopSequences(List.of("END")).build();

        assertThat(roundTrip(options)).isSameAs(options);
    }

    @Test
    void aModelChangedByPolicyOverridesOnlyThatSetting() {
        ChatOptions options = ChatOptions.builder().model("gpt-4o").maxTokens(100).build();
        AiRequest before = toAims(options);

        ChatOptions out = OptionsTranslator.toSpring(before.toBuilder().model("gpt-4o-mini").build(), before,
                options, OptionsTranslator.Kind.PORTABLE);

        assertThat(out.getModel()).isEqualTo("gpt-4o-mini");
        assertThat(out.getMaxTokens()).isEqualTo(100);
    }

    @Test
    void optionsOfAClassAimsCannotReadCountAsOneUninspectedPart() {
        ChatOptions foreign = LineFixtures.foreignOptions("claude-x");

        assertThat(OptionsTranslator.kind(foreign)).isEqualTo(OptionsTranslator.Kind.UNKNOWN);
        assertThat(toAims(foreign).uninspectedParts()).isEqualTo(1);
    }

    @Test
    void aToolAddedByPolicyCannotBeSent() {
        ChatOptions options = ChatOptions.builder().model("m").build();
        AiRequest before = toAims(options);
        AiRequest added = before.toBuilder().tools(List.of(new ToolDefinition("rm", "", ""))).build();

        assertThatThrownBy(() -> OptionsTranslator.toSpring(added, before, options, OptionsTranslator.Kind.PORTABLE))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("tools: a policy changed");
    }

    @Test
    void anExtraTheOptionsHaveNoSettingForCannotBeSent() {
        ChatOptions options = ChatOptions.builder().model("m").build();
        AiRequest before = toAims(options);

        assertThatThrownBy(() -> OptionsTranslator.toSpring(before.toBuilder().extra("user", "\"u\"").build(),
                before, options, OptionsTranslator.Kind.PORTABLE)).isInstanceOf(IllegalStateException.class)
                .hasMessage("extras [user] cannot be sent: DefaultChatOptions has no setting for them");
    }

    @Test
    void aToolChoiceGivenAsJsonIsRedactedAsTheDocumentItIs() {
        OpenAiChatOptions options = OpenAiChatOptions.builder().model("m")
                .toolChoice("{\"type\":\"function\",\"function\":{\"name\":\"mail_" + EMAIL + "\"}}").build();

        AiRequest r = toAims(options);
        OpenAiChatOptions out = (OpenAiChatOptions) roundTrip(options);

        assertThat(r.extras().get("tool_choice")).startsWith("{\"type\"");
        assertThat(out.getToolChoice()).isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"mail_"
                + REDACTED + "\"}}");
        assertThat(((OpenAiChatOptions) roundTrip(OpenAiChatOptions.builder().model("m").toolChoice("auto")
                .user(EMAIL).build())).getToolChoice()).isEqualTo("auto");
    }

    @Test
    void aRedactedMetadataValueThatIsNoLongerTextFailsNamingTheExtra() {
        OpenAiChatOptions options = OpenAiChatOptions.builder().model("m").metadata(Map.of("customer", EMAIL)).build();
        AiRequest before = toAims(options);
        AiRequest broken = before.toBuilder().extra("metadata", "{\"customer\":1}").build();

        assertThatThrownBy(() -> OptionsTranslator.toSpring(broken, before, options, OptionsTranslator.Kind.OPENAI))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("extras['metadata'] must be an object of strings to be sent, but redaction or a policy"
                        + " changed its shape");
    }
}
