package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryInterceptorTest {
    private final OtelFixture otel = new OtelFixture();

    @AfterEach
    void close() {
        otel.close();
    }

    @Test
    void spanIsCurrentWhileTheRestOfTheChainRunsAndTheTraceIsRecorded() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        AtomicReference<SpanContext> seen = new AtomicReference<>();
        HandChain chain = new HandChain(Records.request(), Records.CONTEXT, "c1", r -> {
            seen.set(Span.current().getSpanContext());
            return Records.response();
        });

        telemetry.interceptor().intercept(chain);

        assertThat(seen.get().isValid()).isTrue();
        assertThat(chain.traceId).isEqualTo(seen.get().getTraceId());
        assertThat(chain.spanId).isEqualTo(seen.get().getSpanId());
        assertThat(Span.current().getSpanContext().isValid()).as("scope closed after the call").isFalse();
    }

    @Test
    void aSpanStartedInsideTheChainNestsUnderTheCallSpan() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        HandChain chain = new HandChain(Records.request(), Records.CONTEXT, "c1", r -> {
            otel.sdk.getTracer("http-client").spanBuilder("POST /v1/chat/completions").startSpan().end();
            return Records.response();
        });

        telemetry.interceptor().intercept(chain);
        telemetry.observer().onCall(Records.allowed("c1").build());

        SpanData call = otel.span("chat gpt-4o");
        SpanData http = otel.span("POST /v1/chat/completions");
        assertThat(http.getParentSpanId()).isEqualTo(call.getSpanId());
        assertThat(http.getTraceId()).isEqualTo(call.getTraceId());
        assertThat(call.getSpanId()).isEqualTo(chain.spanId);
    }

    @Test
    void theSpanStaysOpenUntilTheObserverEndsIt() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);

        telemetry.interceptor().intercept(new HandChain(Records.request(), Records.CONTEXT, "c1",
                r -> Records.response()));

        assertThat(otel.spans()).isEmpty();
        assertThat(telemetry.inFlightCalls()).isEqualTo(1);
        telemetry.observer().onCall(Records.allowed("c1").build());
        assertThat(otel.spans()).hasSize(1);
        assertThat(telemetry.inFlightCalls()).isZero();
    }

    @Test
    void aFailureOfTheRestPropagatesUnchanged() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> telemetry.interceptor().intercept(new HandChain(Records.request(),
                Records.CONTEXT, "c1", r -> {
                    throw boom;
                }))).isSameAs(boom);
        assertThat(telemetry.inFlightCalls()).isEqualTo(1);
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void passesTheRequestOnUnchanged() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        AiRequest request = Records.request();
        AtomicReference<AiRequest> passed = new AtomicReference<>();
        AiResponse response = Records.response();

        AiResponse returned = telemetry.interceptor().intercept(new HandChain(request, Records.CONTEXT, "c1", r -> {
            passed.set(r);
            return response;
        }));

        assertThat(passed.get()).isSameAs(request);
        assertThat(returned).isSameAs(response);
    }

    @Test
    void aNoopOpenTelemetryGetsNoSpanBookkeeping() {
        AimsTelemetry telemetry = AimsTelemetry.create(OpenTelemetry.noop());
        HandChain chain = new HandChain(Records.request(), Records.CONTEXT, "c1", r -> Records.response());

        telemetry.interceptor().intercept(chain);
        assertThat(telemetry.inFlightCalls()).isZero();
        telemetry.observer().onCall(Records.allowed("c1").build());

        assertThat(chain.proceeds).isEqualTo(1);
        assertThat(chain.traceId).isNull();
    }

    @Test
    void theCallersSpanStaysCurrentUnderANoopTracer() {
        AimsTelemetry telemetry = AimsTelemetry.create(OpenTelemetry.noop());
        Span caller = otel.sdk.getTracer("app").spanBuilder("caller").startSpan();
        AtomicReference<SpanContext> seen = new AtomicReference<>();

        try (var ignored = caller.makeCurrent()) {
            telemetry.interceptor().intercept(new HandChain(Records.request(), Records.CONTEXT, "c1", r -> {
                seen.set(Span.current().getSpanContext());
                return Records.response();
            }));
        }
        caller.end();

        assertThat(seen.get()).isEqualTo(caller.getSpanContext());
    }

    @Test
    void aSampledOutSpanStillPropagatesItsContextAndIsNotStartedTwice() {
        try (OtelFixture sampledOut = new OtelFixture(Sampler.alwaysOff())) {
            AimsTelemetry telemetry = AimsTelemetry.create(sampledOut.sdk);
            AtomicReference<SpanContext> seen = new AtomicReference<>();
            HandChain chain = new HandChain(Records.request(), Records.CONTEXT, "c1", r -> {
                seen.set(Span.current().getSpanContext());
                return Records.response();
            });

            telemetry.interceptor().intercept(chain);
            telemetry.observer().onCall(Records.allowed("c1").build());

            assertThat(seen.get().isValid()).isTrue();
            assertThat(seen.get().isSampled()).isFalse();
            assertThat(chain.traceId).isEqualTo(seen.get().getTraceId());
            assertThat(sampledOut.spans()).isEmpty();
            assertThat(telemetry.inFlightCalls()).isZero();
        }
    }
}
