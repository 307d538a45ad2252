package dev.aims.redact.internal;

import dev.aims.api.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The detector engine: one pass of the built-in detectors over the text (over a folded copy when the text holds
 * evasive characters), then the user's dictionary automaton and patterns, then deterministic overlap resolution.
 * Immutable and thread-safe.
 *
 * <p>Not a public API: this package may change without notice. Use {@code dev.aims.redact.AimsRedactor}.
 */
public final class Engine {
    private final long enabled;
    private final String[] typeNames;
    private final Dictionary dictionary;
    private final List<SafePattern> patterns;
    private final int[] patternTypes;
    private final boolean userPasses;

    /**
     * @param enabledTypes the built-in types to detect, by public name
     * @param dictionaries user dictionaries: type name to the literal terms of that type
     * @param patterns     user patterns: type name to the patterns of that type
     * @throws IllegalArgumentException if a built-in name is unknown or a user type is a built-in name
     */
    public Engine(Set<String> enabledTypes, Map<String, ? extends Iterable<String>> dictionaries,
            Map<String, ? extends List<SafePattern>> patterns) {
        long mask = 0;
        for (String name : enabledTypes) {
            int id = Types.id(name);
            if (id < 0) {
                throw new IllegalArgumentException("type must be a built-in type, but was '" + name + "'");
            }
            mask |= 1L << id;
        }
        this.enabled = mask;
        List<String> names = new ArrayList<>(Types.NAMES);
        Dictionary.Builder dict = new Dictionary.Builder();
        for (Map.Entry<String, ? extends Iterable<String>> e : dictionaries.entrySet()) {
            int id = userType(names, e.getKey());
            for (String term : e.getValue()) {
                dict.add(term, id);
            }
        }
        this.dictionary = dict.isEmpty() ? null : dict.build();
        List<SafePattern> all = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (Map.Entry<String, ? extends List<SafePattern>> e : patterns.entrySet()) {
            int id = userType(names, e.getKey());
            for (SafePattern p : e.getValue()) {
                all.add(p);
                types.add(id);
            }
        }
        this.patterns = List.copyOf(all);
        this.patternTypes = types.stream().mapToInt(Integer::intValue).toArray();
        this.typeNames = names.toArray(new String[0]);
        this.userPasses = dictionary != null || !all.isEmpty();
    }

    private static int userType(List<String> names, String type) {
        if (Types.id(type) >= 0) {
            throw new IllegalArgumentException("a user type must not reuse a built-in name, but was '" + type + "'");
        }
        int id = names.indexOf(type);
        if (id < 0) {
            names.add(type);
            id = names.size() - 1;
        }
        return id;
    }

    /**
     * Scans a text once.
     *
     * @param text the text
     * @return the findings in text order, not overlapping, offsets into {@code text}; an empty immutable list
     *     (no allocation) when nothing was found
     */
    public List<Finding> scan(String text) {
        Work w = Work.get();
        // the scan stops at the first character that calls for the normalised view, wherever it is, even inside
        // what a detector read: a finding that reaches over an escape or an invisible character cannot hide it
        if (!Scanner.scan(text, enabled, w, true)) {
            if (userPasses) {
                runUserPasses(text, w);
            }
            return w.hits == 0 ? List.of() : resolve(w, null);
        }
        Evasion.Folded folded = Evasion.fold(text);
        w.folded = folded;
        Scanner.scan(folded.text(), enabled, w, false);
        if (userPasses) {
            runUserPasses(folded.text(), w);
        }
        w.folded = null;
        return w.hits == 0 ? List.of() : resolve(w, folded);
    }

    private void runUserPasses(String text, Work w) {
        if (dictionary != null) {
            dictionary.find(text, w);
        }
        for (int p = 0; p < patterns.size(); p++) {
            patterns.get(p).find(text, patternTypes[p], w);
        }
    }

    /**
     * Orders the hits and resolves overlaps: of two overlapping hits the longer wins, then the more specific type,
     * then the earlier one; a vendor-specific secret absorbs an overlapping {@code GENERIC_SECRET} (the span becomes
     * their union, the type stays specific).
     */
    private List<Finding> resolve(Work w, Evasion.Folded folded) {
        int count = w.hits;
        long[] order = new long[count];
        for (int h = 0; h < count; h++) {
            // start ascending, then longer first; the index rides in the low bits
            order[h] = ((long) w.hitStart[h] << 32) | ((long) (0xffff - Math.min(0xffff, w.hitEnd[h]
                    - w.hitStart[h])) << 16) | h;
        }
        if (count > 0xffff) {
            return resolveLarge(w, folded);
        }
        boolean sorted = true;
        for (int h = 1; h < count && sorted; h++) {
            sorted = order[h - 1] <= order[h];
        }
        if (!sorted) {
            Arrays.sort(order);
        }
        int[] start = new int[count];
        int[] end = new int[count];
        int[] type = new int[count];
        int kept = 0;
        for (long key : order) {
            int h = (int) (key & 0xffff);
            int s = w.hitStart[h];
            int e = w.hitEnd[h];
            int t = w.hitType[h];
            if (kept > 0 && s < end[kept - 1]) {
                int last = kept - 1;
                int lt = type[last];
                if (t == Types.GENERIC_SECRET && Types.isSpecificSecret(lt)
                        || lt == Types.GENERIC_SECRET && Types.isSpecificSecret(t)) {
                    start[last] = Math.min(start[last], s);
                    end[last] = Math.max(end[last], e);
                    type[last] = t == Types.GENERIC_SECRET ? lt : t;
                    continue;
                }
                int len = e - s;
                int lastLen = end[last] - start[last];
                if (len > lastLen || (len == lastLen && Types.rank(t) > Types.rank(lt))) {
                    start[last] = s;
                    end[last] = e;
                    type[last] = t;
                }
                continue;
            }
            start[kept] = s;
            end[kept] = e;
            type[kept] = t;
            kept++;
        }
        Finding[] out = new Finding[kept];
        for (int k = 0; k < kept; k++) {
            int s = folded == null ? start[k] : folded.start(start[k]);
            int e = folded == null ? end[k] : folded.end(end[k]);
            out[k] = new Finding(typeNames[type[k]], s, e, Types.score(type[k]));
        }
        return List.of(out);
    }

    private List<Finding> resolveLarge(Work w, Evasion.Folded folded) {
        // more than 65535 hits in one text: resolve in chunks of hits that are already in text order
        List<Finding> all = new ArrayList<>();
        Work part = new Work();
        for (int from = 0; from < w.hits; from += 0xffff) {
            part.hits = 0;
            for (int h = from; h < Math.min(w.hits, from + 0xffff); h++) {
                part.add(w.hitStart[h], w.hitEnd[h], w.hitType[h]);
            }
            all.addAll(resolve(part, folded));
        }
        all.sort((a, b) -> Integer.compare(a.start(), b.start()));
        List<Finding> clean = new ArrayList<>();
        for (Finding f : all) {
            if (clean.isEmpty() || f.start() >= clean.get(clean.size() - 1).end()) {
                clean.add(f);
            }
        }
        return Collections.unmodifiableList(clean);
    }

    /**
     * @return the longest span, in characters, that a user dictionary term or pattern match may have; 0 when there
     *     are none
     */
    public int longestMultiWordSpan() {
        int span = dictionary == null ? 0 : dictionary.longestTerm();
        return patterns.isEmpty() ? span : Math.max(span, SafePattern.MAX_MATCH);
    }

    /** @return the public names of all types this engine can report, built-in first, then user types */
    public List<String> typeNames() {
        return List.of(typeNames);
    }
}
