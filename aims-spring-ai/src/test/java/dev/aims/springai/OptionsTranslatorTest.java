package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import dev.aims.api.ToolDefinition;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
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
        ChatOptions options = StructuredOutputChatOptions.builder().model("m").outputSchema(SCHEMA).build();

        assertThat(toAims(options).responseFormat()).contains(SCHEMA);
        assertThat(((StructuredOutputChatOptions) roundTrip(options)).getOutputSchema())
                .isEqualTo(SCHEMA.replace(EMAIL, REDACTED));
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
        ChatOptions foreign = new DefaultChatOptions("claude-x", null, null, null, null, null, null, null) {
        };

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

    static OpenAiChatOptions openAi() {
        return OpenAiChatOptions.builder().model("gpt-4o-mini").apiKey("sk-configured").baseUrl("http://gw")
                .customHeaders(Map.of("X-Gateway", "g-1")).seed(7).n(1).maxCompletionTokens(300)
                .user(EMAIL).metadata(Map.of("customer", EMAIL)).extraBody(Map.of("note", "about " + EMAIL,
                        "depth", 3)).promptCacheKey("cache-" + EMAIL)
                .toolChoice("{\"type\":\"function\",\"function\":{\"name\":\"send_mail\"}}")
                .reasoningEffort("low").verbosity("low").serviceTier("auto").outputModalities(List.of("text"))
                .logitBias(Map.of("50256", -100))
                .streamOptions(new OpenAiChatOptions.StreamOptions(null, true, Map.of("trace", EMAIL)))
                .outputSchema(SCHEMA).toolContext(Map.of("tenant", "t-1"))
                .build();
    }

    @Test
    void everyTextOpenAiOptionsSendIsAnExtraNamedAsOnTheWire() {
        AiRequest r = toAims(openAi());

        assertThat(OptionsTranslator.kind(openAi())).isEqualTo(OptionsTranslator.Kind.OPENAI);
        assertThat(r.extras()).containsOnlyKeys("user", "metadata", "extra_body", "prompt_cache_key",
                "tool_choice", "reasoning_effort", "verbosity", "service_tier", "modalities", "logit_bias",
                "stream_options");
        assertThat(r.extras()).containsEntry("user", "\"" + EMAIL + "\"")
                .containsEntry("metadata", "{\"customer\":\"" + EMAIL + "\"}")
                .containsEntry("stream_options", "{\"trace\":\"" + EMAIL + "\"}");
        assertThat(r.responseFormat()).contains(SCHEMA);
        assertThat(r.maxTokens()).as("max_completion_tokens, which OpenAI reads").contains(300);
        assertThat(r.uninspectedParts()).isZero();
    }

    @Test
    void openAiOptionsLeaveWithEveryTextRedactedAndEveryOtherSettingKept() {
        OpenAiChatOptions out = (OpenAiChatOptions) roundTrip(openAi());

        assertThat(out.getUser()).isEqualTo(REDACTED);
        assertThat(out.getMetadata()).containsExactly(Map.entry("customer", REDACTED));
        assertThat(out.getExtraBody()).containsEntry("note", "about " + REDACTED).containsEntry("depth", 3);
        assertThat(out.getPromptCacheKey()).isEqualTo("cache-" + REDACTED);
        assertThat(out.getStreamOptions().additionalProperties()).containsEntry("trace", REDACTED);
        assertThat(out.getStreamOptions().includeUsage()).isTrue();
        assertThat(out.getResponseFormat().getJsonSchema()).isEqualTo(SCHEMA.replace(EMAIL, REDACTED));
        assertThat(out.getResponseFormat().getType()).isEqualTo(OpenAiChatModel.ResponseFormat.Type.JSON_SCHEMA);
        assertThat(out.getToolChoice()).isEqualTo(openAi().getToolChoice());
        assertThat(out.getApiKey()).isEqualTo("sk-configured");
        assertThat(out.getBaseUrl()).isEqualTo("http://gw");
        assertThat(out.getCustomHeaders()).containsEntry("X-Gateway", "g-1");
        assertThat(out.getSeed()).isEqualTo(7);
        assertThat(out.getMaxCompletionTokens()).isEqualTo(300);
        assertThat(out.getLogitBias()).containsEntry("50256", -100);
        assertThat(out.getToolContext()).containsEntry("tenant", "t-1");
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
    void aFormatNameIsTheResponseFormatOfOpenAi() {
        OpenAiChatOptions options = OpenAiChatOptions.builder().model("m").responseFormat(OpenAiChatModel
                .ResponseFormat.builder().type(OpenAiChatModel.ResponseFormat.Type.JSON_OBJECT).build()).build();

        assertThat(toAims(options).responseFormat()).contains("json_object");
    }

    @Test
    void whatOpenAiOptionsCarryThatCannotBeWrittenAsJsonIsUninspected() {
        OpenAiChatOptions options = OpenAiChatOptions.builder().model("m").extraBody(Map.of("x", new Object()))
                .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.ofAuto(
                        com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.AUTO)).build();

        AiRequest r = toAims(options);

        assertThat(r.uninspectedParts()).isEqualTo(2);
        assertThat(r.extras()).doesNotContainKeys("extra_body", "tool_choice");
    }

    @Test
    void aRedactedMetadataValueThatIsNoLongerTextFailsNamingTheExtra() {
        OpenAiChatOptions options = openAi();
        AiRequest before = toAims(options);
        AiRequest broken = before.toBuilder().extra("metadata", "{\"customer\":1}").build();

        assertThatThrownBy(() -> OptionsTranslator.toSpring(broken, before, options, OptionsTranslator.Kind.OPENAI))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("extras['metadata'] must be an object of strings to be sent, but redaction or a policy"
                        + " changed its shape");
    }

    /**
     * Every setting of OpenAiChatOptions is either mapped or known to carry no conversation text; a setting a new
     * Spring AI version adds fails here until it is classified.
     */
    @Test
    void everySettingOfOpenAiChatOptionsIsClassified() {
        Set<String> mapped = Set.of("getUser", "getMetadata", "getExtraBody", "getPromptCacheKey", "getToolChoice",
                "getReasoningEffort", "getVerbosity", "getServiceTier", "getOutputModalities", "getLogitBias",
                "getStreamOptions", "getResponseFormat", "getOutputSchema", "getStop", "getStopSequences",
                "getToolCallbacks", "getModel", "getTemperature", "getTopP", "getMaxTokens",
                "getMaxCompletionTokens");
        Set<String> kept = Set.of("getBaseUrl", "getApiKey", "getCredential", "getMicrosoftDeploymentName",
                "getDeploymentName", "getMicrosoftFoundryServiceVersion", "getOrganizationId", "isMicrosoftFoundry",
                "isGitHubModels", "getTimeout", "getMaxRetries", "getProxy", "getCustomHeaders",
                "getFrequencyPenalty", "getPresencePenalty", "getLogprobs", "getTopLogprobs", "getN",
                "getOutputAudio", "getSeed", "getParallelToolCalls", "getStore", "getStrict", "getToolContext",
                "getTopK");
        Set<String> getters = new TreeSet<>();
        for (Method m : OpenAiChatOptions.class.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                    && (m.getName().startsWith("get") || m.getName().startsWith("is"))
                    && m.getDeclaringClass() != Object.class) {
                getters.add(m.getName());
            }
        }
        Set<String> classified = new TreeSet<>(mapped);
        classified.addAll(kept);

        assertThat(getters).isEqualTo(classified);
    }
}
