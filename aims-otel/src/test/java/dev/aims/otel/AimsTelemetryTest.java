package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallInterceptor;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.ObservedCall;
import dev.aims.api.Redactor;
import dev.aims.api.StreamingHandler;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.ModelAllowList;
import dev.aims.core.Policies;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AimsTelemetryTest {
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final OtelFixture otel = new OtelFixture();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        otel.close();
    }

    private static AiResponse answer() {
        return AiResponse.builder().message(Message.assistant("Done.")).usage(Usage.of(20, 2))
                .finishReason(FinishReason.STOP).responseId("r-9").model("gpt-4o-mini-2024").build();
    }

    private GovernedClient.Builder client(AimsTelemetry telemetry) {
        return GovernedClient.builder()
                .provider("openai")
                .server("api.openai.com", 443)
                .policy(ModelAllowList.of("gpt-4o*"))
                .observer(telemetry.observer())
                .observer(records::add);
    }

    private static CallContext context() {
        return CallContext.builder().principal("u-7").tenant("support").systemId("helpdesk").purpose("faq")
                .sessionId("s-1").build();
    }

    // ---- through a real GovernedClient ----

    @Test
    void aGovernedCallBecomesOneClientSpan() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        GovernedClient client = client(telemetry).delegate(r -> answer())
                .redactor(new SeededRedactor(Map.of("jane@example.com", "EMAIL_ADDRESS"))).build();

        client.call(AiRequest.of("gpt-4o-mini", "mail jane@example.com"), context());

        SpanData span = otel.onlySpan();
        CallRecord record = records.get(0);
        assertThat(span.getName()).isEqualTo("chat gpt-4o-mini");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_CALL_ID)).isEqualTo(record.callId());
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_POLICY_SET_HASH)).isEqualTo(record.policySetHash());
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_OUTCOME)).isEqualTo("allowed");
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_REDACTION_COUNT)).isEqualTo(1L);
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_REDACTION_TYPES)).containsExactly("EMAIL_ADDRESS");
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
        assertThat(span.getAttributes().get(AimsAttributes.SERVER_ADDRESS)).isEqualTo("api.openai.com");
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-mini-2024");
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(20L);
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_CONVERSATION_ID)).isEqualTo("s-1");
        assertThat(span.getAttributes().get(AimsAttributes.ENDUSER_PSEUDO_ID)).hasSize(32).isNotEqualTo("u-7");
        assertThat(span.getAttributes().get(AimsAttributes.ENDUSER_ID)).isNull();
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_REDACTION_ENABLED)).isTrue();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void theGovernedCallsPoliciesAndProviderRunInsideItsSpanAndTheRecordNamesIt() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        AtomicReference<SpanContext> inPolicy = new AtomicReference<>();
        GovernedClient client = client(telemetry)
                .policy(Policies.of("sees-span", in -> {
                    inPolicy.set(Span.current().getSpanContext());
                    return true;
                }, "never"))
                .delegate(r -> {
                    otel.sdk.getTracer("http").spanBuilder("POST /v1/chat/completions").setSpanKind(SpanKind.CLIENT)
                            .startSpan().end();
                    return answer();
                }).build();

        client.call(AiRequest.of("gpt-4o", "hi"), context());

        SpanData call = otel.span("chat gpt-4o");
        SpanData http = otel.span("POST /v1/chat/completions");
        assertThat(inPolicy.get().getSpanId()).isEqualTo(call.getSpanId());
        assertThat(http.getParentSpanId()).isEqualTo(call.getSpanId());
        assertThat(http.getTraceId()).isEqualTo(call.getTraceId());
        assertThat(records.get(0).traceId()).contains(call.getTraceId());
        assertThat(records.get(0).spanId()).contains(call.getSpanId());
        assertThat(call.getEndEpochNanos()).isGreaterThanOrEqualTo(http.getEndEpochNanos());
    }

    @Test
    void aGovernedCallsSpanStartsWithWhatSamplersRead() {
        List<Attributes> atStart = new CopyOnWriteArrayList<>();
        try (OtelFixture sampled = new OtelFixture(new Sampler() {
            @Override
            public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                    Attributes attributes, List<LinkData> links) {
                atStart.add(attributes.toBuilder().build());
                return SamplingResult.recordAndSample();
            }

            @Override
            public String getDescription() {
                return "recording";
            }
        })) {
            GovernedClient client = client(AimsTelemetry.create(sampled.sdk)).delegate(r -> answer()).build();

            client.call(AiRequest.of("gpt-4o", "hi"), context());

            assertThat(atStart).singleElement().satisfies(a -> {
                assertThat(a.get(AimsAttributes.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
                assertThat(a.get(AimsAttributes.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
                assertThat(a.get(AimsAttributes.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
                assertThat(a.get(AimsAttributes.SERVER_ADDRESS)).isEqualTo("api.openai.com");
                assertThat(a.get(AimsAttributes.SERVER_PORT)).isEqualTo(443L);
            });
        }
    }

    @Test
    void aClientWithRedactionOffSaysSoOnItsSpans() {
        GovernedClient client = client(AimsTelemetry.create(otel.sdk)).redactor(Redactor.none())
                .delegate(r -> answer()).build();

        client.call(AiRequest.of("gpt-4o", "hi"), context());

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.AIMS_REDACTION_ENABLED)).isFalse();
    }

    @Test
    void theStartedSpanIsCurrentWhileTheChainRunsAndEndsWithTheRecord() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        AtomicReference<SpanContext> inChain = new AtomicReference<>();
        AtomicReference<Integer> endedInChain = new AtomicReference<>();

        CallRecord record = HandCall.run(telemetry.observer(), HandCall.startOf(Records.allowed("c1").build()),
                () -> {
                    inChain.set(Span.current().getSpanContext());
                    otel.sdk.getTracer("http").spanBuilder("POST /v1/chat/completions")
                            .setSpanKind(SpanKind.CLIENT).startSpan().end();
                    endedInChain.set(otel.spans().size());
                    return Records.allowed("c1");
                });

        SpanData call = otel.span("chat gpt-4o");
        SpanData http = otel.span("POST /v1/chat/completions");
        assertThat(inChain.get().getSpanId()).isEqualTo(call.getSpanId());
        assertThat(http.getParentSpanId()).isEqualTo(call.getSpanId());
        assertThat(http.getTraceId()).isEqualTo(call.getTraceId());
        assertThat(endedInChain.get()).as("only the HTTP span had ended inside the chain").isEqualTo(1);
        assertThat(record.traceId()).contains(call.getTraceId());
        assertThat(record.spanId()).contains(call.getSpanId());
        assertThat(call.getAttributes().get(AimsAttributes.AIMS_OUTCOME)).isEqualTo("allowed");
        assertThat(Span.current().getSpanContext().isValid()).as("the scope was closed").isFalse();
    }

    @Test
    void theStartedSpanIsAChildOfTheApplicationsSpan() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        Span request = otel.sdk.getTracer("app").spanBuilder("GET /faq").startSpan();

        try (var ignored = request.makeCurrent()) {
            HandCall.observe(telemetry.observer(), Records.allowed("c1"));
            assertThat(Span.current()).isSameAs(request);
        }
        request.end();

        assertThat(otel.span("chat gpt-4o").getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    }

    @Test
    void aCallEndedTwiceIsRecordedOnce() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        CallRecord record = Records.allowed("c1").build();
        ObservedCall call = telemetry.observer().start(HandCall.startOf(record));

        call.end(record);
        call.end(record);

        assertThat(otel.spans()).hasSize(1);
        assertThat(OtelFixture.metric(otel.metrics(), "aims.calls").getLongSumData().getPoints())
                .singleElement().satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
    }

    @Test
    void aSampledOutCallStillPropagatesItsTraceContext() {
        try (OtelFixture sampledOut = new OtelFixture(Sampler.alwaysOff())) {
            AimsTelemetry telemetry = AimsTelemetry.create(sampledOut.sdk);
            AtomicReference<SpanContext> inChain = new AtomicReference<>();

            CallRecord record = HandCall.run(telemetry.observer(), HandCall.startOf(Records.allowed("c1").build()),
                    () -> {
                        inChain.set(Span.current().getSpanContext());
                        return Records.allowed("c1");
                    });

            assertThat(inChain.get().isValid()).isTrue();
            assertThat(inChain.get().isSampled()).isFalse();
            assertThat(record.traceId()).contains(inChain.get().getTraceId());
            assertThat(sampledOut.spans()).isEmpty();
            assertThat(sampledOut.metrics()).extracting(MetricData::getName).contains("aims.calls");
        }
    }

    @Test
    void aNoopOpenTelemetryMakesNothingCurrentAndLinksNoTrace() {
        AimsTelemetry telemetry = AimsTelemetry.create(OpenTelemetry.noop());
        Span app = otel.sdk.getTracer("app").spanBuilder("app").startSpan();
        AtomicReference<Span> inChain = new AtomicReference<>();
        CallRecord record;

        try (var ignored = app.makeCurrent()) {
            ObservedCall call = telemetry.observer().start(HandCall.startOf(Records.allowed("c1").build()));
            assertThat(call.makeCurrent()).isSameAs(ObservedCall.NO_SCOPE);
            record = HandCall.run(telemetry.observer(), HandCall.startOf(Records.allowed("c2").build()), () -> {
                inChain.set(Span.current());
                return Records.allowed("c2");
            });
        }
        app.end();

        assertThat(inChain.get()).isSameAs(app);
        assertThat(record.traceId()).isEmpty();
        assertThat(otel.spans()).extracting(SpanData::getName).containsExactly("app");
    }

    @Test
    void theCallSpanIsAChildOfTheApplicationsSpan() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        GovernedClient client = client(telemetry).delegate(r -> answer()).build();
        Span request = otel.sdk.getTracer("app").spanBuilder("GET /faq").startSpan();

        try (var ignored = request.makeCurrent()) {
            client.call(AiRequest.of("gpt-4o", "hi"), context());
        }
        request.end();

        assertThat(otel.span("chat gpt-4o").getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    }

    @Test
    void aDenialEndsTheSpanWithErrorStatusTypeAndDecisionEvent() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        GovernedClient client = client(telemetry).delegate(r -> answer()).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("o1-preview", "hi"), context()))
                .isInstanceOf(AiPolicyViolationException.class);

        SpanData span = otel.onlySpan();
        assertThat(span.getName()).isEqualTo("chat o1-preview");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AimsAttributes.ERROR_TYPE))
                .isEqualTo(AiPolicyViolationException.class.getName());
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_OUTCOME)).isEqualTo("denied");
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_POLICY_DECISIVE_ID)).isEqualTo("model-allow-list");
        assertThat(span.getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("gen_ai.guardrail.result");
            assertThat(e.getAttributes().get(AimsAttributes.GEN_AI_GUARDRAIL_POLICY_ID)).isEqualTo("model-allow-list");
            assertThat(e.getAttributes().get(AimsAttributes.GEN_AI_GUARDRAIL_RESULT_VALUE)).isEqualTo("deny");
            assertThat(e.getAttributes().get(AimsAttributes.GEN_AI_GUARDRAIL_SOURCE)).isEqualTo("pre");
        });
        assertThat(otel.metrics()).extracting(MetricData::getName).contains("aims.call.unsent.duration")
                .doesNotContain("gen_ai.client.operation.duration");
    }

    @Test
    void aProviderFailureEndsTheSpanWithErrorStatusAndType() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        GovernedClient client = client(telemetry).delegate(r -> {
            throw new UncheckedIOException(new IOException("connection reset"));
        }).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("gpt-4o", "hi"), context()))
                .isInstanceOf(AiProviderException.class);

        SpanData span = otel.onlySpan();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AimsAttributes.ERROR_TYPE))
                .isEqualTo(UncheckedIOException.class.getName());
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_OUTCOME)).isEqualTo("error");
        assertThat(span.getEvents()).extracting(EventData::getName).doesNotContain("exception");
        assertThat(OtelFixture.metric(otel.metrics(), "gen_ai.client.operation.duration").getHistogramData()
                .getPoints()).singleElement().satisfies(p -> assertThat(p.getAttributes()
                        .get(AimsAttributes.ERROR_TYPE)).isEqualTo(UncheckedIOException.class.getName()));
    }

    @Test
    void aStreamedCallIsOneSpanEndedWhenTheStreamCompletes() throws Exception {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        AtomicReference<Integer> endedBeforeCompletion = new AtomicReference<>();
        GovernedClient client = client(telemetry).streamingDelegate((request, handler) -> new Thread(() -> {
            sleep(20);
            handler.onPartial("Do");
            handler.onPartial("ne.");
            endedBeforeCompletion.set(otel.spans().size());
            handler.onComplete(answer());
        }).start()).build();
        List<String> chunks = new ArrayList<>();

        client.stream(AiRequest.of("gpt-4o", "hi"), context(), handler(chunks, new AtomicReference<>()));

        // a text this short is held back whole by the streaming guard, then released once the stream completes
        assertThat(String.join("", chunks)).isEqualTo("Done.");
        SpanData span = otel.onlySpan();
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_REQUEST_STREAM)).isTrue();
        // Measured on the client's clock, not the tracer's: present and positive, no bound from the wall clock.
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
        assertThat(endedBeforeCompletion.get()).as("spans ended before the stream completed").isZero();
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(2L);
    }

    @Test
    void aStreamThatFailsEndsItsSpanWithTheError() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        GovernedClient client = client(telemetry).streamingDelegate((request, handler) -> {
            handler.onPartial("Do");
            handler.onError(new UncheckedIOException(new IOException("stream reset")));
        }).build();
        AtomicReference<Throwable> error = new AtomicReference<>();

        client.stream(AiRequest.of("gpt-4o", "hi"), context(), handler(new ArrayList<>(), error));

        assertThat(error.get()).isInstanceOf(AiProviderException.class);
        SpanData span = otel.onlySpan();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AimsAttributes.ERROR_TYPE))
                .isEqualTo(UncheckedIOException.class.getName());
        assertThat(span.getAttributes().get(AimsAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isNotNull();
    }

    @Test
    void aCancelledStreamEndsItsSpanWithTheRecordedError() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        GovernedClient client = client(telemetry).streamingDelegate((request, handler) -> {
            handler.onPartial("Do");
            handler.onError(new CancellationException("user went away"));
        }).build();
        AtomicReference<Throwable> error = new AtomicReference<>();

        client.stream(AiRequest.of("gpt-4o", "hi"), context(), handler(new ArrayList<>(), error));

        assertThat(error.get()).isNotNull();
        SpanData span = otel.onlySpan();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AimsAttributes.ERROR_TYPE))
                .isEqualTo(records.get(0).errorType().orElseThrow());
        assertThat(span.getAttributes().get(AimsAttributes.AIMS_OUTCOME)).isEqualTo("error");
    }

    @Test
    void concurrentCallsEachGetTheirOwnSpan() throws Exception {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        GovernedClient client = client(telemetry).delegate(r -> answer()).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.submit(() -> client.call(AiRequest.of("gpt-4o", "hi"), context())));
        }
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(otel.spans()).hasSize(200);
        assertThat(otel.spans().stream().map(s -> s.getAttributes().get(AimsAttributes.AIMS_CALL_ID))
                .collect(Collectors.toSet())).hasSize(200)
                .isEqualTo(records.stream().map(CallRecord::callId).collect(Collectors.toSet()));
        assertThat(otel.spans()).allSatisfy(s -> assertThat(s.getParentSpanContext().isValid()).isFalse());
    }

    @Test
    void codeWrittenForTheInterceptorAndObserverPairStillMakesOneSpan() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        @SuppressWarnings("deprecation")
        GovernedClient client = GovernedClient.builder().delegate(r -> answer()).provider("openai")
                .interceptor(telemetry.interceptor())
                .observer(telemetry.observer()).build();

        client.call(AiRequest.of("gpt-4o", "hi"), context());

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.AIMS_OUTCOME)).isEqualTo("allowed");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedInterceptorOnlyPassesTheCallOn() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        AiRequest request = AiRequest.of("gpt-4o", "hi");
        AtomicReference<AiRequest> passed = new AtomicReference<>();
        AiResponse response = answer();

        AiResponse out = telemetry.interceptor().intercept(new CallInterceptor.Chain() {
            @Override
            public AiRequest request() {
                return request;
            }

            @Override
            public CallContext context() {
                return AimsTelemetryTest.context();
            }

            @Override
            public String callId() {
                return "c1";
            }

            @Override
            public AiResponse proceed(AiRequest r) {
                passed.set(r);
                assertThat(Span.current().getSpanContext().isValid()).isFalse();
                return response;
            }

            @Override
            public void recordTrace(String traceId, String spanId) {
                throw new AssertionError("the pass-through links no trace");
            }
        });

        assertThat(out).isSameAs(response);
        assertThat(passed.get()).isSameAs(request);
        assertThat(otel.spans()).isEmpty();
    }

    @Test
    void principalsArePseudonymsUnderTheConfiguredKey() {
        AimsTelemetry telemetry = AimsTelemetry.builder(otel.sdk).pseudonymousUserIds(KEY).build();
        GovernedClient client = client(telemetry).delegate(r -> answer()).build();

        client.call(AiRequest.of("gpt-4o", "hi"), context());

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.ENDUSER_PSEUDO_ID))
                .isEqualTo(new UserIdHasher(KEY).hash("u-7"));
        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.ENDUSER_ID)).isNull();
    }

    @Test
    void principalsAreRawOnlyWhenAskedFor() {
        AimsTelemetry telemetry = AimsTelemetry.builder(otel.sdk).emitRawUserIds().build();
        GovernedClient client = client(telemetry).delegate(r -> answer()).build();

        client.call(AiRequest.of("gpt-4o", "hi"), context());

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.ENDUSER_ID)).isEqualTo("u-7");
        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.ENDUSER_PSEUDO_ID)).isNull();
    }

    @Test
    void tracerAndMeterUseTheDevAimsScopeWithTheLibraryVersion() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);
        client(telemetry).delegate(r -> answer()).build().call(AiRequest.of("gpt-4o", "hi"), context());

        String version = System.getProperty("aims.version");
        assertThat(version).isNotBlank();
        assertThat(AimsTelemetry.version()).isEqualTo(version);
        assertThat(otel.onlySpan().getInstrumentationScopeInfo().getName()).isEqualTo("dev.aims");
        assertThat(otel.onlySpan().getInstrumentationScopeInfo().getVersion()).isEqualTo(version);
        assertThat(otel.metrics()).allSatisfy(m -> {
            assertThat(m.getInstrumentationScopeInfo().getName()).isEqualTo("dev.aims");
            assertThat(m.getInstrumentationScopeInfo().getVersion()).isEqualTo(version);
        });
    }

    @Test
    void theGlobalInstanceIsUsedOnlyWhenAskedFor() {
        GlobalOpenTelemetry.resetForTest();
        try (OtelFixture global = new OtelFixture()) {
            GlobalOpenTelemetry.set(global.sdk);

            client(AimsTelemetry.create(otel.sdk)).delegate(r -> answer()).build()
                    .call(AiRequest.of("gpt-4o", "explicit"), context());
            client(AimsTelemetry.builderWithGlobalOpenTelemetry().build()).delegate(r -> answer()).build()
                    .call(AiRequest.of("gpt-4o-mini", "global"), context());

            assertThat(otel.onlySpan().getName()).isEqualTo("chat gpt-4o");
            assertThat(global.onlySpan().getName()).isEqualTo("chat gpt-4o-mini");
        } finally {
            GlobalOpenTelemetry.resetForTest();
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void interceptorAndObserverAreTheSameInstancesEveryTime() {
        AimsTelemetry telemetry = AimsTelemetry.create(otel.sdk);

        assertThat(telemetry.interceptor()).isSameAs(telemetry.interceptor());
        assertThat(telemetry.observer()).isSameAs(telemetry.observer());
    }

    // ---- the builder, option by option ----

    @Test
    void create_null() {
        assertThatThrownBy(() -> AimsTelemetry.create(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("openTelemetry");
    }

    @Test
    void builder_null() {
        assertThatThrownBy(() -> AimsTelemetry.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("openTelemetry");
    }

    @Test
    void emitGenAiSystem_twice() {
        AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).emitGenAiSystem(true);
        assertThatThrownBy(() -> b.emitGenAiSystem(false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("emitGenAiSystem was already set to true");
    }

    @Test
    void emitGenAiSystem_emitsBothNames() {
        GovernedClient client = client(AimsTelemetry.builder(otel.sdk).emitGenAiSystem(true).build())
                .delegate(r -> answer()).build();

        client.call(AiRequest.of("gpt-4o", "hi"), context());

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.GEN_AI_SYSTEM)).isEqualTo("openai");
        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
    }

    @Test
    void pseudonymousUserIds_null() {
        assertThatThrownBy(() -> AimsTelemetry.builder(otel.sdk).pseudonymousUserIds(null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
    }

    @Test
    void pseudonymousUserIds_tooShort() {
        assertThatThrownBy(() -> AimsTelemetry.builder(otel.sdk).pseudonymousUserIds(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pseudonymousUserIds key must be at least 16 bytes, but was 8");
    }

    @Test
    void pseudonymousUserIds_twice() {
        AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).pseudonymousUserIds(KEY);
        assertThatThrownBy(() -> b.pseudonymousUserIds(KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("pseudonymousUserIds was already set");
    }

    @Test
    void pseudonymousUserIds_keyIsCopied() {
        byte[] key = KEY.clone();
        AimsTelemetry telemetry = AimsTelemetry.builder(otel.sdk).pseudonymousUserIds(key).build();
        key[0] ^= 1;

        client(telemetry).delegate(r -> answer()).build().call(AiRequest.of("gpt-4o", "hi"), context());

        assertThat(otel.onlySpan().getAttributes().get(AimsAttributes.ENDUSER_PSEUDO_ID))
                .isEqualTo(new UserIdHasher(KEY).hash("u-7"));
    }

    @Test
    void emitRawUserIds_twice() {
        AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).emitRawUserIds();
        assertThatThrownBy(b::emitRawUserIds).isInstanceOf(IllegalStateException.class)
                .hasMessage("emitRawUserIds was already set");
    }

    @Test
    void emitRawUserIds_withAPseudonymKey() {
        AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).emitRawUserIds().pseudonymousUserIds(KEY);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("emitRawUserIds and pseudonymousUserIds were both set; raw ids need no key: choose one");
    }

    @Test
    void captureContent_null() {
        assertThatThrownBy(() -> AimsTelemetry.builder(otel.sdk).captureContent(null))
                .isInstanceOf(NullPointerException.class).hasMessage("redactor");
    }

    @Test
    void captureContent_twice() {
        AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).captureContent(Redactor.none());
        assertThatThrownBy(() -> b.captureContent(Redactor.none())).isInstanceOf(IllegalStateException.class)
                .hasMessage("captureContent was already set");
    }

    @Test
    void maxContentLength_zero() {
        assertThatThrownBy(() -> AimsTelemetry.builder(otel.sdk).maxContentLength(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxContentLength must be at least 1, but was 0");
    }

    @Test
    void maxContentLength_twice() {
        AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).maxContentLength(100);
        assertThatThrownBy(() -> b.maxContentLength(200)).isInstanceOf(IllegalStateException.class)
                .hasMessage("maxContentLength was already set to 100");
    }

    @Test
    void maxContentLength_withoutCaptureContent() {
        AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).maxContentLength(100);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("maxContentLength was set to 100 but content capture is off; "
                        + "call captureContent(redactor) to capture content");
    }

    @Test
    @SuppressWarnings("deprecation")
    void maxInFlightCalls_zero() {
        assertThatThrownBy(() -> AimsTelemetry.builder(otel.sdk).maxInFlightCalls(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxInFlightCalls must be at least 1, but was 0");
    }

    @Test
    @SuppressWarnings("deprecation")
    void maxInFlightCalls_twice() {
        AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).maxInFlightCalls(5);
        assertThatThrownBy(() -> b.maxInFlightCalls(6)).isInstanceOf(IllegalStateException.class)
                .hasMessage("maxInFlightCalls was already set to 5");
    }

    private static StreamingHandler handler(List<String> chunks, AtomicReference<Throwable> error) {
        return new StreamingHandler() {
            @Override
            public void onPartial(String text) {
                chunks.add(text);
            }

            @Override
            public void onComplete(AiResponse response) {
            }

            @Override
            public void onError(Throwable e) {
                error.set(e);
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
