package dev.aims.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spans the interceptor started and the observer has not yet ended, by call id. Bounded: a call whose record
 * never arrives (an interceptor installed without the observer, a pipeline that lost the call) must not hold its span
 * forever, so when the map is full the oldest span is ended as abandoned.
 */
final class InFlightSpans {
    /** The {@code error.type} of a span ended because its call never reported its end. */
    static final String ABANDONED_ERROR_TYPE = "_OTHER";

    private static final System.Logger LOG = System.getLogger(InFlightSpans.class.getName());

    private final Map<String, Entry> spans = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final int capacity;

    InFlightSpans(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Registers the span of a call that has started. */
    void put(String callId, Span span) {
        // The size check races with other threads; the bound is then exceeded by at most the number of callers,
        // which is enough to stop a leak.
        while (spans.size() >= capacity) {
            evictOldest();
        }
        Entry previous = spans.put(callId, new Entry(span, sequence.incrementAndGet()));
        if (previous != null) {
            abandon(callId, previous.span, "the interceptor ran twice for this call id");
        }
    }

    /** @return the span of the call, now no longer in flight, or null when there is none */
    Span remove(String callId) {
        Entry e = spans.remove(callId);
        return e == null ? null : e.span;
    }

    /** @return the number of calls in flight */
    int size() {
        return spans.size();
    }

    private void evictOldest() {
        Map.Entry<String, Entry> oldest = null;
        for (Map.Entry<String, Entry> e : spans.entrySet()) {
            if (oldest == null || e.getValue().sequence < oldest.getValue().sequence) {
                oldest = e;
            }
        }
        if (oldest != null && spans.remove(oldest.getKey(), oldest.getValue())) {
            abandon(oldest.getKey(), oldest.getValue().span, "more than " + capacity
                    + " calls were in flight; is the AimsTelemetry observer installed next to its interceptor?");
        }
    }

    private static void abandon(String callId, Span span, String why) {
        span.setAttribute(AimsAttributes.ERROR_TYPE, ABANDONED_ERROR_TYPE);
        span.setStatus(StatusCode.ERROR, "AIMS never received the end of this call");
        span.end();
        LOG.log(Level.WARNING, "Ended the span of call {0} unfinished: {1}", callId, why);
    }

    private static final class Entry {
        final Span span;
        final long sequence;

        Entry(Span span, long sequence) {
            this.span = span;
            this.sequence = sequence;
        }
    }
}
