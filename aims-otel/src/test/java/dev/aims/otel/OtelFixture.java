package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;

/** An OpenTelemetry SDK that keeps what it receives in memory. */
final class OtelFixture implements AutoCloseable {
    final InMemorySpanExporter spanExporter = InMemorySpanExporter.create();
    final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
    final InMemoryLogRecordExporter logExporter = InMemoryLogRecordExporter.create();
    final OpenTelemetrySdk sdk;

    OtelFixture() {
        this(Sampler.alwaysOn());
    }

    OtelFixture(Sampler sampler) {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setSampler(sampler)
                        .addSpanProcessor(SimpleSpanProcessor.create(spanExporter))
                        .build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logExporter)).build())
                .build();
    }

    List<SpanData> spans() {
        return spanExporter.getFinishedSpanItems();
    }

    SpanData onlySpan() {
        List<SpanData> spans = spans();
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }

    SpanData span(String name) {
        return spans().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span named " + name + " in " + spans()));
    }

    List<LogRecordData> logs() {
        return logExporter.getFinishedLogRecordItems();
    }

    Collection<MetricData> metrics() {
        return metricReader.collectAllMetrics();
    }

    static MetricData metric(Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric named " + name + " in " + metrics));
    }

    @Override
    public void close() {
        sdk.close();
    }
}
