package dev.aims.otel;

import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.lang.System.Logger.Level;

/**
 * Ends a call's span from its record — the span {@link TelemetryInterceptor} started, or, when the interceptor is
 * not installed, one made after the fact from the record's times — and records the call's metrics.
 */
final class TelemetryObserver implements CallObserver {
    private static final System.Logger LOG = System.getLogger(TelemetryObserver.class.getName());

    private final CallSpans spans;
    private final InFlightSpans inFlight;
    private final GenAiMetrics metrics;
    private final ContentCapture content;

    /**
     * @param spans   the span factory, or null when tracing is a no-op
     * @param metrics the instruments, or null when metrics are a no-op
     * @param content the content capture, or null when it is off
     */
    TelemetryObserver(CallSpans spans, InFlightSpans inFlight, GenAiMetrics metrics, ContentCapture content) {
        this.spans = spans;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.content = content;
    }

    @Override
    public void onCall(CallRecord record) {
        if (spans == null) {
            if (metrics != null) {
                metrics.record(record, Context.current());
            }
            return;
        }
        Span span = inFlight.remove(record.callId());
        boolean afterTheFact = span == null;
        if (afterTheFact) {
            span = spans.startFromRecord(record);
        }
        try {
            spans.finish(span, record);
            if (content != null && span.isRecording()) {
                captureContent(span, record);
            }
            if (metrics != null) {
                metrics.record(record, Context.current().with(span));
            }
        } finally {
            if (afterTheFact) {
                span.end(record.endedAt());
            } else {
                span.end();
            }
        }
    }

    private void captureContent(Span span, CallRecord record) {
        try {
            ContentCapture.Writer writer = content.open();
            if (record.sentRequest().isPresent()) {
                span.setAttribute(AimsAttributes.GEN_AI_INPUT_MESSAGES, writer.input(record.sentRequest().get()));
            }
            if (record.receivedResponse().isPresent()) {
                span.setAttribute(AimsAttributes.GEN_AI_OUTPUT_MESSAGES,
                        writer.output(record.receivedResponse().get()));
            }
        } catch (RuntimeException e) {
            // Content that could not be redacted is not emitted. The exception's message stays out of the log:
            // a redactor's failure may quote the text it failed on.
            LOG.log(Level.WARNING, "Content of call {0} not captured: the content redactor threw {1}",
                    record.callId(), e.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "AimsTelemetry.observer";
    }
}
