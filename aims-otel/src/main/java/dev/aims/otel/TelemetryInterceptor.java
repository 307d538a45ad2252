package dev.aims.otel;

import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * Starts a call's span before the policies run and keeps it current while the rest of the chain runs, so that a
 * span the provider's HTTP client starts nests under it and trace context propagates to the provider. The span is
 * left open: {@link TelemetryObserver} ends it when the call's record arrives.
 */
final class TelemetryInterceptor implements CallInterceptor {
    private final CallSpans spans;
    private final InFlightSpans inFlight;

    /** @param spans the span factory, or null when tracing is a no-op */
    TelemetryInterceptor(CallSpans spans, InFlightSpans inFlight) {
        this.spans = spans;
        this.inFlight = inFlight;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        if (spans == null) {
            // A no-op tracer would only wrap the current span context, which is already current.
            return chain.proceed(chain.request());
        }
        Span span = spans.start(chain.request(), chain.callId());
        // Non-recording spans are kept too: a sampled-out span still carries the trace context, and the observer
        // must find it rather than start a second span for the same call.
        inFlight.put(chain.callId(), span);
        SpanContext sc = span.getSpanContext();
        if (sc.isValid()) {
            chain.recordTrace(sc.getTraceId(), sc.getSpanId());
        }
        try (Scope ignored = span.makeCurrent()) {
            return chain.proceed(chain.request());
        }
    }

    @Override
    public String toString() {
        return "AimsTelemetry.interceptor";
    }
}
