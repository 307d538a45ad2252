package dev.aims.bench.otel;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.MaxInputSize;
import dev.aims.core.ModelAllowList;
import dev.aims.otel.AimsTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What AIMS telemetry adds to a governed call: the same calls (two allow policies, prepared responses) without
 * telemetry, with {@link AimsTelemetry}'s one observer on {@link OpenTelemetry#noop()}, and with it on the real SDK
 * — every span started when the call begins, sampled, and handed at its end to a {@link BatchSpanProcessor} whose
 * exporter discards; every metric aggregated by a reader that would export hourly — in the same run. The calls
 * cycle through varied prompts, principals and purposes, so pseudonyms and attribute sets are not one cached value.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TelemetryOverheadBenchmark {
    private GovernedClient withoutTelemetry;
    private GovernedClient withNoopOpenTelemetry;
    private GovernedClient withSdk;
    private OpenTelemetrySdk sdk;
    private static final String[] PROMPTS = {
        "What are your opening hours on Saturdays?",
        "Summarise the attached claim in three bullet points for the adjuster.",
        "Translate 'the parcel was delivered to the neighbour' into German.",
        "Which of our plans includes roaming in Canada, and what does it cost per month?",
        "Draft a polite reply declining the meeting on Thursday afternoon.",
        "List the steps to reset a router that blinks orange.",
        "Is a refund possible 40 days after purchase if the box is unopened?",
        "Explain the difference between a fixed and a variable mortgage rate.",
    };
    private static final String[] PURPOSES = {"faq", "claim-triage", "translation", "sales", "drafting"};

    private AiRequest[] requests;
    private CallContext[] contexts;
    private int next;

    /** Builds the three clients once. */
    @Setup
    public void setUp() {
        AiResponse prepared = AiResponse.builder().message(Message.assistant("Our opening hours are 9 to 5."))
                .usage(Usage.of(12, 9)).finishReason(FinishReason.STOP).responseId("r-1").model("gpt-4o-mini")
                .build();
        ModelClient delegate = req -> prepared;
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build())
                        .build())
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(PeriodicMetricReader.builder(new DiscardingMetricExporter())
                                .setInterval(Duration.ofHours(1)).build())
                        .build())
                .build();
        withoutTelemetry = client(delegate, null);
        withNoopOpenTelemetry = client(delegate, AimsTelemetry.create(OpenTelemetry.noop()));
        withSdk = client(delegate, AimsTelemetry.create(sdk));
        requests = new AiRequest[PROMPTS.length];
        for (int i = 0; i < PROMPTS.length; i++) {
            requests[i] = AiRequest.of(i % 2 == 0 ? "gpt-4o-mini" : "gpt-4o", PROMPTS[i]);
        }
        contexts = new CallContext[37];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = CallContext.builder().principal("user-" + (1000 + i * 7919 % 10_000) + "@corp.example")
                    .tenant(i % 3 == 0 ? "support" : "claims").systemId("helpdesk")
                    .purpose(PURPOSES[i % PURPOSES.length]).sessionId("s-" + i).build();
        }
    }

    private static GovernedClient client(ModelClient delegate, AimsTelemetry telemetry) {
        GovernedClient.Builder b = GovernedClient.builder().delegate(delegate).provider("openai")
                .server("api.openai.com", 443)
                .policy(ModelAllowList.of("gpt-4o*", "claude-*"))
                .policy(MaxInputSize.chars(100_000));
        if (telemetry != null) {
            b.observer(telemetry.observer());
        }
        return b.build();
    }

    /** Shuts the SDK down. */
    @TearDown
    public void tearDown() {
        sdk.close();
    }

    /** @return the governed answer, no telemetry */
    @Benchmark
    public AiResponse governedWithoutTelemetry() {
        return call(withoutTelemetry);
    }

    /** @return the governed answer, AIMS telemetry on a no-op OpenTelemetry */
    @Benchmark
    public AiResponse governedWithNoopOpenTelemetry() {
        return call(withNoopOpenTelemetry);
    }

    /** @return the governed answer, AIMS telemetry on the SDK with a batch span processor */
    @Benchmark
    public AiResponse governedWithSdkBatchProcessor() {
        return call(withSdk);
    }

    private AiResponse call(GovernedClient client) {
        // One benchmark thread: a plain counter picks the next request and context.
        int i = next++ & Integer.MAX_VALUE;
        return client.call(requests[i % requests.length], contexts[i % contexts.length]);
    }

    /** Accepts spans and drops them: the batch processor's work is measured, not an exporter's I/O. */
    private static final class DiscardingSpanExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** Accepts metrics and drops them. */
    private static final class DiscardingMetricExporter implements MetricExporter {
        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public MemoryMode getMemoryMode() {
            return MemoryMode.REUSABLE_DATA;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
