package dev.aims.otel;

import static dev.aims.otel.AimsAttributes.AIMS_CALL_ID;
import static dev.aims.otel.AimsAttributes.AIMS_OUTCOME;
import static dev.aims.otel.AimsAttributes.AIMS_PARENT_CALL_ID;
import static dev.aims.otel.AimsAttributes.AIMS_POLICY_DECISIVE_ID;
import static dev.aims.otel.AimsAttributes.AIMS_POLICY_DECISIVE_REASON;
import static dev.aims.otel.AimsAttributes.AIMS_POLICY_DECISIVE_VERSION;
import static dev.aims.otel.AimsAttributes.AIMS_POLICY_SET_HASH;
import static dev.aims.otel.AimsAttributes.AIMS_POLICY_SHADOW;
import static dev.aims.otel.AimsAttributes.AIMS_PURPOSE;
import static dev.aims.otel.AimsAttributes.AIMS_REDACTION_COUNT;
import static dev.aims.otel.AimsAttributes.AIMS_REDACTION_ENABLED;
import static dev.aims.otel.AimsAttributes.AIMS_REDACTION_TYPES;
import static dev.aims.otel.AimsAttributes.AIMS_RESTORATION_COUNT;
import static dev.aims.otel.AimsAttributes.AIMS_RESTORATION_TYPES;
import static dev.aims.otel.AimsAttributes.AIMS_SOURCE_IDS;
import static dev.aims.otel.AimsAttributes.AIMS_SYSTEM_ID;
import static dev.aims.otel.AimsAttributes.AIMS_TENANT;
import static dev.aims.otel.AimsAttributes.ENDUSER_ID;
import static dev.aims.otel.AimsAttributes.ENDUSER_PSEUDO_ID;
import static dev.aims.otel.AimsAttributes.ERROR_TYPE;
import static dev.aims.otel.AimsAttributes.GEN_AI_CONVERSATION_ID;
import static dev.aims.otel.AimsAttributes.GEN_AI_GUARDRAIL_COMPONENT_NAME;
import static dev.aims.otel.AimsAttributes.GEN_AI_GUARDRAIL_POLICY_ID;
import static dev.aims.otel.AimsAttributes.GEN_AI_GUARDRAIL_POLICY_VERSION;
import static dev.aims.otel.AimsAttributes.GEN_AI_GUARDRAIL_RESULT_REASON;
import static dev.aims.otel.AimsAttributes.GEN_AI_GUARDRAIL_RESULT_TYPE;
import static dev.aims.otel.AimsAttributes.GEN_AI_GUARDRAIL_RESULT_VALUE;
import static dev.aims.otel.AimsAttributes.GEN_AI_GUARDRAIL_SOURCE;
import static dev.aims.otel.AimsAttributes.GEN_AI_OPERATION_NAME;
import static dev.aims.otel.AimsAttributes.GEN_AI_PROVIDER_NAME;
import static dev.aims.otel.AimsAttributes.GEN_AI_REQUEST_MAX_TOKENS;
import static dev.aims.otel.AimsAttributes.GEN_AI_REQUEST_MODEL;
import static dev.aims.otel.AimsAttributes.GEN_AI_REQUEST_STREAM;
import static dev.aims.otel.AimsAttributes.GEN_AI_REQUEST_TEMPERATURE;
import static dev.aims.otel.AimsAttributes.GEN_AI_REQUEST_TOP_P;
import static dev.aims.otel.AimsAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.aims.otel.AimsAttributes.GEN_AI_RESPONSE_ID;
import static dev.aims.otel.AimsAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.aims.otel.AimsAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK;
import static dev.aims.otel.AimsAttributes.GEN_AI_SYSTEM;
import static dev.aims.otel.AimsAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS;
import static dev.aims.otel.AimsAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.aims.otel.AimsAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.aims.otel.AimsAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.aims.otel.AimsAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;
import static dev.aims.otel.AimsAttributes.SERVER_ADDRESS;
import static dev.aims.otel.AimsAttributes.SERVER_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.CallRecord;
import dev.aims.api.Restoration;
import dev.aims.api.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallSpansTest {
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final RecordingSampler sampler = new RecordingSampler();
    private final OtelFixture otel = new OtelFixture(sampler);
    private final Tracer tracer = otel.sdk.getTracer("test");

    @AfterEach
    void close() {
        otel.close();
    }

    private static CallSpans spans(Tracer tracer, boolean legacy) {
        return new CallSpans(tracer, legacy, EndUsers.pseudonymous(KEY));
    }

    private SpanData run(CallSpans spans, CallRecord record) {
        Span span = spans.start(HandCall.startOf(record));
        spans.finish(span, record);
        span.end();
        return otel.onlySpan();
    }

    @Test
    void spanIsClientNamedOperationThenModel() {
        SpanData span = run(spans(tracer, false), Records.allowed("c1").build());

        assertThat(span.getName()).isEqualTo("chat gpt-4o");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    }

    @Test
    void samplerSeesOperationProviderModelAndServerAtStart() {
        run(spans(tracer, false), Records.allowed("c1").build());

        assertThat(sampler.seen).hasSize(1);
        Attributes atStart = sampler.seen.get(0);
        assertThat(atStart.get(GEN_AI_OPERATION_NAME)).isEqualTo("chat");
        assertThat(atStart.get(GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
        assertThat(atStart.get(GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
        assertThat(atStart.get(SERVER_ADDRESS)).isEqualTo("api.openai.com");
        assertThat(atStart.get(SERVER_PORT)).isEqualTo(443L);
        assertThat(atStart.get(AIMS_CALL_ID)).isEqualTo("c1");
        assertThat(atStart.get(GEN_AI_SYSTEM)).isNull();
    }

    @Test
    void allowedCallCarriesEveryGenAiAndGovernanceAttribute() {
        SpanData span = run(spans(tracer, false), Records.allowed("c1").build());
        Attributes a = span.getAttributes();

        assertThat(a.get(GEN_AI_OPERATION_NAME)).isEqualTo("chat");
        assertThat(a.get(GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
        assertThat(a.get(GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
        assertThat(a.get(SERVER_ADDRESS)).isEqualTo("api.openai.com");
        assertThat(a.get(SERVER_PORT)).isEqualTo(443L);
        assertThat(a.get(GEN_AI_REQUEST_TEMPERATURE)).isEqualTo(0.2);
        assertThat(a.get(GEN_AI_REQUEST_MAX_TOKENS)).isEqualTo(256L);
        assertThat(a.get(GEN_AI_REQUEST_TOP_P)).isEqualTo(0.9);
        assertThat(a.get(GEN_AI_REQUEST_STREAM)).isFalse();
        assertThat(a.get(GEN_AI_RESPONSE_ID)).isEqualTo("resp-1");
        assertThat(a.get(GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
        assertThat(a.get(GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
        assertThat(a.get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(12L);
        assertThat(a.get(GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(3L);
        assertThat(a.get(GEN_AI_CONVERSATION_ID)).isEqualTo("session-7");
        assertThat(a.get(AIMS_CALL_ID)).isEqualTo("c1");
        assertThat(a.get(AIMS_SYSTEM_ID)).isEqualTo("claims-assistant");
        assertThat(a.get(AIMS_PURPOSE)).isEqualTo("claim-triage");
        assertThat(a.get(AIMS_TENANT)).isEqualTo("team-claims");
        assertThat(a.get(ENDUSER_PSEUDO_ID)).isEqualTo(new UserIdHasher(KEY).hash("user-42"));
        assertThat(a.get(ENDUSER_ID)).isNull();
        assertThat(a.get(AIMS_REDACTION_ENABLED)).isTrue();
        assertThat(a.get(AIMS_RESTORATION_COUNT)).isNull();
        assertThat(a.get(AIMS_OUTCOME)).isEqualTo("allowed");
        assertThat(a.get(AIMS_POLICY_SET_HASH)).isEqualTo(Records.POLICY_SET_HASH);
        assertThat(a.get(AIMS_POLICY_DECISIVE_ID)).isEqualTo("max-tokens-cap");
        assertThat(a.get(AIMS_POLICY_DECISIVE_VERSION)).isEqualTo("1");
        assertThat(a.get(AIMS_POLICY_DECISIVE_REASON)).isEqualTo("max_tokens_capped");
        assertThat(a.get(AIMS_REDACTION_COUNT)).isEqualTo(3L);
        assertThat(a.get(AIMS_REDACTION_TYPES)).containsExactly("CREDIT_CARD", "EMAIL_ADDRESS");
        assertThat(a.get(AIMS_PARENT_CALL_ID)).isEqualTo("call-parent-1");
        assertThat(a.get(AIMS_SOURCE_IDS)).containsExactly("doc-1", "tool-search");
        assertThat(a.get(ERROR_TYPE)).isNull();
        assertThat(a.get(GEN_AI_SYSTEM)).isNull();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void everyDecisionIsAGuardrailResultEventInTheConventionsNames() {
        SpanData span = run(spans(tracer, false), Records.allowed("c1").build());

        List<EventData> events = span.getEvents();
        assertThat(events).extracting(EventData::getName).containsExactly("gen_ai.guardrail.result",
                "gen_ai.guardrail.result", "gen_ai.guardrail.result");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getAttributes().get(GEN_AI_GUARDRAIL_COMPONENT_NAME)).isEqualTo("AIMS");
            assertThat(e.getAttributes().get(GEN_AI_GUARDRAIL_RESULT_TYPE)).isEqualTo("effect");
        });
        Attributes allow = events.get(0).getAttributes();
        assertThat(allow.get(GEN_AI_GUARDRAIL_POLICY_ID)).isEqualTo("model-allow-list");
        assertThat(allow.get(GEN_AI_GUARDRAIL_POLICY_VERSION)).isEqualTo("3");
        assertThat(allow.get(GEN_AI_GUARDRAIL_RESULT_VALUE)).isEqualTo("allow");
        assertThat(allow.get(GEN_AI_GUARDRAIL_RESULT_REASON)).isEqualTo("allowed");
        assertThat(allow.get(GEN_AI_GUARDRAIL_SOURCE)).isEqualTo("pre");
        Attributes modify = events.get(1).getAttributes();
        assertThat(modify.get(GEN_AI_GUARDRAIL_POLICY_ID)).isEqualTo("max-tokens-cap");
        assertThat(modify.get(GEN_AI_GUARDRAIL_POLICY_VERSION)).isEqualTo("1");
        assertThat(modify.get(GEN_AI_GUARDRAIL_SOURCE)).isEqualTo("pre");
        assertThat(modify.get(GEN_AI_GUARDRAIL_RESULT_VALUE)).isEqualTo("modify");
        assertThat(modify.get(GEN_AI_GUARDRAIL_RESULT_REASON)).isEqualTo("max_tokens_capped");
        assertThat(modify.get(AIMS_POLICY_SHADOW)).isFalse();
        Attributes shadow = events.get(2).getAttributes();
        assertThat(shadow.get(GEN_AI_GUARDRAIL_POLICY_ID)).isEqualTo("purpose-check");
        assertThat(shadow.get(GEN_AI_GUARDRAIL_POLICY_VERSION)).isEqualTo("2");
        assertThat(shadow.get(GEN_AI_GUARDRAIL_SOURCE)).isEqualTo("pre_send");
        assertThat(shadow.get(GEN_AI_GUARDRAIL_RESULT_VALUE)).isEqualTo("allow");
        assertThat(shadow.get(GEN_AI_GUARDRAIL_RESULT_REASON)).isEqualTo("purpose_unlisted");
        assertThat(shadow.get(AIMS_POLICY_SHADOW)).isTrue();
    }

    @Test
    void restorationsAreCountedByTypeWithoutToolsOrValues() {
        CallRecord record = Records.allowed("c1").restorations(List.of(new Restoration("EMAIL_ADDRESS", "send_mail"),
                new Restoration("PHONE_NUMBER", "send_mail"), new Restoration("EMAIL_ADDRESS", "crm_lookup")))
                .build();
        SpanData span = run(spans(tracer, false), record);

        assertThat(span.getAttributes().get(AIMS_RESTORATION_COUNT)).isEqualTo(3L);
        assertThat(span.getAttributes().get(AIMS_RESTORATION_TYPES)).containsExactly("EMAIL_ADDRESS", "PHONE_NUMBER");
        assertThat(span.toString()).doesNotContain("send_mail", "crm_lookup");
    }

    @Test
    void redactionSwitchedOffIsOnTheSpanFromItsStart() {
        CallRecord record = Records.allowed("c1").redactionEnabled(false).build();
        SpanData span = run(spans(tracer, false), record);

        assertThat(sampler.seen.get(0).get(AIMS_REDACTION_ENABLED)).isFalse();
        assertThat(span.getAttributes().get(AIMS_REDACTION_ENABLED)).isFalse();
    }

    @Test
    void cacheAndReasoningTokensAreEmittedWhenReported() {
        CallRecord reported = Records.allowed("c1").usage(Usage.of(1200, 300).withCache(1000, 150).withReasoning(200))
                .build();
        Attributes a = run(spans(tracer, false), reported).getAttributes();

        assertThat(a.get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(1200L);
        assertThat(a.get(GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(300L);
        assertThat(a.get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(1000L);
        assertThat(a.get(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS)).isEqualTo(150L);
        assertThat(a.get(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS)).isEqualTo(200L);
    }

    @Test
    void unreportedCacheAndReasoningTokensAreLeftOut() {
        Attributes a = run(spans(tracer, false), Records.allowed("c1").build()).getAttributes();

        assertThat(a.get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)).isNull();
        assertThat(a.get(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS)).isNull();
        assertThat(a.get(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS)).isNull();
    }

    @Test
    void deniedCallHasErrorStatusTypeAndDecisivePolicy() {
        SpanData span = run(spans(tracer, false), Records.denied("c2").build());
        Attributes a = span.getAttributes();

        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription())
                .isEqualTo("denied by policy secret-in-prompt at pre_send: secret_found");
        assertThat(a.get(ERROR_TYPE)).isEqualTo("dev.aims.api.AiPolicyViolationException");
        assertThat(a.get(AIMS_OUTCOME)).isEqualTo("denied");
        assertThat(a.get(AIMS_POLICY_DECISIVE_ID)).isEqualTo("secret-in-prompt");
        assertThat(a.get(AIMS_POLICY_DECISIVE_VERSION)).isEqualTo("5");
        assertThat(a.get(AIMS_POLICY_DECISIVE_REASON)).isEqualTo("secret_found");
        assertThat(a.get(GEN_AI_USAGE_INPUT_TOKENS)).isNull();
        assertThat(a.get(GEN_AI_RESPONSE_ID)).isNull();
        assertThat(span.getEvents()).extracting(e -> e.getAttributes().get(GEN_AI_GUARDRAIL_RESULT_VALUE))
                .containsExactly("allow", "deny");
    }

    @Test
    void providerFailureHasErrorStatusAndType() {
        SpanData span = run(spans(tracer, false), Records.failed("c3").build());

        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("dev.aims.api.AiProviderException");
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("dev.aims.api.AiProviderException");
        assertThat(span.getAttributes().get(AIMS_OUTCOME)).isEqualTo("error");
        assertThat(span.getAttributes().get(AIMS_POLICY_DECISIVE_ID)).isNull();
        assertThat(span.getEvents()).singleElement()
                .satisfies(e -> assertThat(e.getAttributes().get(GEN_AI_GUARDRAIL_RESULT_VALUE)).isEqualTo("allow"));
    }

    @Test
    void legacySystemAttributeIsEmittedOnlyWhenSwitchedOn() {
        SpanData span = run(spans(tracer, true), Records.allowed("c1").build());

        assertThat(span.getAttributes().get(GEN_AI_SYSTEM)).isEqualTo("openai");
        assertThat(span.getAttributes().get(GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
        assertThat(sampler.seen.get(0).get(GEN_AI_SYSTEM)).isEqualTo("openai");
    }

    @Test
    void principalIsRawOnlyWhenSwitchedOn() {
        SpanData span = run(new CallSpans(tracer, false, EndUsers.raw()), Records.allowed("c1").build());

        assertThat(span.getAttributes().get(ENDUSER_ID)).isEqualTo("user-42");
        assertThat(span.getAttributes().get(ENDUSER_PSEUDO_ID)).isNull();
    }

    @Test
    void pseudonymsAgreeWithinTheProcessWithoutAConfiguredKey() {
        run(new CallSpans(tracer, false, EndUsers.pseudonymousPerProcess()), Records.allowed("c1").build());
        String first = otel.onlySpan().getAttributes().get(ENDUSER_PSEUDO_ID);
        otel.spanExporter.reset();
        run(new CallSpans(tracer, false, EndUsers.pseudonymousPerProcess()), Records.allowed("c2").build());

        assertThat(first).hasSize(32).isNotEqualTo(new UserIdHasher(KEY).hash("user-42"));
        assertThat(otel.onlySpan().getAttributes().get(ENDUSER_PSEUDO_ID)).isEqualTo(first);
    }

    @Test
    void aSpanWithoutAPrincipalHasNoEndUser() {
        CallRecord record = CallRecord.builder().callId("c4").startedAt(Records.START).endedAt(Records.END)
                .server("api.anthropic.com", 443).requestParameters(AiRequest.of("claude-sonnet", "Hello"),
                        "anthropic")
                .outcome(CallRecord.Outcome.ALLOWED).build();
        Attributes a = run(spans(tracer, false), record).getAttributes();

        assertThat(sampler.seen.get(0).get(GEN_AI_PROVIDER_NAME)).isEqualTo("anthropic");
        assertThat(a.get(GEN_AI_PROVIDER_NAME)).isEqualTo("anthropic");
        assertThat(a.get(SERVER_ADDRESS)).isEqualTo("api.anthropic.com");
        assertThat(a.get(ENDUSER_ID)).isNull();
        assertThat(a.get(ENDUSER_PSEUDO_ID)).isNull();
        assertThat(a.get(AIMS_REDACTION_COUNT)).isZero();
        assertThat(a.get(AIMS_REDACTION_TYPES)).isNull();
        assertThat(a.get(AIMS_SOURCE_IDS)).isNull();
    }

    @Test
    void streamedCallCarriesTimeToFirstChunk() {
        CallRecord record = Records.allowed("c5").streaming(true)
                .firstChunkAt(Records.START.plusMillis(250)).build();
        SpanData span = run(spans(tracer, false), record);

        assertThat(span.getAttributes().get(GEN_AI_REQUEST_STREAM)).isTrue();
        assertThat(span.getAttributes().get(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isEqualTo(0.25);
    }

    @Test
    void spanMadeFromARecordSpansTheRecordedTimes() {
        CallSpans spans = spans(tracer, false);
        CallRecord record = Records.allowed("c6").build();
        Span span = spans.startFromRecord(record);
        spans.finish(span, record);
        span.end(record.endedAt());

        SpanData data = otel.onlySpan();
        assertThat(data.getStartEpochNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(Records.START.getEpochSecond()));
        assertThat(data.getEndEpochNanos() - data.getStartEpochNanos())
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
        assertThat(data.getName()).isEqualTo("chat gpt-4o");
        assertThat(sampler.seen.get(0).get(GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
        assertThat(sampler.seen.get(0).get(SERVER_ADDRESS)).isEqualTo("api.openai.com");
    }

    @Test
    void spanIsAChildOfTheCurrentSpan() {
        Span parent = tracer.spanBuilder("parent").startSpan();
        CallSpans spans = spans(tracer, false);
        Span child;
        try (var ignored = parent.makeCurrent()) {
            child = spans.start(HandCall.startOf(Records.allowed("c7").build()));
        }
        child.end();
        parent.end();

        assertThat(otel.span("chat gpt-4o").getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    }

    @Test
    void decisionMessagesObligationsAndLabelsAreNeverEmitted() {
        SpanData span = run(spans(tracer, false), Records.allowed("c1").build());
        List<String> emitted = new ArrayList<>();
        span.getAttributes().forEach((k, v) -> emitted.add(k.getKey() + "=" + v));
        span.getEvents().forEach(e -> e.getAttributes().forEach((k, v) -> emitted.add(k.getKey() + "=" + v)));

        assertThat(String.join("\n", emitted)).doesNotContain("limit lowered for cost", "would deny", "512",
                "secret-label", "label value never emitted");
        assertThat(emitted).noneMatch(s -> s.startsWith("aims.policy.message"));
        assertThat(String.join("\n", emitted)).doesNotContain("user-42");
    }

    @Test
    void nonRecordingSpanIsLeftAloneWithoutError() {
        CallSpans spans = spans(io.opentelemetry.api.OpenTelemetry.noop().getTracer("x"), false);
        Span span = spans.start(HandCall.startOf(Records.allowed("c8").build()));
        spans.finish(span, Records.allowed("c8").build());
        span.end();

        assertThat(span.isRecording()).isFalse();
        assertThat(otel.spans()).isEmpty();
    }

    /** Remembers the attributes every sampling decision was made on. */
    private static final class RecordingSampler implements Sampler {
        final List<Attributes> seen = new ArrayList<>();

        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                Attributes attributes, List<LinkData> parentLinks) {
            // The SDK hands over the span's own, still mutable, attribute map: keep what it held at the start.
            seen.add(attributes.toBuilder().build());
            return SamplingResult.recordAndSample();
        }

        @Override
        public String getDescription() {
            return "recording";
        }
    }
}
