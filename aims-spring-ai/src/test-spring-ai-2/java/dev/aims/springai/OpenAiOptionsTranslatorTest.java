package dev.aims.springai;

import static dev.aims.springai.OptionsTranslatorTest.EMAIL;
import static dev.aims.springai.OptionsTranslatorTest.REDACTED;
import static dev.aims.springai.OptionsTranslatorTest.SCHEMA;
import static dev.aims.springai.OptionsTranslatorTest.roundTrip;
import static dev.aims.springai.OptionsTranslatorTest.toAims;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** OpenAiChatOptions of Spring AI 2 (the official OpenAI SDK's types); aims-spring-ai-boot3 has its own for 1.1. */
class OpenAiOptionsTranslatorTest {
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
                "stream_options", "http_headers");
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
    void headersACallAddsLeaveRedactedAndTheModelsOwnAsConfigured() {
        OpenAiChatOptions model = OpenAiChatOptions.builder().model("m")
                .customHeaders(Map.of("X-Gateway", "g-" + EMAIL)).build();
        OpenAiChatOptions call = OpenAiChatOptions.builder().model("m")
                .customHeaders(Map.of("X-Gateway", "g-" + EMAIL, "X-Customer", "for " + EMAIL)).build();
        AiRequest.Builder b = AiRequest.builder().message(Message.user("hi"));
        OptionsTranslator.toAims(call, model, OptionsTranslator.kind(call), b);
        AiRequest before = b.build();

        OpenAiChatOptions out = (OpenAiChatOptions) OptionsTranslator.toSpring(OptionsTranslatorTest.redact(before),
                before, call, OptionsTranslator.kind(call));

        assertThat(before.extras()).containsOnly(Map.entry("http_headers",
                "{\"X-Customer\":\"for " + EMAIL + "\"}"));
        assertThat(out.getCustomHeaders()).as("the model's own header as configured, the call's own redacted")
                .containsOnly(Map.entry("X-Gateway", "g-" + EMAIL), Map.entry("X-Customer", "for " + REDACTED));
        assertThat(call.getCustomHeaders()).as("the application's options are not changed").containsEntry("X-Customer",
                "for " + EMAIL);
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
                "getMaxCompletionTokens", "getCustomHeaders");
        Set<String> kept = Set.of("getBaseUrl", "getApiKey", "getCredential", "getMicrosoftDeploymentName",
                "getDeploymentName", "getMicrosoftFoundryServiceVersion", "getOrganizationId", "isMicrosoftFoundry",
                "isGitHubModels", "getTimeout", "getMaxRetries", "getProxy",
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
