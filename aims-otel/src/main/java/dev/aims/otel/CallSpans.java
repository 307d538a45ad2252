package dev.aims.otel;

import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.PolicyDecision;
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

/**
 * Starts and finishes the span of a governed call: the name and the attributes samplers read at the start, then,
 * from the call's record, the rest of the GenAI attributes, the governance attributes, one event per decision that
 * was not a plain allow, and the status. It never records an exception: a provider's exception message or stack
 * trace can echo the prompt. Thread-safe.
 */
final class CallSpans {
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final Tracer tracer;
    private final boolean legacySystemAttribute;
    private final UserIdHasher userIdHasher;

    /**
     * @param userIdHasher turns principals into pseudonyms, or null to emit them as they are
     */
    CallSpans(Tracer tracer, boolean legacySystemAttribute, UserIdHasher userIdHasher) {
        this.tracer = tracer;
        this.legacySystemAttribute = legacySystemAttribute;
        this.userIdHasher = userIdHasher;
    }

    /** Starts the span of a call about to run, as a child of the current context. */
    Span start(AiRequest request, String callId) {
        SpanBuilder b = builder(request.operationName(), request.model(), callId);
        request.provider().ifPresent(p -> provider(b, p));
        request.serverAddress().ifPresent(a -> b.setAttribute(AimsAttributes.SERVER_ADDRESS, a));
        if (request.serverPort() != 0) {
            b.setAttribute(AimsAttributes.SERVER_PORT, (long) request.serverPort());
        }
        return b.startSpan();
    }

    /**
     * Starts, after the fact, the span of a call that no interceptor traced (the observer was installed alone): it
     * starts at the record's start time, as a child of the current context.
     */
    Span startFromRecord(CallRecord record) {
        SpanBuilder b = builder(record.operationName(), record.requestModel(), record.callId())
                .setStartTimestamp(record.startedAt());
        provider(b, record.provider());
        record.serverAddress().ifPresent(a -> b.setAttribute(AimsAttributes.SERVER_ADDRESS, a));
        if (record.serverPort() != 0) {
            b.setAttribute(AimsAttributes.SERVER_PORT, (long) record.serverPort());
        }
        return b.startSpan();
    }

    private SpanBuilder builder(String operation, String model, String callId) {
        return tracer.spanBuilder(operation + " " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current())
                .setAttribute(AimsAttributes.GEN_AI_OPERATION_NAME, operation)
                .setAttribute(AimsAttributes.GEN_AI_REQUEST_MODEL, model)
                .setAttribute(AimsAttributes.AIMS_CALL_ID, callId);
    }

    private void provider(SpanBuilder b, String provider) {
        b.setAttribute(AimsAttributes.GEN_AI_PROVIDER_NAME, provider);
        if (legacySystemAttribute) {
            b.setAttribute(AimsAttributes.GEN_AI_SYSTEM, provider);
        }
    }

    /** Sets what the record tells on the span, with its status; the caller ends the span. */
    void finish(Span span, CallRecord record) {
        if (!span.isRecording()) {
            return;
        }
        // The record knows the provider and server even when the request did not name them.
        span.setAttribute(AimsAttributes.GEN_AI_PROVIDER_NAME, record.provider());
        if (legacySystemAttribute) {
            span.setAttribute(AimsAttributes.GEN_AI_SYSTEM, record.provider());
        }
        record.serverAddress().ifPresent(a -> span.setAttribute(AimsAttributes.SERVER_ADDRESS, a));
        if (record.serverPort() != 0) {
            span.setAttribute(AimsAttributes.SERVER_PORT, (long) record.serverPort());
        }
        record.temperature().ifPresent(t -> span.setAttribute(AimsAttributes.GEN_AI_REQUEST_TEMPERATURE, t));
        record.maxTokens().ifPresent(m -> span.setAttribute(AimsAttributes.GEN_AI_REQUEST_MAX_TOKENS, (long) m));
        record.topP().ifPresent(p -> span.setAttribute(AimsAttributes.GEN_AI_REQUEST_TOP_P, p));
        span.setAttribute(AimsAttributes.GEN_AI_REQUEST_STREAM, record.streaming());
        response(span, record);
        context(span, record.context());
        governance(span, record);
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
        if (record.usage().totalTokens() > 0) {
            span.setAttribute(AimsAttributes.GEN_AI_USAGE_INPUT_TOKENS, record.usage().inputTokens());
            span.setAttribute(AimsAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, record.usage().outputTokens());
        }
        if (record.firstChunkAt().isPresent()) {
            Instant first = record.firstChunkAt().get();
            double seconds = Duration.between(record.startedAt(), first).toNanos() / NANOS_PER_SECOND;
            span.setAttribute(AimsAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, Math.max(0, seconds));
        }
    }

    private void context(Span span, CallContext context) {
        context.sessionId().ifPresent(s -> span.setAttribute(AimsAttributes.GEN_AI_CONVERSATION_ID, s));
        context.systemId().ifPresent(s -> span.setAttribute(AimsAttributes.AIMS_SYSTEM_ID, s));
        context.purpose().ifPresent(p -> span.setAttribute(AimsAttributes.AIMS_PURPOSE, p));
        context.tenant().ifPresent(t -> span.setAttribute(AimsAttributes.AIMS_TENANT, t));
        context.principal().ifPresent(p -> span.setAttribute(AimsAttributes.ENDUSER_ID,
                userIdHasher == null ? p : userIdHasher.hash(p)));
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
        span.setAttribute(AimsAttributes.AIMS_REDACTION_COUNT, (long) record.findingTotal());
        if (!record.findingCounts().isEmpty()) {
            span.setAttribute(AimsAttributes.AIMS_REDACTION_TYPES, List.copyOf(record.findingCounts().keySet()));
        }
        for (PolicyDecision d : record.decisions()) {
            if (d.effect() != PolicyDecision.Effect.ALLOW || d.shadow()) {
                // The decision's human message stays out: the reason code says why without free text.
                span.addEvent(AimsAttributes.EVENT_POLICY_DECISION, Attributes.builder()
                        .put(AimsAttributes.AIMS_POLICY_ID, d.policyId())
                        .put(AimsAttributes.AIMS_POLICY_VERSION, d.policyVersion())
                        .put(AimsAttributes.AIMS_POLICY_STAGE, GenAiMetrics.stageName(d.stage()))
                        .put(AimsAttributes.AIMS_POLICY_EFFECT, GenAiMetrics.effectName(d.effect()))
                        .put(AimsAttributes.AIMS_POLICY_REASON, d.reasonCode())
                        .put(AimsAttributes.AIMS_POLICY_SHADOW, d.shadow())
                        .build());
            }
        }
    }

    private static void status(Span span, CallRecord record) {
        switch (record.outcome()) {
            case ALLOWED:
                // The conventions leave an ended-as-expected span UNSET; OK is the application's to set.
                break;
            case DENIED:
                span.setAttribute(AimsAttributes.ERROR_TYPE, record.errorType().orElseThrow());
                span.setStatus(StatusCode.ERROR, record.decisiveDecision()
                        .map(d -> "denied by policy " + d.policyId() + " at " + GenAiMetrics.stageName(d.stage())
                                + ": " + d.reasonCode())
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
