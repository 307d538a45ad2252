package dev.aims.otel;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.api.common.AttributeKey.valueKey;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Value;
import java.util.List;

/**
 * Every name AIMS emits to OpenTelemetry: the GenAI semantic-convention attributes it sets, the guardrail result
 * event it adds for each policy decision, the {@code aims.*} governance attributes that extend them, and the metric
 * names.
 *
 * <p>The GenAI conventions are still marked <em>development</em> and now live in their own repository
 * ({@code open-telemetry/semantic-conventions-genai}); keeping every name here means that following a rename (as
 * {@code gen_ai.system} became {@code gen_ai.provider.name}) is a change to this one class, and a test compares these
 * names with the published conventions artefact. None of these attributes carries prompt or response text except
 * {@link #GEN_AI_INPUT_MESSAGES} and {@link #GEN_AI_OUTPUT_MESSAGES}, which are only set when content capture is
 * switched on, and then hold redacted text.
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
    /** Prompt tokens the provider reported, cached ones included. */
    public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    /** Completion tokens the provider reported, reasoning ones included. */
    public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    /** Input tokens served from the provider's prompt cache, when it reported them. */
    public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
            longKey("gen_ai.usage.cache_read.input_tokens");
    /** Input tokens written to the provider's prompt cache, when it reported them. */
    public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
            longKey("gen_ai.usage.cache_creation.input_tokens");
    /** Output tokens spent on reasoning, when the provider reported them. */
    public static final AttributeKey<Long> GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
            longKey("gen_ai.usage.reasoning.output_tokens");
    /** The session (conversation) id of the call's context, as redacted by the client. */
    public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = stringKey("gen_ai.conversation.id");
    /** The (redacted) request messages as JSON on the span; only with content capture on. */
    public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");
    /** The (redacted) response messages as JSON on the span; only with content capture on. */
    public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
    /** The (redacted) request messages, structured, on {@link #EVENT_INFERENCE_DETAILS}. */
    public static final AttributeKey<Value<?>> GEN_AI_INPUT_MESSAGES_VALUE = valueKey("gen_ai.input.messages");
    /** The (redacted) response messages, structured, on {@link #EVENT_INFERENCE_DETAILS}. */
    public static final AttributeKey<Value<?>> GEN_AI_OUTPUT_MESSAGES_VALUE = valueKey("gen_ai.output.messages");
    /** Input or output, on {@link #METRIC_TOKEN_USAGE}. */
    public static final AttributeKey<String> GEN_AI_TOKEN_TYPE = stringKey("gen_ai.token.type");
    /** The fully qualified type of the exception that ended a denied or failed call. */
    public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
    /**
     * The end user as a keyed pseudonym of the context's principal (HMAC-SHA-256): the default, so that calls group
     * by user without telling who the user is.
     */
    public static final AttributeKey<String> ENDUSER_PSEUDO_ID = stringKey("enduser.pseudo.id");
    /** The end user as the application named it; emitted only when raw user ids were switched on explicitly. */
    public static final AttributeKey<String> ENDUSER_ID = stringKey("enduser.id");

    // GenAI guardrail conventions: one event per policy decision.

    /** The guardrail component: always {@value #GUARDRAIL_COMPONENT}. */
    public static final AttributeKey<String> GEN_AI_GUARDRAIL_COMPONENT_NAME =
            stringKey("gen_ai.guardrail.component.name");
    /** The id of the policy that decided. */
    public static final AttributeKey<String> GEN_AI_GUARDRAIL_POLICY_ID = stringKey("gen_ai.guardrail.policy.id");
    /** The version of the policy that decided. */
    public static final AttributeKey<String> GEN_AI_GUARDRAIL_POLICY_VERSION =
            stringKey("gen_ai.guardrail.policy.version");
    /** The name of AIMS's native result field: always {@value #GUARDRAIL_RESULT_TYPE}. */
    public static final AttributeKey<String> GEN_AI_GUARDRAIL_RESULT_TYPE = stringKey("gen_ai.guardrail.result.type");
    /** AIMS's native result: {@code allow}, {@code deny} or {@code modify}. */
    public static final AttributeKey<String> GEN_AI_GUARDRAIL_RESULT_VALUE =
            stringKey("gen_ai.guardrail.result.value");
    /** The decision's machine reason code; never its human message, which may quote the input. */
    public static final AttributeKey<String> GEN_AI_GUARDRAIL_RESULT_REASON =
            stringKey("gen_ai.guardrail.result.reason");
    /** The stage whose content was evaluated: {@code pre}, {@code pre_send} or {@code post}. */
    public static final AttributeKey<String> GEN_AI_GUARDRAIL_SOURCE = stringKey("gen_ai.guardrail.source");

    // AIMS governance attributes.

    /** The call's id, as in the evidence log. */
    public static final AttributeKey<String> AIMS_CALL_ID = stringKey("aims.call.id");
    /** The AI system's id in the inventory, as redacted by the client. */
    public static final AttributeKey<String> AIMS_SYSTEM_ID = stringKey("aims.system.id");
    /** The declared purpose (intended use), as redacted by the client. */
    public static final AttributeKey<String> AIMS_PURPOSE = stringKey("aims.purpose");
    /** The tenant or team, as redacted by the client. */
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
    /**
     * Whether the client redacted the call's outbound text; false when it was built with {@code Redactor.none()},
     * a control gap an auditor looks for. On the span and on {@link #METRIC_CALLS}.
     */
    public static final AttributeKey<Boolean> AIMS_REDACTION_ENABLED = booleanKey("aims.redaction.enabled");
    /** The number of redaction findings. */
    public static final AttributeKey<Long> AIMS_REDACTION_COUNT = longKey("aims.redaction.count");
    /** The entity types found, sorted. */
    public static final AttributeKey<List<String>> AIMS_REDACTION_TYPES = stringArrayKey("aims.redaction.types");
    /** The number of pseudonyms restored into tool-call arguments. */
    public static final AttributeKey<Long> AIMS_RESTORATION_COUNT = longKey("aims.restoration.count");
    /** The entity types restored into tool-call arguments, sorted, each once; never a value. */
    public static final AttributeKey<List<String>> AIMS_RESTORATION_TYPES = stringArrayKey("aims.restoration.types");
    /** The call this one continues. */
    public static final AttributeKey<String> AIMS_PARENT_CALL_ID = stringKey("aims.parent.call.id");
    /** The documents or tools whose content went into the prompt, as redacted by the client. */
    public static final AttributeKey<List<String>> AIMS_SOURCE_IDS = stringArrayKey("aims.source.ids");

    // AIMS extensions of the guardrail event, and attributes of the governance metrics.

    /** A policy's id, on {@link #METRIC_POLICY_DECISIONS}. */
    public static final AttributeKey<String> AIMS_POLICY_ID = stringKey("aims.policy.id");
    /** The stage a decision was taken at, on {@link #METRIC_POLICY_DECISIONS}. */
    public static final AttributeKey<String> AIMS_POLICY_STAGE = stringKey("aims.policy.stage");
    /** The decision's effect, on {@link #METRIC_POLICY_DECISIONS}. */
    public static final AttributeKey<String> AIMS_POLICY_EFFECT = stringKey("aims.policy.effect");
    /**
     * Whether the decision is a shadow ("would deny, only recorded"), on the guardrail event and on
     * {@link #METRIC_POLICY_DECISIONS}: its native result is {@code allow}, its reason the one it would deny for.
     */
    public static final AttributeKey<Boolean> AIMS_POLICY_SHADOW = booleanKey("aims.policy.shadow");
    /** An entity type, on {@link #METRIC_REDACTIONS}. */
    public static final AttributeKey<String> AIMS_REDACTION_TYPE = stringKey("aims.redaction.type");
    /** An entity type, on {@link #METRIC_RESTORATIONS}. */
    public static final AttributeKey<String> AIMS_RESTORATION_TYPE = stringKey("aims.restoration.type");

    /**
     * A policy's version.
     *
     * @deprecated no longer emitted: the guardrail event carries {@link #GEN_AI_GUARDRAIL_POLICY_VERSION}
     */
    @Deprecated
    public static final AttributeKey<String> AIMS_POLICY_VERSION = stringKey("aims.policy.version");
    /**
     * A decision's reason code.
     *
     * @deprecated no longer emitted: the guardrail event carries {@link #GEN_AI_GUARDRAIL_RESULT_REASON}
     */
    @Deprecated
    public static final AttributeKey<String> AIMS_POLICY_REASON = stringKey("aims.policy.reason");

    // Values of the guardrail event.

    /** The value of {@link #GEN_AI_GUARDRAIL_COMPONENT_NAME}. */
    public static final String GUARDRAIL_COMPONENT = "AIMS";
    /** The value of {@link #GEN_AI_GUARDRAIL_RESULT_TYPE}: the native field the result comes from. */
    public static final String GUARDRAIL_RESULT_TYPE = "effect";

    // Event and metric names.

    /** The span event added for every policy decision, plain allows included. */
    public static final String EVENT_GUARDRAIL_RESULT = "gen_ai.guardrail.result";
    /** The log event carrying the call's (redacted) messages, when content capture sends content to events. */
    public static final String EVENT_INFERENCE_DETAILS = "gen_ai.client.inference.operation.details";
    /**
     * The span event once added for every decision that was not a plain allow.
     *
     * @deprecated no longer emitted: every decision is an {@link #EVENT_GUARDRAIL_RESULT}
     */
    @Deprecated
    public static final String EVENT_POLICY_DECISION = "aims.policy.decision";
    /** Histogram of the durations, in seconds, of calls that reached the provider. */
    public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";
    /** Histogram of tokens per call, by {@link #GEN_AI_TOKEN_TYPE}. */
    public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";
    /** Histogram of the seconds from the start of a streamed call to its first chunk. */
    public static final String METRIC_TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    /** Histogram of the seconds between successive chunks of a streamed call, one point per chunk after the first. */
    public static final String METRIC_TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";
    /**
     * Histogram of the durations, in seconds, of calls that ended before anything was sent to the provider (denied
     * by a policy, refused by a control), by {@link #AIMS_OUTCOME} and {@link #ERROR_TYPE}: kept apart from
     * {@link #METRIC_OPERATION_DURATION} so that fast refusals do not pull the provider's latency down.
     */
    public static final String METRIC_UNSENT_DURATION = "aims.call.unsent.duration";
    /** Counter of policy decisions by policy, effect, stage and shadow. */
    public static final String METRIC_POLICY_DECISIONS = "aims.policy.decisions";
    /** Counter of redaction findings by entity type. */
    public static final String METRIC_REDACTIONS = "aims.redactions";
    /** Counter of pseudonyms restored into tool-call arguments, by entity type. */
    public static final String METRIC_RESTORATIONS = "aims.restorations";
    /** Counter of calls by outcome and whether redaction was on. */
    public static final String METRIC_CALLS = "aims.calls";

    /** The instrumentation scope name of AIMS's tracer, meter and logger. */
    public static final String INSTRUMENTATION_SCOPE = "dev.aims";

    private AimsAttributes() {
    }
}
