package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallRecord;
import dev.aims.api.Finding;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import dev.aims.testkit.LogCapture;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryObserverTest {
    private final OtelFixture otel = new OtelFixture();

    @AfterEach
    void close() {
        otel.close();
    }

    private static void observe(AimsTelemetry telemetry, CallRecord.Builder record) {
        HandCall.observe(telemetry.observer(), record);
    }

    @Test
    void endsTheSpanItStartedWithTheRecordsAttributes() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        observe(telemetry, Records.allowed("c1"));

        SpanData span = otel.onlySpan();
        assertThat(span.hasEnded()).isTrue();
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_OUTCOME)).isEqualTo("allowed");
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(3L);
    }

    @Test
    void makesTheSpanFromTheRecordWhenTheCallWasNotStarted() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);

        telemetry.observer().onCall(Records.denied("c9").build());

        SpanData span = otel.onlySpan();
        assertThat(span.getName()).isEqualTo("chat gpt-4o");
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_CALL_ID)).isEqualTo("c9");
        assertThat(span.getAttributes().get(AimsAttributes.ERROR_TYPE))
                .isEqualTo("dev.aims.api.AiPolicyViolationException");
        assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isEqualTo(2_000_000L);
    }

    @Test
    void recordsTheCallsMetrics() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        observe(telemetry, Records.allowed("c1"));

        assertThat(OtelFixture.metric(otel.metrics(), "aims.calls").getLongSumData().getPoints())
                .singleElement().satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
    }

    @Test
    void tracesWithoutMetricsWhenTheSdkHasNoMetricReader() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk tracingOnly = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build()) {
            AimsTelemetry telemetry = AimsTelemetry.create(tracingOnly);
                observe(telemetry, Records.allowed("c1"));

            assertThat(exporter.getFinishedSpanItems()).singleElement()
                    .satisfies(s -> assertThat(s.getAttributes().get(AimsAttributes.AIMS_OUTCOME))
                            .isEqualTo("allowed"));
        }
    }

    @Test
    void recordsMetricsWhenTracingIsANoop() {
        try (OpenTelemetrySdk metricsOnly = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(otel.metricReader).build())
                .build()) {
            AimsTelemetry telemetry = AimsTelemetry.create(metricsOnly);
                observe(telemetry, Records.allowed("c1"));

            assertThat(otel.metrics()).extracting(MetricData::getName).contains("aims.calls",
                    "gen_ai.client.operation.duration");
        }
    }

    @Test
    void capturesNoContentByDefault() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        observe(telemetry, Records.allowed("c1"));

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES)).isNull();
        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.GEN_AI_OUTPUT_MESSAGES)).isNull();
    }

    @Test
    void capturedContentIsTheRedactedRequestAsSentAndResponseAsReceived() {
        SeededRedactor redactor = new SeededRedactor(Map.of("Hello", "GREETING", "Hi", "GREETING"));
        AimsTelemetry telemetry = AimsTelemetry.builder(otel.sdk).captureContent(redactor).build();
        observe(telemetry, Records.allowed("c1").sentRequest(AiRequest.of("gpt-4o", "Hello there"))
                .receivedResponse(AiResponse.of("Hi back")));

        SpanData span = otel.onlySpan();
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES)).isEqualTo(
                "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"<GREETING_1> there\"}]}]");
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_OUTPUT_MESSAGES)).isEqualTo(
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"<GREETING_2> back\"}],"
                        + "\"finish_reason\":\"stop\"}]");
    }

    @Test
    void contentIsCutToTheConfiguredLength() {
        AimsTelemetry telemetry = AimsTelemetry.builder(otel.sdk).captureContent(Redactor.none())
                .maxContentLength(5).build();
        observe(telemetry, Records.allowed("c1").sentRequest(AiRequest.of("gpt-4o", "Hello there"))
                );

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES))
                .contains("\"content\":\"Hello…\"");
    }

    @Test
    void noContentIsWrittenForACallThatNeverSentOrReceived() {
        AimsTelemetry telemetry = AimsTelemetry.builder(otel.sdk).captureContent(Redactor.none()).build();
        CallRecord neverSent = CallRecord.builder().callId("c1").startedAt(Records.START).endedAt(Records.END)
                .requestModel("gpt-4o").outcome(CallRecord.Outcome.DENIED).errorType("x.Denied").build();

        telemetry.observer().onCall(neverSent);

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES)).isNull();
        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.GEN_AI_OUTPUT_MESSAGES)).isNull();
    }

    @Test
    void aFailingContentRedactorDropsTheContentButNotTheSpan() {
        Redactor failing = overrides -> new RedactionSession() {
            @Override
            public String redact(String text) {
                throw new IllegalStateException("cannot redact '" + text + "'");
            }

            @Override
            public List<Finding> findings() {
                return List.of();
            }

            @Override
            public Map<String, Integer> counts() {
                return Map.of();
            }

            @Override
            public String restore(String text) {
                return text;
            }
        };
        AimsTelemetry telemetry = AimsTelemetry.builder(otel.sdk).captureContent(failing).build();
        try (LogCapture logs = new LogCapture()) {
            observe(telemetry, Records.allowed("c1").sentRequest(AiRequest.of("gpt-4o", "secret words")));

            assertThat(logs.text()).contains("Content of call c1 not captured", "IllegalStateException")
                    .doesNotContain("secret words");
        }
        SpanData span = otel.onlySpan();
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES)).isNull();
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_OUTCOME)).isEqualTo("allowed");
    }
}
