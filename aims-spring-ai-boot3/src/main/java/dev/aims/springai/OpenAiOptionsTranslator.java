package dev.aims.springai;

import static dev.aims.springai.OpenAiExtras.EXTRA_BODY;
import static dev.aims.springai.OpenAiExtras.HTTP_HEADERS;
import static dev.aims.springai.OpenAiExtras.JSON_SCHEMA_NAME;
import static dev.aims.springai.OpenAiExtras.LOGIT_BIAS;
import static dev.aims.springai.OpenAiExtras.METADATA;
import static dev.aims.springai.OpenAiExtras.MODALITIES;
import static dev.aims.springai.OpenAiExtras.PROMPT_CACHE_KEY;
import static dev.aims.springai.OpenAiExtras.REASONING_EFFORT;
import static dev.aims.springai.OpenAiExtras.SAFETY_IDENTIFIER;
import static dev.aims.springai.OpenAiExtras.SERVICE_TIER;
import static dev.aims.springai.OpenAiExtras.TOOL_CHOICE;
import static dev.aims.springai.OpenAiExtras.USER;
import static dev.aims.springai.OpenAiExtras.VERBOSITY;
import static dev.aims.springai.OpenAiExtras.changed;
import static dev.aims.springai.OpenAiExtras.put;

import dev.aims.api.AiRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.ResponseFormat;

/**
 * What {@code OpenAiChatOptions} (Spring AI 1.1) sends to the provider beyond the portable settings, mapped to
 * extras named as on the wire, and back. Loaded only for options of that class, so spring-ai-openai stays optional.
 *
 * <p>Mapped (redacted): {@code user}, {@code safety_identifier}, {@code metadata}, {@code extra_body},
 * {@code prompt_cache_key}, {@code tool_choice} (when given as text), {@code reasoning_effort}, {@code verbosity},
 * {@code service_tier}, {@code modalities}, {@code logit_bias}, the response format (the JSON schema and its name, or
 * the name {@code text} / {@code json_object}) and the HTTP headers a call adds to the model's own or changes
 * ({@code http_headers}: Spring AI sends them with the request). Counted as uninspected: an extra body that cannot be
 * written as JSON, a tool choice given as an object, functions declared directly as OpenAI tools ({@code tools}:
 * their names, descriptions and schemas), and a web-search user location. Kept as configured: numbers and flags, the
 * audio output settings (enums), stream options (a flag), the tool context (never sent) and the model's own HTTP
 * headers, which configure the transport rather than carry the conversation.
 */
final class OpenAiOptionsTranslator {
    static final String CLASS_NAME = OpenAiExtras.CLASS_NAME;

    static final Set<String> EXTRAS = Set.of(USER, SAFETY_IDENTIFIER, METADATA, EXTRA_BODY, PROMPT_CACHE_KEY,
            TOOL_CHOICE, REASONING_EFFORT, VERBOSITY, SERVICE_TIER, MODALITIES, LOGIT_BIAS, JSON_SCHEMA_NAME,
            HTTP_HEADERS);

    private OpenAiOptionsTranslator() {
    }

    static void toAims(ChatOptions options, ChatOptions modelOptions, AiRequest.Builder b) {
        OpenAiChatOptions o = (OpenAiChatOptions) options;
        int uninspected = 0;
        if (o.getMaxCompletionTokens() != null) {
            b.maxTokens(o.getMaxCompletionTokens());
        }
        ResponseFormat format = o.getResponseFormat();
        if (format != null && format.getType() != null) {
            if (format.getType() == ResponseFormat.Type.JSON_SCHEMA) {
                ResponseFormat.JsonSchema schema = format.getJsonSchema();
                String text = schema == null || schema.getSchema() == null ? "" : JsonValues.write(schema.getSchema());
                b.responseFormat(text == null ? "" : text);
                if (schema != null) {
                    put(b, JSON_SCHEMA_NAME, schema.getName());
                }
            } else {
                b.responseFormat(format.getType().name().toLowerCase(Locale.ROOT));
            }
        }
        put(b, USER, o.getUser());
        put(b, SAFETY_IDENTIFIER, o.getSafetyIdentifier());
        put(b, METADATA, o.getMetadata());
        uninspected += put(b, EXTRA_BODY, o.getExtraBody());
        put(b, PROMPT_CACHE_KEY, o.getPromptCacheKey());
        uninspected += OpenAiExtras.putToolChoice(b, o.getToolChoice());
        put(b, REASONING_EFFORT, o.getReasoningEffort());
        put(b, VERBOSITY, o.getVerbosity());
        put(b, SERVICE_TIER, o.getServiceTier());
        put(b, MODALITIES, o.getOutputModalities());
        put(b, LOGIT_BIAS, o.getLogitBias());
        if (o.getTools() != null && !o.getTools().isEmpty()) {
            uninspected++;
        }
        if (o.getWebSearchOptions() != null && o.getWebSearchOptions().userLocation() != null) {
            uninspected++;
        }
        uninspected += OpenAiExtras.putHeaders(b, o.getHttpHeaders(), modelOptions instanceof OpenAiChatOptions
                ? ((OpenAiChatOptions) modelOptions).getHttpHeaders() : null);
        b.uninspectedParts(uninspected);
    }

