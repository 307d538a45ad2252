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
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.openai.api.ResponseFormat;

/** OpenAiChatOptions of Spring AI 1.1 (its own OpenAiApi types); aims-spring-ai has its own for 2. */
class OpenAiOptionsTranslatorTest {
    static OpenAiChatOptions openAi() {
        return OpenAiChatOptions.builder().model("gpt-4o-mini").httpHeaders(Map.of("X-Gateway", "g-1")).seed(7)
                .N(1).maxCompletionTokens(300).user(EMAIL).safetyIdentifier("id-" + EMAIL)
                .metadata(Map.of("customer", EMAIL)).extraBody(Map.of("note", "about " + EMAIL, "depth", 3))
                .promptCacheKey("cache-" + EMAIL)
                .toolChoice("{\"type\":\"function\",\"function\":{\"name\":\"send_mail\"}}")
                .reasoningEffort("low").verbosity("low").serviceTier("auto").outputModalities(List.of("text"))
                .logitBias(Map.of("50256", -100)).streamUsage(true)
                .responseFormat(ResponseFormat.builder().type(ResponseFormat.Type.JSON_SCHEMA)
                        .jsonSchema(ResponseFormat.JsonSchema.builder().name("mail_for_" + EMAIL).schema(SCHEMA)
                                .strict(false).build()).build())
                .toolContext(Map.of("tenant", "t-1"))
                .build();
    }

    @Test
    void everyTextOpenAiOptionsSendIsAnExtraNamedAsOnTheWire() {
        AiRequest r = toAims(openAi());

        assertThat(OptionsTranslator.kind(openAi())).isEqualTo(OptionsTranslator.Kind.OPENAI);
        assertThat(r.extras()).containsOnlyKeys("user", "safety_identifier", "metadata", "extra_body",
                "prompt_cache_key", "tool_choice", "reasoning_effort", "verbosity", "service_tier", "modalities",
                "logit_bias", "response_format.json_schema.name", "http_headers");
        assertThat(r.extras()).containsEntry("user", "\"" + EMAIL + "\"")
                .containsEntry("metadata", "{\"customer\":\"" + EMAIL + "\"}")
                .containsEntry("response_format.json_schema.name", "\"mail_for_" + EMAIL + "\"");
        assertThat(JsonValues.readObject(r.responseFormat().orElseThrow(), "responseFormat"))
                .isEqualTo(JsonValues.readObject(SCHEMA, "schema"));
        assertThat(r.maxTokens()).as("max_completion_tokens, which OpenAI reads").contains(300);
        assertThat(r.uninspectedParts()).isZero();
    }

    @Test
    void headersACallAddsLeaveRedactedAndTheModelsOwnAsConfigured() {
        OpenAiChatOptions model = OpenAiChatOptions.builder().model("m").httpHeaders(Map.of("X-Gateway", "g-" + EMAIL))
                .build();
        OpenAiChatOptions call = OpenAiChatOptions.builder().model("m").httpHeaders(Map.of("X-Gateway", "g-" + EMAIL,
                "X-Customer", "for " + EMAIL)).build();
        AiRequest.Builder b = AiRequest.builder().message(Message.user("hi"));
        OptionsTranslator.toAims(call, model, OptionsTranslator.kind(call), b);
        AiRequest before = b.build();

        OpenAiChatOptions out = (OpenAiChatOptions) OptionsTranslator.toSpring(OptionsTranslatorTest.redact(before),
                before, call, OptionsTranslator.kind(call));

        assertThat(before.extras()).containsOnly(Map.entry("http_headers",
                "{\"X-Customer\":\"for " + EMAIL + "\"}"));
        assertThat(out.getHttpHeaders()).as("the model's own header as configured, the call's own redacted")
                .containsOnly(Map.entry("X-Gateway", "g-" + EMAIL), Map.entry("X-Customer", "for " + REDACTED));
        assertThat(call.getHttpHeaders()).as("the application's options are not changed").containsEntry("X-Customer",
                "for " + EMAIL);
    }

