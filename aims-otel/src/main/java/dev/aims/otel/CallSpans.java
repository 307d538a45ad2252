package dev.aims.otel;

import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.FinishReason;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.Restoration;
import dev.aims.api.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Starts and finishes the span of a governed call: the name and the attributes samplers read at the start, then,
 * from the call's record, the rest of the GenAI attributes, the governance attributes, one guardrail result event per
 * decision, and the status. It never records an exception: a provider's exception message or stack trace can echo
 * the prompt. It reads the context only from the record or the start, whose free text the client already redacted,
 * and writes the principal as a keyed pseudonym unless raw ids were switched on. Thread-safe.
 */
final class CallSpans {
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;
    /** Distinct decision kinds whose event attributes are kept; real policy sets have tens. */
    private static final int CACHED_DECISIONS = 1024;

    private final Tracer tracer;
    private final boolean legacySystemAttribute;
    private final EndUsers endUsers;
    private final AttributesCache<DecisionKey, Attributes> decisionEvents =
            new AttributesCache<>(CACHED_DECISIONS, CallSpans::decisionEvent);

    CallSpans(Tracer tracer, boolean legacySystemAttribute, EndUsers endUsers) {
        this.tracer = tracer;
        this.legacySystemAttribute = legacySystemAttribute;
        this.endUsers = endUsers;
    }

    /** Starts the span of a call about to run, as a child of the current context. */
    Span start(CallStart start) {
        SpanBuilder b = builder(start.operationName(), start.requestModel(), start.callId(), start.provider(),
                start.serverAddress().orElse(null), start.serverPort());
        b.setAttribute(AimsAttributes.GEN_AI_REQUEST_STREAM, start.streaming());
        b.setAttribute(AimsAttributes.AIMS_REDACTION_ENABLED, start.redactionEnabled());
        return b.startSpan();
    }

    /**
     * Starts, after the fact, the span of a call whose start this telemetry did not see (the observer was called
     * with the record alone): it starts at the record's start time, as a child of the current context.
     */
    Span startFromRecord(CallRecord record) {
        return builder(record.operationName(), record.requestModel(), record.callId(), record.provider(),
                record.serverAddress().orElse(null), record.serverPort())
                .setStartTimestamp(record.startedAt())
                .startSpan();
    }

    private SpanBuilder builder(String operation, String model, String callId, String provider, String address,
            int port) {
        SpanBuilder b = tracer.spanBuilder(operation + " " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current())
                .setAttribute(AimsAttributes.GEN_AI_OPERATION_NAME, operation)
                .setAttribute(AimsAttributes.GEN_AI_PROVIDER_NAME, provider)
                .setAttribute(AimsAttributes.GEN_AI_REQUEST_MODEL, model)
                .setAttribute(AimsAttributes.AIMS_CALL_ID, callId);
        if (legacySystemAttribute) {
            b.setAttribute(AimsAttributes.GEN_AI_SYSTEM, provider);
        }
        if (address != null) {
            b.setAttribute(AimsAttributes.SERVER_ADDRESS, address);
        }
        if (port != 0) {
            b.setAttribute(AimsAttributes.SERVER_PORT, (long) port);
        }
        return b;
    }

    /** Sets what the record tells on the span, with its status; the caller ends the span. */
    void finish(Span span, CallRecord record) {
        if (!span.isRecording()) {
            return;
        }
        record.temperature().ifPresent(t -> span.setAttribute(AimsAttributes.GEN_AI_REQUEST_TEMPERATURE, t));
        record.maxTokens().ifPresent(m -> span.setAttribute(AimsAttributes.GEN_AI_REQUEST_MAX_TOKENS, (long) m));
        record.topP().ifPresent(p -> span.setAttribute(AimsAttributes.GEN_AI_REQUEST_TOP_P, p));
        span.setAttribute(AimsAttributes.GEN_AI_REQUEST_STREAM, record.streaming());
        response(span, record);
        context(span, record.context());
        governance(span, record);
        decisions(span, record);
        status(span, record);
    }

    private static void response(Span span, CallRecord record) {
        record.responseId().ifPresent(id -> span.setAttribute(AimsAttributes.GEN_AI_RESPONSE_ID, id));
        record.responseModel().ifPresent(m -> span.setAttribute(AimsAttributes.GEN_AI_RESPONSE_MODEL, m));
        if (!record.finishReasons().isEmpty()) {
            List<String> reasons = new ArrayList<>(record.finishReasons().size());
            for (FinishReason r : record.finishReasons()) {
                reasons.add(r.wireName());
            }
            span.setAttribute(AimsAttributes.GEN_AI_RESPONSE_FINISH_REASONS, reasons);
        }
        Usage usage = record.usage();
        if (usage.totalTokens() > 0) {
            span.setAttribute(AimsAttributes.GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens());
            span.setAttribute(AimsAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens());
        }
        reported(span, AimsAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadInputTokens());
        reported(span, AimsAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheCreationInputTokens());
        reported(span, AimsAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningOutputTokens());
        if (record.firstChunkAt().isPresent()) {
            span.setAttribute(AimsAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, timeToFirstChunk(record));
        }
    }

    private static void reported(Span span, AttributeKey<Long> key, long count) {
        // 0 means "not reported" as often as "none": leave it out rather than claim a zero.
        if (count > 0) {
            span.setAttribute(key, count);
        }
    }

