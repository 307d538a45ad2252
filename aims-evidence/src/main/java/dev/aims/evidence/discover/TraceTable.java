package dev.aims.evidence.discover;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The traces still open, and the AI calls among their spans whose ancestry is not yet known.
 *
 * <p>Spans of one trace arrive in any order, across lines and files: a client span usually ends, and so is exported,
 * before the AIMS span around it, and a trace crosses services that export on their own schedules. So each trace
 * keeps the ids, parent ids and governed flags of its spans, and an AI call waits on the first ancestor not yet
 * seen: it is governed as soon as an ancestor is an AIMS span, and ungoverned as soon as its chain of ancestors is
 * complete without one. A trace is closed once {@code window} spans of other traces have been read since its last
 * span; its calls still waiting then are ungoverned (no governing span was seen). Memory therefore holds the traces
 * active within the window, whatever the number of spans read.
 *
 * <p>Not thread-safe.
 */
final class TraceTable {
    /**
     * An AI call that is not yet known to be governed or not: what its finding needs, not the span (whose
     * attributes may be long).
     */
    record Call(long traceHi, long traceLo, long startNanos, String service, Destination destination,
            String provider, long spanId, boolean genAi, boolean counted) {
        /**
         * @param genAi   whether the span is a model call by the GenAI conventions: an HTTP call found under it is
         *                the same call (reported once, with the HTTP call's more exact path), and a governed span
         *                under it governs it (an instrumented client that AIMS's governed client is wrapped in)
         * @param counted whether the call started in the period asked about; one that did not is still followed,
         *                so that the GenAI call it is part of is not counted in its place
         */
        static Call of(Span s, Destination d, String provider, boolean genAi, boolean counted) {
            return new Call(s.traceHi, s.traceLo, s.startNanos, s.service(), d, provider, s.spanId, genAi, counted);
        }
    }

    private record TraceKey(long hi, long lo) {
    }

    /** One open trace: its spans as parallel arrays, searched linearly while small and through an index after. */
    private static final class Trace {
        private static final int INDEX_FROM = 16;

        long lastArrival;
        long[] ids = new long[4];
        long[] parents = new long[4];
        boolean[] governed = new boolean[4];
        /** Whether the span is an ungoverned model call by the GenAI conventions. */
        boolean[] genAi = new boolean[4];
        int size;
        /** GenAI calls with no governed ancestor, judged when the trace closes: a governed span below governs them. */
        List<Call> deferred;
        /** The GenAI calls an HTTP call to an AI endpoint was found under, by span id; null while none. */
        Set<Long> covered;
        int[] index;
        /** The calls waiting for a span of this trace to arrive, by that span's id; null while none wait. */
        Map<Long, List<Call>> waiting;

        int find(long id) {
            if (index == null) {
                for (int i = 0; i < size; i++) {
                    if (ids[i] == id) {
                        return i;
                    }
                }
                return -1;
            }
            int mask = index.length - 1;
            for (int h = hash(id) & mask; ; h = (h + 1) & mask) {
                int slot = index[h];
                if (slot == 0) {
                    return -1;
                }
                if (ids[slot - 1] == id) {
                    return slot - 1;
                }
            }
        }

        void add(long id, long parent, boolean isGoverned, boolean isGenAi) {
            if (size == ids.length) {
                int n = size * 2;
                ids = Arrays.copyOf(ids, n);
                parents = Arrays.copyOf(parents, n);
                governed = Arrays.copyOf(governed, n);
                genAi = Arrays.copyOf(genAi, n);
            }
            ids[size] = id;
            parents[size] = parent;
            governed[size] = isGoverned;
            genAi[size] = isGenAi;
            size++;
            if (index != null && size * 2 > index.length) {
                index = null; // rebuilt larger below
            }
            if (index == null && size > INDEX_FROM) {
                index = new int[Integer.highestOneBit(size * 4)];
                for (int i = 0; i < size; i++) {
                    put(i);
                }
            } else if (index != null) {
                put(size - 1);
            }
        }

        private void put(int i) {
            int mask = index.length - 1;
            int h = hash(ids[i]) & mask;
            while (index[h] != 0) {
                h = (h + 1) & mask;
            }
            index[h] = i + 1;
        }

        private static int hash(long id) {
            long h = id * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }

    private final long window;
    private final Consumer<Call> governedCall;
    private final Consumer<Call> ungovernedCall;
    private final LinkedHashMap<TraceKey, Trace> open = new LinkedHashMap<>(1024, 0.75f, true);
    private long arrivals;
    private long spansHeld;
    private long peakSpansHeld;
    private long peakTracesOpen;
    private long duplicates;