    @Test
    void openAiOptionsLeaveWithEveryTextRedactedAndEveryOtherSettingKept() {
        OpenAiChatOptions before = openAi();
        OpenAiChatOptions out = (OpenAiChatOptions) roundTrip(before);

        assertThat(out).isNotSameAs(before);
        assertThat(out.getUser()).isEqualTo(REDACTED);
        assertThat(out.getSafetyIdentifier()).isEqualTo("id-" + REDACTED);
        assertThat(out.getMetadata()).containsExactly(Map.entry("customer", REDACTED));
        assertThat(out.getExtraBody()).containsEntry("note", "about " + REDACTED).containsEntry("depth", 3);
        assertThat(out.getPromptCacheKey()).isEqualTo("cache-" + REDACTED);
        assertThat(out.getResponseFormat().getType()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
        assertThat(out.getResponseFormat().getJsonSchema().getName()).isEqualTo("mail_for_" + REDACTED);
        assertThat(out.getResponseFormat().getJsonSchema().getStrict()).isFalse();
        assertThat(JsonValues.write(out.getResponseFormat().getJsonSchema().getSchema())).contains(REDACTED)
                .doesNotContain(EMAIL);
        assertThat(out.getToolChoice()).isEqualTo(before.getToolChoice());
        assertThat(out.getHttpHeaders()).containsEntry("X-Gateway", "g-1");
        assertThat(out.getSeed()).isEqualTo(7);
        assertThat(out.getMaxCompletionTokens()).isEqualTo(300);
        assertThat(out.getLogitBias()).containsEntry("50256", -100);
        assertThat(out.getStreamUsage()).isTrue();
        assertThat(out.getToolContext()).containsEntry("tenant", "t-1");
        assertThat(before.getUser()).as("the application's options are not changed").isEqualTo(EMAIL);
    }

    @Test
    void aFormatNameIsTheResponseFormatOfOpenAi() {
        OpenAiChatOptions options = OpenAiChatOptions.builder().model("m")
                .responseFormat(ResponseFormat.builder().type(ResponseFormat.Type.JSON_OBJECT).build()).build();

        assertThat(toAims(options).responseFormat()).contains("json_object");
    }

    @Test
    void whatOpenAiOptionsCarryThatAimsCannotReadIsUninspected() {
        OpenAiChatOptions options = OpenAiChatOptions.builder().model("m").extraBody(Map.of("x", new Object()))
                .toolChoice(Map.of("type", "auto"))
                .tools(List.of(new OpenAiApi.FunctionTool(new OpenAiApi.FunctionTool.Function("mails " + EMAIL,
                        "send_mail", Map.of("type", "object"), null))))
                .webSearchOptions(new OpenAiApi.ChatCompletionRequest.WebSearchOptions(null,
                        new OpenAiApi.ChatCompletionRequest.WebSearchOptions.UserLocation("approximate",
                                new OpenAiApi.ChatCompletionRequest.WebSearchOptions.UserLocation.Approximate(
                                        "Leeds", "GB", null, null))))
                .build();

        AiRequest r = toAims(options);

        assertThat(r.uninspectedParts()).isEqualTo(4);
        assertThat(r.extras()).doesNotContainKeys("extra_body", "tool_choice");
    }

    /**
     * Every setting of OpenAiChatOptions is either mapped or known to carry no conversation text; a setting a new
     * Spring AI version adds fails here until it is classified.
     */
    @Test
    void everySettingOfOpenAiChatOptionsIsClassified() {
        Set<String> mapped = Set.of("getUser", "getSafetyIdentifier", "getMetadata", "getExtraBody",
                "getPromptCacheKey", "getToolChoice", "getReasoningEffort", "getVerbosity", "getServiceTier",
                "getOutputModalities", "getLogitBias", "getResponseFormat", "getOutputSchema", "getStop",
                "getStopSequences", "getToolCallbacks", "getModel", "getTemperature", "getTopP", "getMaxTokens",
                "getMaxCompletionTokens", "getTools", "getWebSearchOptions", "getHttpHeaders");
        Set<String> kept = Set.of("getFrequencyPenalty", "getPresencePenalty", "getLogprobs",
                "getTopLogprobs", "getN", "getOutputAudio", "getSeed", "getParallelToolCalls", "getStore",
                "getToolContext", "getTopK", "getStreamOptions", "getStreamUsage", "getToolNames",
                "getInternalToolExecutionEnabled");
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
