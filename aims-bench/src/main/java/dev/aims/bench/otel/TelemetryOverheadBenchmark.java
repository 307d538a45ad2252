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
 * What AIMS telemetry adds to a governed call: the same call (two allow policies, prepared response) without
 * telemetry, with {@link AimsTelemetry} on {@link OpenTelemetry#noop()}, and with it on the real SDK — every span
 * sampled and handed to a {@link BatchSpanProcessor} whose exporter discards, every metric aggregated by a reader
 * that would export hourly — in the same run.
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
    private AiRequest request;
    private CallContext context;

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
        request = AiRequest.of("gpt-4o-mini", "What are your opening hours on Saturdays?");
        context = CallContext.builder().principal("u-1").tenant("support").systemId("helpdesk").purpose("faq")
                .build();
    }

    private static GovernedClient client(ModelClient delegate, AimsTelemetry telemetry) {
        GovernedClient.Builder b = GovernedClient.builder().delegate(delegate).provider("openai")
                .server("api.openai.com", 443)
                .policy(ModelAllowList.of("gpt-4o*", "claude-*"))
                .policy(MaxInputSize.chars(100_000));
        if (telemetry != null) {
            b.interceptor(telemetry.interceptor()).observer(telemetry.observer());
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
        return withoutTelemetry.call(request, context);
    }

    /** @return the governed answer, AIMS telemetry on a no-op OpenTelemetry */
    @Benchmark
    public AiResponse governedWithNoopOpenTelemetry() {
        return withNoopOpenTelemetry.call(request, context);
    }

    /** @return the governed answer, AIMS telemetry on the SDK with a batch span processor */
    @Benchmark
    public AiResponse governedWithSdkBatchProcessor() {
        return withSdk.call(request, context);
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
