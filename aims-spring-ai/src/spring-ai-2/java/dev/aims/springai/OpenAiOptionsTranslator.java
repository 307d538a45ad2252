package dev.aims.springai;

import static dev.aims.springai.OpenAiExtras.EXTRA_BODY;
import static dev.aims.springai.OpenAiExtras.HTTP_HEADERS;
import static dev.aims.springai.OpenAiExtras.LOGIT_BIAS;
import static dev.aims.springai.OpenAiExtras.METADATA;
import static dev.aims.springai.OpenAiExtras.MODALITIES;
import static dev.aims.springai.OpenAiExtras.PROMPT_CACHE_KEY;
import static dev.aims.springai.OpenAiExtras.REASONING_EFFORT;
import static dev.aims.springai.OpenAiExtras.SERVICE_TIER;
import static dev.aims.springai.OpenAiExtras.STREAM_OPTIONS;
import static dev.aims.springai.OpenAiExtras.TOOL_CHOICE;
import static dev.aims.springai.OpenAiExtras.USER;
import static dev.aims.springai.OpenAiExtras.VERBOSITY;
import static dev.aims.springai.OpenAiExtras.changed;
import static dev.aims.springai.OpenAiExtras.put;

import dev.aims.api.AiRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * What {@code OpenAiChatOptions} (Spring AI 2.0) sends to the provider beyond the portable settings, mapped to
 * extras named as on the wire, and back. Loaded only for options of that class, so spring-ai-openai stays optional.
 *
 * <p>Mapped (redacted): {@code user}, {@code metadata}, {@code extra_body}, {@code prompt_cache_key},
 * {@code tool_choice} (when given as text), {@code reasoning_effort}, {@code verbosity}, {@code service_tier},
 * {@code modalities}, {@code logit_bias}, {@code stream_options} (its additional properties), the response format
 * (the JSON schema, or the name {@code text} / {@code json_object}) and the custom HTTP headers a call adds to the
 * model's own or changes ({@code http_headers}: Spring AI sends them with the request). Counted as uninspected: an
 * extra body or stream property that cannot be written as JSON, and a tool choice given as an SDK object. Kept as
 * configured: numbers and flags (penalties, seed, n, logprobs, store, strict, parallel tool calls), the audio output
 * settings (enums), the tool context (never sent) and the connection settings (base URL, API key, credential,
 * organization, deployment, the model's own custom HTTP headers, timeout, retries, proxy), which configure the
 * transport rather than carry the conversation.
 */
final class OpenAiOptionsTranslator {
    static final String CLASS_NAME = OpenAiExtras.CLASS_NAME;

    static final Set<String> EXTRAS = Set.of(USER, METADATA, EXTRA_BODY, PROMPT_CACHE_KEY, TOOL_CHOICE,
            REASONING_EFFORT, VERBOSITY, SERVICE_TIER, MODALITIES, LOGIT_BIAS, STREAM_OPTIONS, HTTP_HEADERS);

    private OpenAiOptionsTranslator() {
    }

    static void toAims(ChatOptions options, ChatOptions modelOptions, AiRequest.Builder b) {
        OpenAiChatOptions o = (OpenAiChatOptions) options;
        int uninspected = 0;
        if (o.getMaxCompletionTokens() != null) {
            b.maxTokens(o.getMaxCompletionTokens());
        }
        OpenAiChatModel.ResponseFormat format = o.getResponseFormat();
        if (format != null && format.getType() != null) {
            b.responseFormat(format.getType() == OpenAiChatModel.ResponseFormat.Type.JSON_SCHEMA
                    ? Objects.requireNonNullElse(format.getJsonSchema(), "")
                    : format.getType().name().toLowerCase(Locale.ROOT));
        }
        put(b, USER, o.getUser());
        put(b, METADATA, o.getMetadata());
        uninspected += put(b, EXTRA_BODY, o.getExtraBody());
        put(b, PROMPT_CACHE_KEY, o.getPromptCacheKey());
        uninspected += OpenAiExtras.putToolChoice(b, o.getToolChoice());
        put(b, REASONING_EFFORT, o.getReasoningEffort());
        put(b, VERBOSITY, o.getVerbosity());
        put(b, SERVICE_TIER, o.getServiceTier());
        put(b, MODALITIES, o.getOutputModalities());
        put(b, LOGIT_BIAS, o.getLogitBias());
        if (o.getStreamOptions() != null) {
            uninspected += put(b, STREAM_OPTIONS, o.getStreamOptions().additionalProperties());
        }
        uninspected += OpenAiExtras.putHeaders(b, o.getCustomHeaders(), modelOptions instanceof OpenAiChatOptions
                ? ((OpenAiChatOptions) modelOptions).getCustomHeaders() : null);
        b.uninspectedParts(uninspected);
    }

    static void toSpring(ChatOptions.Builder<?> builder, AiRequest sent, AiRequest before, ChatOptions options) {
        OpenAiChatOptions o = (OpenAiChatOptions) options;
        OpenAiChatOptions.Builder b = (OpenAiChatOptions.Builder) builder;
        if (!sent.maxTokens().equals(before.maxTokens())) {
            if (o.getMaxCompletionTokens() != null) {
                b.maxCompletionTokens(sent.maxTokens().orElse(null));
            } else {
                b.maxTokens(sent.maxTokens().orElse(null));
            }
        }
        if (!sent.responseFormat().equals(before.responseFormat())) {
            b.responseFormat(responseFormat(sent.responseFormat().orElse(null), o.getResponseFormat()));
        }
        Map<String, String> now = sent.extras();
        if (changed(sent, before, USER)) {
            b.user(JsonValues.readString(now.get(USER), USER));
        }
        if (changed(sent, before, METADATA)) {
            b.metadata(JsonValues.readStringMap(now.get(METADATA), METADATA));
        }
        if (changed(sent, before, EXTRA_BODY)) {
            b.extraBody(JsonValues.readObject(now.get(EXTRA_BODY), EXTRA_BODY));
        }
        if (changed(sent, before, PROMPT_CACHE_KEY)) {
            b.promptCacheKey(JsonValues.readString(now.get(PROMPT_CACHE_KEY), PROMPT_CACHE_KEY));
        }
        if (changed(sent, before, TOOL_CHOICE)) {
            b.toolChoice(OpenAiExtras.toolChoice(now.get(TOOL_CHOICE)));
        }
        if (changed(sent, before, REASONING_EFFORT)) {
            b.reasoningEffort(JsonValues.readString(now.get(REASONING_EFFORT), REASONING_EFFORT));
        }
        if (changed(sent, before, VERBOSITY)) {
            b.verbosity(JsonValues.readString(now.get(VERBOSITY), VERBOSITY));
        }
        if (changed(sent, before, SERVICE_TIER)) {
            b.serviceTier(JsonValues.readString(now.get(SERVICE_TIER), SERVICE_TIER));
        }
        if (changed(sent, before, MODALITIES)) {
            b.outputModalities(JsonValues.readStringList(now.get(MODALITIES), MODALITIES));
        }
        if (changed(sent, before, LOGIT_BIAS)) {
            b.logitBias(JsonValues.readIntMap(now.get(LOGIT_BIAS), LOGIT_BIAS));
        }
        if (changed(sent, before, HTTP_HEADERS)) {
            b.customHeaders(OpenAiExtras.headers(sent, before, o.getCustomHeaders()));
        }
        if (changed(sent, before, STREAM_OPTIONS)) {
            OpenAiChatOptions.StreamOptions s = o.getStreamOptions();
            b.streamOptions(new OpenAiChatOptions.StreamOptions(s == null ? null : s.includeObfuscation(),
                    s == null ? null : s.includeUsage(), JsonValues.readObject(now.get(STREAM_OPTIONS),
                            STREAM_OPTIONS)));
        }
    }

    private static OpenAiChatModel.ResponseFormat responseFormat(String format,
            OpenAiChatModel.ResponseFormat original) {
        if (format == null) {
            return null;
        }
        for (OpenAiChatModel.ResponseFormat.Type t : OpenAiChatModel.ResponseFormat.Type.values()) {
            if (t != OpenAiChatModel.ResponseFormat.Type.JSON_SCHEMA
                    && t.name().toLowerCase(Locale.ROOT).equals(format)) {
                return OpenAiChatModel.ResponseFormat.builder().type(t).build();
            }
        }
        OpenAiChatModel.ResponseFormat.Builder b = OpenAiChatModel.ResponseFormat.builder()
                .type(OpenAiChatModel.ResponseFormat.Type.JSON_SCHEMA).jsonSchema(format);
        if (original != null && original.getStrict() != null) {
            b.strict(original.getStrict());
        }
        return b.build();
    }
}
