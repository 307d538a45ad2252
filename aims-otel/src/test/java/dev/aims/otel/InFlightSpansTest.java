package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightSpansTest {
    private final OtelFixture otel = new OtelFixture();
    private final Tracer tracer = otel.sdk.getTracer("test");
    private final LogCapture logs = LogCapture.start();

    @AfterEach
    void close() {
        logs.close();
        otel.close();
    }

    @Test
    void removeReturnsTheSpanOnce() {
        InFlightSpans inFlight = new InFlightSpans(4);
        Span span = tracer.spanBuilder("a").startSpan();
        inFlight.put("c1", span);

        assertThat(inFlight.size()).isEqualTo(1);
        assertThat(inFlight.remove("c1")).isSameAs(span);
        assertThat(inFlight.remove("c1")).isNull();
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void whenFullTheOldestSpanIsEndedAsAbandoned() {
        InFlightSpans inFlight = new InFlightSpans(2);
        inFlight.put("c1", tracer.spanBuilder("first").startSpan());
        inFlight.put("c2", tracer.spanBuilder("second").startSpan());
        inFlight.put("c3", tracer.spanBuilder("third").startSpan());

        assertThat(inFlight.size()).isEqualTo(2);
        assertThat(inFlight.remove("c1")).isNull();
        SpanData abandoned = otel.onlySpan();
        assertThat(abandoned.getName()).isEqualTo("first");
        assertThat(abandoned.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(abandoned.getAttributes().get(AimsAttributes.ERROR_TYPE)).isEqualTo("_OTHER");
        assertThat(logs.text()).contains("Ended the span of call c1 unfinished", "more than 2 calls");
    }

    @Test
    void aRepeatedCallIdAbandonsTheEarlierSpan() {
        InFlightSpans inFlight = new InFlightSpans(4);
        inFlight.put("c1", tracer.spanBuilder("earlier").startSpan());
        Span later = tracer.spanBuilder("later").startSpan();
        inFlight.put("c1", later);

        assertThat(otel.onlySpan().getName()).isEqualTo("earlier");
        assertThat(inFlight.remove("c1")).isSameAs(later);
    }

    @Test
    void capacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new InFlightSpans(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1, but was 0");
    }
}
