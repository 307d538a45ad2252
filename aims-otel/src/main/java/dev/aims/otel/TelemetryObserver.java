package dev.aims.otel;

import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.ObservedCall;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.lang.System.Logger.Level;

/**
 * AIMS's one telemetry registration. {@link #start} starts the call's span with what samplers read (operation,
 * provider, model, server) and returns the call that makes it current around the chain and ends it from the record,
 * with the metrics. A record handed to {@link #onCall} without a start still gets its span, made after the fact
 * from the record's times (nothing nests under it then).
 */
final class TelemetryObserver implements CallObserver {
    private static final System.Logger LOG = System.getLogger(TelemetryObserver.class.getName());

    private final CallSpans spans;
    private final GenAiMetrics metrics;
    private final ContentCapture content;
    private final ContentMode contentMode;
    private final Logger events;

    /**
     * @param spans       the span factory, or null when tracing is a no-op
     * @param metrics     the instruments, or null when metrics are a no-op
     * @param content     the content capture, or null when it is off
     * @param contentMode where captured content goes; {@link ContentMode#NONE} when {@code content} is null
     * @param events      where content events go
     */
    TelemetryObserver(CallSpans spans, GenAiMetrics metrics, ContentCapture content, ContentMode contentMode,
            Logger events) {
        this.spans = spans;
        this.metrics = metrics;
        this.content = content;
        this.contentMode = content == null ? ContentMode.NONE : contentMode;
        this.events = events;
    }

    @Override
    public ObservedCall start(CallStart start) {
        if (spans == null) {
            // A no-op tracer would only wrap the context that is already current: measure, trace nothing.
            return this::onCall;
        }
        return new TracedCall(this, spans.start(start));
    }

    @Override
    public void onCall(CallRecord record) {
        if (spans == null) {
            if (metrics != null) {
                metrics.record(record, Context.current());
            }
            if (contentMode.onEvents()) {
                captureContent(null, record, Context.current());
            }
            return;
        }
        Span span = spans.startFromRecord(record);
        try {
            finish(span, record);
        } finally {
            span.end(record.endedAt());
        }
    }

    /** Sets the record's attributes, content and metrics on a span; the caller ends it. */
    void finish(Span span, CallRecord record) {
        spans.finish(span, record);
        Context context = Context.current().with(span);
        if (contentMode != ContentMode.NONE && (span.isRecording() || contentMode.onEvents())) {
            captureContent(span, record, context);
        }
        if (metrics != null) {
            metrics.record(record, context);
        }
    }

    private void captureContent(Span span, CallRecord record, Context context) {
        Value<?> input;
        Value<?> output;
        try {
            ContentCapture.Writer writer = content.open();
            input = record.sentRequest().map(writer::inputValue).orElse(null);
            output = record.receivedResponse().map(writer::outputValue).orElse(null);
        } catch (RuntimeException e) {
            // Content that could not be redacted is not emitted. The exception's message stays out of the log:
            // a redactor's failure may quote the text it failed on.
            LOG.log(Level.WARNING, "Content of call {0} not captured: the content redactor threw {1}",
                    record.callId(), e.getClass().getName());
            return;
        }
        if (input == null && output == null) {
            return;
        }
        if (contentMode.onSpans() && span != null && span.isRecording()) {
            if (input != null) {
                span.setAttribute(AimsAttributes.GEN_AI_INPUT_MESSAGES, ContentCapture.json(input));
            }
            if (output != null) {
                span.setAttribute(AimsAttributes.GEN_AI_OUTPUT_MESSAGES, ContentCapture.json(output));
            }
        }
        if (contentMode.onEvents()) {
            var event = events.logRecordBuilder()
                    .setEventName(AimsAttributes.EVENT_INFERENCE_DETAILS)
                    .setSeverity(Severity.DEBUG)
                    .setContext(context)
                    .setAttribute(AimsAttributes.GEN_AI_OPERATION_NAME, record.operationName())
                    .setAttribute(AimsAttributes.GEN_AI_PROVIDER_NAME, record.provider())
                    .setAttribute(AimsAttributes.GEN_AI_REQUEST_MODEL, record.requestModel())
                    .setAttribute(AimsAttributes.AIMS_CALL_ID, record.callId());
            if (input != null) {
                event.setAttribute(AimsAttributes.GEN_AI_INPUT_MESSAGES_VALUE, input);
            }
            if (output != null) {
                event.setAttribute(AimsAttributes.GEN_AI_OUTPUT_MESSAGES_VALUE, output);
            }
            event.emit();
        }
    }

    @Override
    public String toString() {
        return "AimsTelemetry.observer";
    }
}
