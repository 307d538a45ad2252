package dev.aims.langchain4j;

import dev.aims.api.AiRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OpenAI's own request parameters ({@link OpenAiChatRequestParameters}), as AIMS extras and back. The ones that can
 * hold text become extras named as on the wire: {@code user}, {@code metadata}, {@code store}, {@code service_tier},
 * {@code reasoning_effort} and {@code custom_parameters} (the whole map, so that its keys are redacted too); custom
 * parameters that are not plain JSON count as one uninspected part. The numeric and boolean options (max completion
 * tokens, logit bias, parallel tool calls, seed, log-probabilities) hold no text and are kept as they are.
 *
 * <p>langchain4j-open-ai is an optional dependency: this class is reached only for parameters of that class, so it
 * is never loaded when the application does not have it.
 */
final class OpenAiParameters {
    static final String CLASS_NAME = "dev.langchain4j.model.openai.OpenAiChatRequestParameters";
    static final String USER = "user";
    static final String METADATA = "metadata";
    static final String STORE = "store";
    static final String SERVICE_TIER = "service_tier";
    static final String REASONING_EFFORT = "reasoning_effort";
    static final String CUSTOM_PARAMETERS = "custom_parameters";

    private OpenAiParameters() {
    }

    /**
     * @return how many parts could not be inspected
     */
    static int toAims(ChatRequestParameters parameters, AiRequest.Builder b) {
        OpenAiChatRequestParameters p = (OpenAiChatRequestParameters) parameters;
        if (p.user() != null) {
            b.extra(USER, Json.plain(p.user()));
        }
        if (p.metadata() != null && !p.metadata().isEmpty()) {
            b.extra(METADATA, Json.plain(p.metadata()));
        }
        if (p.store() != null) {
            b.extra(STORE, p.store().toString());
        }
        if (p.serviceTier() != null) {
            b.extra(SERVICE_TIER, Json.plain(p.serviceTier()));
        }
        if (p.reasoningEffort() != null) {
            b.extra(REASONING_EFFORT, Json.plain(p.reasoningEffort()));
        }
        if (p.customParameters() != null && !p.customParameters().isEmpty()) {
            String json = Json.plain(p.customParameters());
            if (json == null) {
                return 1;
            }
            b.extra(CUSTOM_PARAMETERS, json);
        }
        return 0;
    }

    /**
     * @return a builder of OpenAI parameters holding the governed extras and the original's settings without text;
     *         the caller sets the common parameters
     */
    static DefaultChatRequestParameters.Builder<?> toLangChain4j(AiRequest sent, ChatRequestParameters parameters) {
        OpenAiChatRequestParameters p = (OpenAiChatRequestParameters) parameters;
        Map<String, String> extras = sent.extras();
        OpenAiChatRequestParameters.Builder b = OpenAiChatRequestParameters.builder()
                .maxCompletionTokens(p.maxCompletionTokens())
                .logitBias(p.logitBias())
                .parallelToolCalls(p.parallelToolCalls())
                .seed(p.seed())
                .logprobs(p.logprobs())
                .topLogprobs(p.topLogprobs());
        if (extras.containsKey(USER)) {
            b.user(Json.string(extras.get(USER), field(USER)));
        }
        if (extras.containsKey(METADATA)) {
            b.metadata(Json.stringMap(extras.get(METADATA), field(METADATA)));
        }
        if (extras.containsKey(STORE)) {
            b.store(Json.bool(extras.get(STORE), field(STORE)));
        }
        if (extras.containsKey(SERVICE_TIER)) {
            b.serviceTier(Json.string(extras.get(SERVICE_TIER), field(SERVICE_TIER)));
        }
        if (extras.containsKey(REASONING_EFFORT)) {
            b.reasoningEffort(Json.string(extras.get(REASONING_EFFORT), field(REASONING_EFFORT)));
        }
        if (extras.containsKey(CUSTOM_PARAMETERS)) {
            b.customParameters(Json.object(extras.get(CUSTOM_PARAMETERS), field(CUSTOM_PARAMETERS)));
        } else if (p.customParameters() != null && Json.plain(p.customParameters()) == null) {
            // Not plain JSON: counted as uninspected and let through by policy.
            b.customParameters(p.customParameters());
        }
        return b;
    }

    private static String field(String extra) {
        return "extras['" + extra + "']";
    }

    /** @return the names of the OpenAI parameters that hold text and differ between the two */
    static List<String> differences(ChatRequestParameters built, ChatRequestParameters merged) {
        List<String> out = new ArrayList<>();
        if (!(built instanceof OpenAiChatRequestParameters a) || !(merged instanceof OpenAiChatRequestParameters b)) {
            return out;
        }
        if (!Objects.equals(a.user(), b.user())) {
            out.add(USER);
        }
        if (!sameMap(a.metadata(), b.metadata())) {
            out.add(METADATA);
        }
        if (!Objects.equals(a.store(), b.store())) {
            out.add(STORE);
        }
        if (!Objects.equals(a.serviceTier(), b.serviceTier())) {
            out.add(SERVICE_TIER);
        }
        if (!Objects.equals(a.reasoningEffort(), b.reasoningEffort())) {
            out.add(REASONING_EFFORT);
        }
        if (!sameMap(a.customParameters(), b.customParameters())) {
            out.add(CUSTOM_PARAMETERS);
        }
        return out;
    }

    private static boolean sameMap(Map<?, ?> a, Map<?, ?> b) {
        return (a == null || a.isEmpty()) ? (b == null || b.isEmpty()) : a.equals(b);
    }
}
