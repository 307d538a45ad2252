package dev.aims.otel;

import dev.aims.api.CallRecord;
import dev.aims.api.ObservedCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's span, from its start to its record: current on the calling thread while the client runs the chain, so
 * that the provider's HTTP client nests under it and trace context propagates; ended once, from the record.
 * Non-recording (sampled-out) spans are kept too: they still carry the trace context.
 */
final class TracedCall implements ObservedCall {
    private final TelemetryObserver observer;
    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();

    TracedCall(TelemetryObserver observer, Span span) {
        this.observer = observer;
        this.span = span;
    }

    @Override
    public Scope makeCurrent() {
        io.opentelemetry.context.Scope scope = span.makeCurrent();
        return scope::close;
    }

    @Override
    public String traceId() {
        SpanContext sc = span.getSpanContext();
        return sc.isValid() ? sc.getTraceId() : null;
    }

    @Override
    public String spanId() {
        SpanContext sc = span.getSpanContext();
        return sc.isValid() ? sc.getSpanId() : null;
    }

    @Override
    public void end(CallRecord record) {
        // The client ends each call once; a second end would count the call twice in the metrics.
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            observer.finish(span, record);
        } finally {
            span.end();
        }
    }

    @Override
    public String toString() {
        return "AimsTelemetry.call{" + span.getSpanContext().getSpanId() + "}";
    }
}