    TraceTable(long window, Consumer<Call> governedCall, Consumer<Call> ungovernedCall) {
        this.window = window;
        this.governedCall = governedCall;
        this.ungovernedCall = ungovernedCall;
    }

    /**
     * Adds a span, resolving the calls that waited for it.
     *
     * @param s    the span
     * @param call the AI call the span is, or null
     * @return false when the span was already seen (the same export read twice), and was ignored
     */
    boolean add(Span s, Call call) {
        TraceKey key = new TraceKey(s.traceHi, s.traceLo);
        Trace t = open.get(key);
        if (t == null) {
            t = new Trace();
            open.put(key, t);
            peakTracesOpen = Math.max(peakTracesOpen, open.size());
        } else if (t.find(s.spanId) >= 0) {
            duplicates++;
            return false;
        }
        t.lastArrival = ++arrivals;
        boolean governed = s.governed();
        t.add(s.spanId, s.parentId, governed, call != null && call.genAi());
        spansHeld++;
        peakSpansHeld = Math.max(peakSpansHeld, spansHeld);
        if (t.waiting != null) {
            List<Call> woken = t.waiting.remove(s.spanId);
            if (t.waiting.isEmpty()) {
                t.waiting = null;
            }
            if (woken != null) {
                for (Call c : woken) {
                    walk(t, c, s.spanId);
                }
            }
        }
        if (call != null && !governed) {
            walk(t, call, s.parentId);
        }
        evictIdle();
        return true;
    }

    /** Follows a call's ancestors from {@code from}: resolves it, or leaves it waiting on the first one unseen. */
    private void walk(Trace t, Call c, long from) {
        long id = from;
        for (int steps = 0; steps <= t.size; steps++) {
            if (id == 0) {
                ungoverned(t, c);
                return;
            }
            int i = t.find(id);
            if (i < 0) {
                if (t.waiting == null) {
                    t.waiting = new HashMap<>();
                }
                t.waiting.computeIfAbsent(id, k -> new ArrayList<>(1)).add(c);
                return;
            }
            if (t.governed[i]) {
                governedCall.accept(c);
                return;
            }
            if (t.genAi[i] && !c.genAi()) {
                if (t.covered == null) {
                    t.covered = new HashSet<>();
                }
                t.covered.add(t.ids[i]);
            }
            id = t.parents[i];
        }
        ungoverned(t, c); // the parent links form a cycle: no root, no governing span
    }

    /**
     * A call with no governed ancestor. A GenAI call waits for its trace to close: a governed span under it would
     * govern it, and an HTTP call to an AI endpoint under it is the same call.
     */
    private void ungoverned(Trace t, Call c) {
        if (!c.counted()) {
            return;
        }
        if (c.genAi()) {
            if (t.deferred == null) {
                t.deferred = new ArrayList<>(1);
            }
            t.deferred.add(c);
            return;
        }
        ungovernedCall.accept(c);
    }

    private void evictIdle() {
        Iterator<Trace> it = open.values().iterator();
        while (it.hasNext()) {
            Trace t = it.next();
            if (arrivals - t.lastArrival < window) {
                return;
            }
            it.remove();
            close(t);
        }
    }

    private void close(Trace t) {
        spansHeld -= t.size;
        if (t.waiting != null) {
            for (List<Call> calls : t.waiting.values()) {
                for (Call c : calls) {
                    ungoverned(t, c);
                }
            }
        }
        if (t.deferred != null) {
            for (Call c : t.deferred) {
                if (governedBelow(t, c.spanId())) {
                    governedCall.accept(c);
                } else if (t.covered == null || !t.covered.contains(c.spanId())) {
                    ungovernedCall.accept(c);
                }
            }
        }
    }

    /** @return whether a governed span of the trace has the span {@code id} among its ancestors */
    private static boolean governedBelow(Trace t, long id) {
        for (int g = 0; g < t.size; g++) {
            if (!t.governed[g]) {
                continue;
            }
            long p = t.parents[g];
            for (int steps = 0; steps < t.size && p != 0; steps++) {
                if (p == id) {
                    return true;
                }
                int i = t.find(p);
                if (i < 0) {
                    break;
                }
                p = t.parents[i];
            }
        }
        return false;
    }

    /** Closes every open trace: the end of the input. */
    void closeAll() {
        for (Trace t : open.values()) {
            close(t);
        }
        open.clear();
    }

    long peakSpansHeld() {
        return peakSpansHeld;
    }

    long peakTracesOpen() {
        return peakTracesOpen;
    }

    long duplicates() {
        return duplicates;
    }
}
