package dev.aims.springai;

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
 * {@code modalities}, {@code logit_bias}, {@code stream_options} (its additional properties) and the response format
 * (the JSON schema, or the name {@code text} / {@code json_object}). Counted as uninspected: an extra body or stream
 * property that cannot be written as JSON, and a tool choice given as an SDK object. Kept as configured: numbers and
 * flags (penalties, seed, n, logprobs, store, strict, parallel tool calls), the audio output settings (enums), the
 * tool context (never sent) and the connection settings (base URL, API key, credential, organization, deployment,
 * custom HTTP headers, timeout, retries, proxy), which configure the transport rather than carry the conversation.
 */
final class OpenAiOptionsTranslator {
    static final String CLASS_NAME = "org.springframework.ai.openai.OpenAiChatOptions";

    static final String USER = "user";
    static final String METADATA = "metadata";
    static final String EXTRA_BODY = "extra_body";
    static final String PROMPT_CACHE_KEY = "prompt_cache_key";
    static final String TOOL_CHOICE = "tool_choice";
    static final String REASONING_EFFORT = "reasoning_effort";
    static final String VERBOSITY = "verbosity";
    static final String SERVICE_TIER = "service_tier";
    static final String MODALITIES = "modalities";
    static final String LOGIT_BIAS = "logit_bias";
    static final String STREAM_OPTIONS = "stream_options";

    static final Set<String> EXTRAS = Set.of(USER, METADATA, EXTRA_BODY, PROMPT_CACHE_KEY, TOOL_CHOICE,
            REASONING_EFFORT, VERBOSITY, SERVICE_TIER, MODALITIES, LOGIT_BIAS, STREAM_OPTIONS);

    private OpenAiOptionsTranslator() {
    }

    static void toAims(ChatOptions options, AiRequest.Builder b) {
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
        if (o.getToolChoice() instanceof String) {
            // JSON text (a named function) is carried as the document it is, so its structure is redacted as JSON.
            String choice = (String) o.getToolChoice();
            if (isJsonObject(choice)) {
                b.extra(TOOL_CHOICE, choice);
            } else {
                put(b, TOOL_CHOICE, choice);
            }
        } else if (o.getToolChoice() != null) {
            uninspected++;
        }
        put(b, REASONING_EFFORT, o.getReasoningEffort());
        put(b, VERBOSITY, o.getVerbosity());
        put(b, SERVICE_TIER, o.getServiceTier());
        put(b, MODALITIES, o.getOutputModalities());
        put(b, LOGIT_BIAS, o.getLogitBias());
        if (o.getStreamOptions() != null) {
            uninspected += put(b, STREAM_OPTIONS, o.getStreamOptions().additionalProperties());
        }
        b.uninspectedParts(uninspected);
    }

    /** @return 1 when the value could not be written as JSON (it is then sent as it is, if a policy allows) */
    private static int put(AiRequest.Builder b, String name, Object value) {
        if (value == null || value instanceof Map && ((Map<?, ?>) value).isEmpty()) {
            return 0;
        }
        String json = JsonValues.write(value);
        if (json == null) {
            return 1;
        }
        b.extra(name, json);
        return 0;
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
        Map<String, String> was = before.extras();
        if (changed(now, was, USER)) {
            b.user(JsonValues.readString(now.get(USER), USER));
        }
        if (changed(now, was, METADATA)) {
            b.metadata(JsonValues.readStringMap(now.get(METADATA), METADATA));
        }
        if (changed(now, was, EXTRA_BODY)) {
            b.extraBody(JsonValues.readObject(now.get(EXTRA_BODY), EXTRA_BODY));
        }
        if (changed(now, was, PROMPT_CACHE_KEY)) {
            b.promptCacheKey(JsonValues.readString(now.get(PROMPT_CACHE_KEY), PROMPT_CACHE_KEY));
        }
        if (changed(now, was, TOOL_CHOICE)) {
            String choice = now.get(TOOL_CHOICE);
            b.toolChoice(choice != null && isJsonObject(choice) ? JsonValues.write(JsonValues.readObject(choice,
                    TOOL_CHOICE)) : JsonValues.readString(choice, TOOL_CHOICE));
        }
        if (changed(now, was, REASONING_EFFORT)) {
            b.reasoningEffort(JsonValues.readString(now.get(REASONING_EFFORT), REASONING_EFFORT));
        }
        if (changed(now, was, VERBOSITY)) {
            b.verbosity(JsonValues.readString(now.get(VERBOSITY), VERBOSITY));
        }
        if (changed(now, was, SERVICE_TIER)) {
            b.serviceTier(JsonValues.readString(now.get(SERVICE_TIER), SERVICE_TIER));
        }
        if (changed(now, was, MODALITIES)) {
            b.outputModalities(JsonValues.readStringList(now.get(MODALITIES), MODALITIES));
        }
        if (changed(now, was, LOGIT_BIAS)) {
            b.logitBias(JsonValues.readIntMap(now.get(LOGIT_BIAS), LOGIT_BIAS));
        }
        if (changed(now, was, STREAM_OPTIONS)) {
            OpenAiChatOptions.StreamOptions s = o.getStreamOptions();
            b.streamOptions(new OpenAiChatOptions.StreamOptions(s == null ? null : s.includeObfuscation(),
                    s == null ? null : s.includeUsage(), JsonValues.readObject(now.get(STREAM_OPTIONS),
                            STREAM_OPTIONS)));
        }
    }

    private static boolean isJsonObject(String s) {
        String t = s.strip();
        return t.startsWith("{") && JsonValues.isJson(t);
    }

    private static boolean changed(Map<String, String> now, Map<String, String> was, String name) {
        return !Objects.equals(now.get(name), was.get(name));
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
