package dev.aims.cli;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The demo's OpenTelemetry SDK: its spans go to a file as OTLP JSON, one export request
 * ({@code {"resourceSpans":[…]}}) a line, written by the SDK's own OTLP JSON exporter — the file format of the
 * OpenTelemetry Collector's file exporter and {@code otlpjsonfile} receiver.
 */
final class DemoTelemetry implements AutoCloseable {
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final OutputStream file;
    private final SdkTracerProvider tracerProvider;
    private final OpenTelemetrySdk sdk;

    private DemoTelemetry(OutputStream file, SdkTracerProvider tracerProvider) {
        this.file = file;
        this.tracerProvider = tracerProvider;
        this.sdk = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    }

    /**
     * @param spansFile the file to (re)write
     * @return the telemetry, writing to {@code spansFile} until closed
     * @throws IOException if the file cannot be created
     */
    static DemoTelemetry open(Path spansFile) throws IOException {
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(spansFile));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, "aims-demo"))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter(file)).build())
                .build();
        return new DemoTelemetry(file, provider);
    }

    /**
     * The exporter. The public {@code OtlpJsonLoggingSpanExporter} writes through java.util.logging, one
     * {@code ResourceSpans} per log record and without the export-request wrapper, so its lines are not export
     * requests. The builder of the internal {@code OtlpStdoutSpanExporter} (the exporter behind
     * {@code OTEL_TRACES_EXPORTER=otlp/stdout}) writes whole export requests to a stream; it is internal API, used
     * here only, at the OpenTelemetry version the root pom pins.
     */
    private static SpanExporter exporter(OutputStream out) {
        return OtlpStdoutSpanExporter.builder().setOutput(out).setWrapperJsonObject(true).build();
    }

    /** @return the OpenTelemetry instance to give to {@code AimsTelemetry} */
    OpenTelemetry openTelemetry() {
        return sdk;
    }

    /**
     * Exports the spans still buffered, shuts the SDK down and closes the file.
     *
     * @throws UncheckedIOException if the file cannot be written or closed, or the export failed
     */
    @Override
    public void close() {
        CompletableResultCode flushed = tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
        tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the spans file", e);
        }
        if (!flushed.isSuccess()) {
            throw new UncheckedIOException(new IOException("the span exporter failed to write the spans file"));
        }
    }
}
