package dev.aims.evidence.discover;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceTableTest {
    private final List<Long> governed = new ArrayList<>();
    private final List<Long> ungoverned = new ArrayList<>();

    private TraceTable table(long window) {
        return new TraceTable(window, c -> governed.add(c.traceLo()), c -> ungoverned.add(c.traceLo()));
    }

    private static Span span(long trace, long id, long parent, boolean aims) {
        Span s = new Span(new Span.Origin(), new Span.Origin());
        s.traceLo = trace;
        s.spanId = id;
        s.parentId = parent;
        s.governedAttribute = aims;
        return s;
    }

    private static TraceTable.Call call(Span s) {
        return TraceTable.Call.of(s, new Destination("api.openai.com", 443, "/v1/chat/completions"), "openai", false, true);
    }

    @Test
    void aCallBeforeItsGoverningAncestorWaitsForIt() {
        TraceTable t = table(100);
        Span http = span(1, 3, 2, false);
        t.add(http, call(http));
        t.add(span(1, 2, 1, true), null); // AIMS's span ends, and is exported, after its HTTP request's
        assertThat(governed).containsExactly(1L);
        t.add(span(1, 1, 0, false), null);
        t.closeAll();
        assertThat(ungoverned).isEmpty();
    }

    @Test
    void aCallAfterItsGoverningAncestorIsGovernedAtOnce() {
        TraceTable t = table(100);
        t.add(span(1, 1, 0, false), null);
        t.add(span(1, 2, 1, true), null);
        t.add(span(1, 4, 2, false), null);
        Span http = span(1, 5, 4, false);
        t.add(http, call(http));
        assertThat(governed).containsExactly(1L);
    }

    @Test
    void aCompleteChainWithoutAimsIsUngovernedAtOnce() {
        TraceTable t = table(100);
        t.add(span(7, 1, 0, false), null);
        Span http = span(7, 2, 1, false);
        t.add(http, call(http));
        assertThat(ungoverned).containsExactly(7L);
        Span rootCall = span(8, 1, 0, false);
        t.add(rootCall, call(rootCall));
        assertThat(ungoverned).containsExactly(7L, 8L);
    }

    @Test
    void aCallWhoseAncestorNeverArrivesIsUngovernedWhenItsTraceCloses() {
        TraceTable t = table(3);
        Span http = span(1, 3, 2, false);
        t.add(http, call(http));
        t.add(span(2, 1, 0, false), null);
        t.add(span(3, 1, 0, false), null);
        assertThat(ungoverned).isEmpty();
        t.add(span(4, 1, 0, false), null); // the third span of other traces since trace 1's last: it closes
        assertThat(ungoverned).containsExactly(1L);
        t.add(span(1, 2, 0, true), null); // too late: trace 1 starts again, and this span governs nothing waiting
        assertThat(governed).isEmpty();
    }

    @Test
    void aSpanReadTwiceIsIgnored() {
        TraceTable t = table(100);
        Span http = span(1, 2, 1, false);
        assertThat(t.add(http, call(http))).isTrue();
        assertThat(t.add(span(1, 2, 1, false), call(http))).isFalse();
        t.add(span(1, 1, 0, false), null);
        assertThat(ungoverned).containsExactly(1L);
        assertThat(t.duplicates()).isEqualTo(1);
    }

    @Test
    void largeTracesAreIndexedAndCyclesEnd() {
        TraceTable t = table(1_000);
        for (long id = 1; id <= 200; id++) {
            t.add(span(1, id, id - 1, id == 1), null);
        }
        Span deep = span(1, 1000, 200, false);
        t.add(deep, call(deep));
        assertThat(governed).containsExactly(1L);
        t.add(span(2, 1, 2, false), null);
        Span loop = span(2, 2, 1, false);
        t.add(loop, call(loop));
        assertThat(ungoverned).containsExactly(2L);
    }

    @Test
    void memoryIsBoundedByTheWindowNotTheInput() {
        TraceTable t = table(1_000);
        for (long trace = 1; trace <= 100_000; trace++) {
            for (long id = 1; id <= 10; id++) {
                t.add(span(trace, id, id - 1, false), null);
            }
        }
        assertThat(t.peakSpansHeld()).isLessThanOrEqualTo(1_000 + 10);
        assertThat(t.peakTracesOpen()).isLessThanOrEqualTo(102);
    }
}