    /** Writes the values a policy changed into {@code o}, a copy of {@code original}. */
    static void toSpring(OpenAiChatOptions o, AiRequest sent, AiRequest before, OpenAiChatOptions original) {
        if (!sent.maxTokens().equals(before.maxTokens())) {
            if (original.getMaxCompletionTokens() != null) {
                o.setMaxCompletionTokens(sent.maxTokens().orElse(null));
            } else {
                o.setMaxTokens(sent.maxTokens().orElse(null));
            }
        }
        Map<String, String> now = sent.extras();
        if (!sent.responseFormat().equals(before.responseFormat()) || changed(sent, before, JSON_SCHEMA_NAME)) {
            o.setResponseFormat(responseFormat(sent.responseFormat().orElse(null),
                    JsonValues.readString(now.get(JSON_SCHEMA_NAME), JSON_SCHEMA_NAME), original.getResponseFormat()));
        }
        if (changed(sent, before, USER)) {
            o.setUser(JsonValues.readString(now.get(USER), USER));
        }
        if (changed(sent, before, SAFETY_IDENTIFIER)) {
            o.setSafetyIdentifier(JsonValues.readString(now.get(SAFETY_IDENTIFIER), SAFETY_IDENTIFIER));
        }
        if (changed(sent, before, METADATA)) {
            o.setMetadata(JsonValues.readStringMap(now.get(METADATA), METADATA));
        }
        if (changed(sent, before, EXTRA_BODY)) {
            o.setExtraBody(JsonValues.readObject(now.get(EXTRA_BODY), EXTRA_BODY));
        }
        if (changed(sent, before, PROMPT_CACHE_KEY)) {
            o.setPromptCacheKey(JsonValues.readString(now.get(PROMPT_CACHE_KEY), PROMPT_CACHE_KEY));
        }
        if (changed(sent, before, TOOL_CHOICE)) {
            o.setToolChoice(OpenAiExtras.toolChoice(now.get(TOOL_CHOICE)));
        }
        if (changed(sent, before, REASONING_EFFORT)) {
            o.setReasoningEffort(JsonValues.readString(now.get(REASONING_EFFORT), REASONING_EFFORT));
        }
        if (changed(sent, before, VERBOSITY)) {
            o.setVerbosity(JsonValues.readString(now.get(VERBOSITY), VERBOSITY));
        }
        if (changed(sent, before, SERVICE_TIER)) {
            o.setServiceTier(JsonValues.readString(now.get(SERVICE_TIER), SERVICE_TIER));
        }
        if (changed(sent, before, MODALITIES)) {
            o.setOutputModalities(JsonValues.readStringList(now.get(MODALITIES), MODALITIES));
        }
        if (changed(sent, before, LOGIT_BIAS)) {
            o.setLogitBias(JsonValues.readIntMap(now.get(LOGIT_BIAS), LOGIT_BIAS));
        }
        if (changed(sent, before, HTTP_HEADERS)) {
            o.setHttpHeaders(OpenAiExtras.headers(sent, before, original.getHttpHeaders()));
        }
    }

    private static ResponseFormat responseFormat(String format, String name, ResponseFormat original) {
        if (format == null) {
            return null;
        }
        for (ResponseFormat.Type t : ResponseFormat.Type.values()) {
            if (t != ResponseFormat.Type.JSON_SCHEMA && t.name().toLowerCase(Locale.ROOT).equals(format)) {
                return ResponseFormat.builder().type(t).build();
            }
        }
        ResponseFormat.JsonSchema was = original == null ? null : original.getJsonSchema();
        ResponseFormat.JsonSchema.Builder schema = ResponseFormat.JsonSchema.builder().schema(format);
        if (name != null) {
            schema.name(name);
        }
        if (was != null && was.getStrict() != null) {
            schema.strict(was.getStrict());
        }
        return ResponseFormat.builder().type(ResponseFormat.Type.JSON_SCHEMA).jsonSchema(schema.build()).build();
    }
}