    /** @return seconds from the call's start to its first chunk; the record must have one */
    static double timeToFirstChunk(CallRecord record) {
        Instant first = record.firstChunkAt().orElseThrow();
        return Math.max(0, Duration.between(record.startedAt(), first).toNanos() / NANOS_PER_SECOND);
    }

    private void context(Span span, CallContext context) {
        // The client redacted every free-text field of this context before the record was built.
        context.sessionId().ifPresent(s -> span.setAttribute(AimsAttributes.GEN_AI_CONVERSATION_ID, s));
        context.systemId().ifPresent(s -> span.setAttribute(AimsAttributes.AIMS_SYSTEM_ID, s));
        context.purpose().ifPresent(p -> span.setAttribute(AimsAttributes.AIMS_PURPOSE, p));
        context.tenant().ifPresent(t -> span.setAttribute(AimsAttributes.AIMS_TENANT, t));
        context.principal().ifPresent(p -> endUsers.set(span, p));
        context.parentCallId().ifPresent(p -> span.setAttribute(AimsAttributes.AIMS_PARENT_CALL_ID, p));
        if (!context.sourceIds().isEmpty()) {
            span.setAttribute(AimsAttributes.AIMS_SOURCE_IDS, context.sourceIds());
        }
    }

    private static void governance(Span span, CallRecord record) {
        span.setAttribute(AimsAttributes.AIMS_OUTCOME, record.outcome().wireName());
        span.setAttribute(AimsAttributes.AIMS_POLICY_SET_HASH, record.policySetHash());
        record.decisiveDecision().ifPresent(d -> {
            span.setAttribute(AimsAttributes.AIMS_POLICY_DECISIVE_ID, d.policyId());
            span.setAttribute(AimsAttributes.AIMS_POLICY_DECISIVE_VERSION, d.policyVersion());
            span.setAttribute(AimsAttributes.AIMS_POLICY_DECISIVE_REASON, d.reasonCode());
        });
        span.setAttribute(AimsAttributes.AIMS_REDACTION_ENABLED, record.redactionEnabled());
        span.setAttribute(AimsAttributes.AIMS_REDACTION_COUNT, (long) record.findingTotal());
        if (!record.findingCounts().isEmpty()) {
            span.setAttribute(AimsAttributes.AIMS_REDACTION_TYPES, List.copyOf(record.findingCounts().keySet()));
        }
        List<Restoration> restorations = record.restorations();
        if (!restorations.isEmpty()) {
            TreeSet<String> types = new TreeSet<>();
            for (Restoration r : restorations) {
                types.add(r.entityType());
            }
            span.setAttribute(AimsAttributes.AIMS_RESTORATION_COUNT, (long) restorations.size());
            span.setAttribute(AimsAttributes.AIMS_RESTORATION_TYPES, List.copyOf(types));
        }
    }

    private void decisions(Span span, CallRecord record) {
        List<PolicyDecision> decisions = record.decisions();
        for (int i = 0; i < decisions.size(); i++) {
            PolicyDecision d = decisions.get(i);
            // The decision's human message and obligations stay out: the reason code says why without free text.
            span.addEvent(AimsAttributes.EVENT_GUARDRAIL_RESULT, decisionEvents.get(new DecisionKey(d.policyId(),
                    d.policyVersion(), d.effect(), d.stage(), d.reasonCode(), d.shadow())));
        }
    }

    private static Attributes decisionEvent(DecisionKey k) {
        return Attributes.builder()
                .put(AimsAttributes.GEN_AI_GUARDRAIL_COMPONENT_NAME, AimsAttributes.GUARDRAIL_COMPONENT)
                .put(AimsAttributes.GEN_AI_GUARDRAIL_POLICY_ID, k.policyId)
                .put(AimsAttributes.GEN_AI_GUARDRAIL_POLICY_VERSION, k.policyVersion)
                .put(AimsAttributes.GEN_AI_GUARDRAIL_RESULT_TYPE, AimsAttributes.GUARDRAIL_RESULT_TYPE)
                .put(AimsAttributes.GEN_AI_GUARDRAIL_RESULT_VALUE, GenAiMetrics.effectName(k.effect))
                .put(AimsAttributes.GEN_AI_GUARDRAIL_RESULT_REASON, k.reasonCode)
                .put(AimsAttributes.GEN_AI_GUARDRAIL_SOURCE, GenAiMetrics.stageName(k.stage))
                .put(AimsAttributes.AIMS_POLICY_SHADOW, k.shadow)
                .build();
    }

    /** What a decision's event says; equal keys share one attribute set. */
    private record DecisionKey(String policyId, String policyVersion, PolicyDecision.Effect effect, PolicyStage stage,
            String reasonCode, boolean shadow) {
    }

    private static void status(Span span, CallRecord record) {
        switch (record.outcome()) {
            case ALLOWED:
                // The conventions leave an ended-as-expected span UNSET; OK is the application's to set.
                break;
            case DENIED:
                span.setAttribute(AimsAttributes.ERROR_TYPE, record.errorType().orElseThrow());
                span.setStatus(StatusCode.ERROR, record.decisiveDecision()
                        .map(d -> "denied by policy " + d.policyId() + " at "
                                + GenAiMetrics.stageName(d.stage()) + ": " + d.reasonCode())
                        .orElse("denied"));
                break;
            case ERROR:
                span.setAttribute(AimsAttributes.ERROR_TYPE, record.errorType().orElseThrow());
                span.setStatus(StatusCode.ERROR, record.errorType().orElseThrow());
                break;
            default:
                throw new IllegalStateException("unknown outcome " + record.outcome());
        }
    }
}
