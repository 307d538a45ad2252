package dev.aims.otel;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Every name AIMS emits to OpenTelemetry: the GenAI semantic-convention attributes it sets, the {@code aims.*}
 * governance attributes, the span event and the metric names.
 *
 * <p>The GenAI conventions are still marked <em>development</em>; keeping every name here means that following a
 * rename (as {@code gen_ai.system} became {@code gen_ai.provider.name}) is a change to this one class. None of these
 * attributes carries prompt or response text except {@link #GEN_AI_INPUT_MESSAGES} and
 * {@link #GEN_AI_OUTPUT_MESSAGES}, which are only set when content capture is switched on, and then hold redacted
 * text.
 */
public final class AimsAttributes {
    // GenAI semantic conventions (development), set when the span starts so that samplers can read them.

    /** The operation, e.g. {@code chat}. */
    public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");
    /** The provider, e.g. {@code openai}; the current name of what was {@link #GEN_AI_SYSTEM}. */
    public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");
    /** The provider under its pre-1.37 name; emitted only when the compatibility switch is on. */
    public static final AttributeKey<String> GEN_AI_SYSTEM = stringKey("gen_ai.system");
    /** The model the application asked for. */
    public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");
    /** The provider's host. */
    public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
    /** The provider's port. */
    public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");

    // GenAI semantic conventions, set when the call ends.

    /** The requested sampling temperature. */
    public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
    /** The requested output token limit. */
    public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
    /** The requested nucleus-sampling parameter. */
    public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
    /** Whether the answer was streamed. */
    public static final AttributeKey<Boolean> GEN_AI_REQUEST_STREAM = booleanKey("gen_ai.request.stream");
    /** The provider's id for the response. */
    public static final AttributeKey<String> GEN_AI_RESPONSE_ID = stringKey("gen_ai.response.id");
    /** The model that answered. */
    public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = stringKey("gen_ai.response.model");
    /** Why generation stopped, one per choice. */
    public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
            stringArrayKey("gen_ai.response.finish_reasons");
    /** Seconds from the start of a streamed call to its first chunk. */
    public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
            doubleKey("gen_ai.response.time_to_first_chunk");
    /** Prompt tokens the provider reported. */
    public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    /** Completion tokens the provider reported. */
    public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    /** The session (conversation) id of the call's context. */
    public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = stringKey("gen_ai.conversation.id");
    /** The (redacted) request messages as JSON; only with content capture on. */
    public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");
    /** The (redacted) response messages as JSON; only with content capture on. */
    public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
    /** Input or output, on {@link #METRIC_TOKEN_USAGE}. */
    public static final AttributeKey<String> GEN_AI_TOKEN_TYPE = stringKey("gen_ai.token.type");
    /** The fully qualified type of the exception that ended a denied or failed call. */
    public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
    /** The end user: the context's principal, or its keyed hash when pseudonymous ids are on. */
    public static final AttributeKey<String> ENDUSER_ID = stringKey("enduser.id");

    // AIMS governance attributes.

    /** The call's id, as in the evidence log. */
    public static final AttributeKey<String> AIMS_CALL_ID = stringKey("aims.call.id");
    /** The AI system's id in the inventory. */
    public static final AttributeKey<String> AIMS_SYSTEM_ID = stringKey("aims.system.id");
    /** The declared purpose (intended use). */
    public static final AttributeKey<String> AIMS_PURPOSE = stringKey("aims.purpose");
    /** The tenant or team. */
    public static final AttributeKey<String> AIMS_TENANT = stringKey("aims.tenant");
    /** {@code allowed}, {@code denied} or {@code error}. */
    public static final AttributeKey<String> AIMS_OUTCOME = stringKey("aims.outcome");
    /** The hash of the policy set in force. */
    public static final AttributeKey<String> AIMS_POLICY_SET_HASH = stringKey("aims.policy.set.hash");
    /** The id of the policy whose decision determined the outcome (first deny, else last modify). */
    public static final AttributeKey<String> AIMS_POLICY_DECISIVE_ID = stringKey("aims.policy.decisive.id");
    /** The version of that policy. */
    public static final AttributeKey<String> AIMS_POLICY_DECISIVE_VERSION =
            stringKey("aims.policy.decisive.version");
    /** The reason code of that decision. */
    public static final AttributeKey<String> AIMS_POLICY_DECISIVE_REASON = stringKey("aims.policy.decisive.reason");
    /** The number of redaction findings. */
    public static final AttributeKey<Long> AIMS_REDACTION_COUNT = longKey("aims.redaction.count");
    /** The entity types found, sorted. */
    public static final AttributeKey<List<String>> AIMS_REDACTION_TYPES = stringArrayKey("aims.redaction.types");
    /** The call this one continues. */
    public static final AttributeKey<String> AIMS_PARENT_CALL_ID = stringKey("aims.parent.call.id");
    /** The documents or tools whose content went into the prompt. */
    public static final AttributeKey<List<String>> AIMS_SOURCE_IDS = stringArrayKey("aims.source.ids");

    // Attributes of the decision event and of the governance metrics.

    /** A policy's id. */
    public static final AttributeKey<String> AIMS_POLICY_ID = stringKey("aims.policy.id");
    /** A policy's version. */
    public static final AttributeKey<String> AIMS_POLICY_VERSION = stringKey("aims.policy.version");
    /** The stage a decision was taken at: {@code pre}, {@code pre_send} or {@code post}. */
    public static final AttributeKey<String> AIMS_POLICY_STAGE = stringKey("aims.policy.stage");
    /** The decision's effect: {@code allow}, {@code deny} or {@code modify}. */
    public static final AttributeKey<String> AIMS_POLICY_EFFECT = stringKey("aims.policy.effect");
    /** The decision's machine reason code. */
    public static final AttributeKey<String> AIMS_POLICY_REASON = stringKey("aims.policy.reason");
    /** Whether the decision is a shadow ("would deny, only recorded"). */
    public static final AttributeKey<Boolean> AIMS_POLICY_SHADOW = booleanKey("aims.policy.shadow");
    /** An entity type, on {@link #METRIC_REDACTIONS}. */
    public static final AttributeKey<String> AIMS_REDACTION_TYPE = stringKey("aims.redaction.type");

    // Event and metric names.

    /** The span event added for every decision that is not a plain allow (shadow decisions included). */
    public static final String EVENT_POLICY_DECISION = "aims.policy.decision";
    /** Histogram of call durations, in seconds. */
    public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";
    /** Histogram of tokens per call, by {@link #GEN_AI_TOKEN_TYPE}. */
    public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";
    /** Counter of policy decisions by policy, effect and stage. */
    public static final String METRIC_POLICY_DECISIONS = "aims.policy.decisions";
    /** Counter of redaction findings by entity type. */
    public static final String METRIC_REDACTIONS = "aims.redactions";
    /** Counter of calls by outcome. */
    public static final String METRIC_CALLS = "aims.calls";

    /** The instrumentation scope name of AIMS's tracer and meter. */
    public static final String INSTRUMENTATION_SCOPE = "dev.aims";

    private AimsAttributes() {
    }
}
