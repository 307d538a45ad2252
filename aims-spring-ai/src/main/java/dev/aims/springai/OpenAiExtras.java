package dev.aims.springai;

import dev.aims.api.AiRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The names, as on the wire, of the extras that carry the text-bearing settings of {@code OpenAiChatOptions}, and the
 * steps both Spring AI lines' {@link OpenAiOptionsTranslator} take with them.
 */
final class OpenAiExtras {
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
    static final String SAFETY_IDENTIFIER = "safety_identifier";
    static final String JSON_SCHEMA_NAME = "response_format.json_schema.name";
    /** The HTTP headers a call adds to the model's own or changes: a JSON object, name to value. */
    static final String HTTP_HEADERS = "http_headers";

    private OpenAiExtras() {
    }

    /** @return 1 when the value could not be written as JSON (it is then sent as it is, if a policy allows) */
    static int put(AiRequest.Builder b, String name, Object value) {
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

    /**
     * Carries a tool choice: JSON text (a named function) as the document it is, so that its structure is redacted
     * as JSON; other text as a JSON string.
     *
     * @return 1 when the choice is an object AIMS cannot read (an SDK type), else 0
     */
    static int putToolChoice(AiRequest.Builder b, Object choice) {
        if (choice instanceof String) {
            String text = (String) choice;
            if (isJsonObject(text)) {
                b.extra(TOOL_CHOICE, text);
                return 0;
            }
            return put(b, TOOL_CHOICE, text);
        }
        return choice == null ? 0 : 1;
    }

    /** @return the tool choice to send, from its extra, in the form {@link #putToolChoice} took it */
    static String toolChoice(String extra) {
        return extra != null && isJsonObject(extra)
                ? JsonValues.write(JsonValues.readObject(extra, TOOL_CHOICE))
                : JsonValues.readString(extra, TOOL_CHOICE);
    }

    static boolean isJsonObject(String s) {
        String t = s.strip();
        return t.startsWith("{") && JsonValues.isJson(t);
    }

    /**
     * Carries the HTTP headers a call sends beyond the model's own as one extra, so that their values are redacted:
     * the provider reads them with the request. A header with the name and value the model is configured with
     * ({@code configured}: its default options) configures the transport, not the conversation, and is kept.
     *
     * @return 1 when the headers could not be written as JSON, else 0
     */
    static int putHeaders(AiRequest.Builder b, Map<String, String> headers, Map<String, String> configured) {
        if (headers == null || headers.isEmpty()) {
            return 0;
        }
        Map<String, String> own = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (configured == null || !Objects.equals(configured.get(name), value)) {
                own.put(name, value);
            }
        });
        return put(b, HTTP_HEADERS, own);
    }

    /** @return the headers to send: {@code headers} with the call's own ones as they leave (redacted) */
    static Map<String, String> headers(AiRequest sent, AiRequest before, Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        String was = before.extras().get(HTTP_HEADERS);
        if (was != null) {
            JsonValues.readStringMap(was, HTTP_HEADERS).keySet().forEach(out::remove);
        }
        String now = sent.extras().get(HTTP_HEADERS);
        if (now != null) {
            out.putAll(JsonValues.readStringMap(now, HTTP_HEADERS));
        }
        return out;
    }

    /** @return whether a policy changed the extra between the translated request and the one that leaves */
    static boolean changed(AiRequest now, AiRequest was, String name) {
        return !Objects.equals(now.extras().get(name), was.extras().get(name));
    }
}
