package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts the distinct sensitive values of a period apart from their occurrences, from the keyed digests call entries
 * carry ({@code valueDigests}): one e-mail address sent in six calls is six occurrences of one value. A digest counts
 * together with the id of the key it was made under, since digests under different keys do not compare. Only the
 * counts leave this class; the digests are kept to tell values apart, never written.
 *
 * <p>Never guesses: entries without digests (written before the evidence recorded them, or by a redactor that does
 * not digest all it finds) are left out of the distinct count, and the figures say how many calls and occurrences
 * the count covers.
 */
final class DistinctValues {
    private final Map<String, Set<String>> byType = new TreeMap<>();
    private final Set<String> all = new HashSet<>();
    private final Set<String> keys = new TreeSet<>();
    private long callsWithFindings;
    private long occurrences;
    private long callsCovered;
    private long occurrencesCovered;

    /** Adds one call body's findings and, when it carries them, its value digests. */
    void add(JsonNode call) {
        long found = 0;
        for (JsonNode n : call.path("findings")) {
            found += Math.max(0, n.asLong());
        }
        if (found == 0) {
            return;
        }
        callsWithFindings++;
        occurrences += found;
        JsonNode v = call.path(Entries.VALUE_DIGESTS);
        String key = Entries.text(v, "key");
        if (key == null || !v.path("types").isObject() || !everyTypeDigested(call.path("findings"), v.path("types"))) {
            return;
        }
        callsCovered++;
        occurrencesCovered += found;
        keys.add(key);
        for (Map.Entry<String, JsonNode> t : v.path("types").properties()) {
            Set<String> ofType = byType.computeIfAbsent(t.getKey(), k -> new HashSet<>());
            for (JsonNode d : t.getValue()) {
                if (d.isTextual()) {
                    String keyed = key + ':' + d.textValue();
                    ofType.add(keyed);
                    all.add(keyed);
                }
            }
        }
    }

    /** @return whether every type the call found has digests: a call digested in part is left out, not guessed */
    private static boolean everyTypeDigested(JsonNode findings, JsonNode types) {
        for (Map.Entry<String, JsonNode> f : findings.properties()) {
            if (f.getValue().asLong() > 0 && types.path(f.getKey()).size() == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code distinctValues} (null when no call with findings carries digests), {@code distinctValuesByType},
     * the calls and occurrences the count covers, the number of digest keys, and a note that says what the count
     * means and where it falls short.
     */
    void write(ObjectNode f) {
        boolean none = callsCovered == 0 && callsWithFindings > 0;
        if (none) {
            f.putNull("distinctValues");
            f.putNull("distinctValuesByType");
        } else {
            f.put("distinctValues", all.size());
            ObjectNode t = f.putObject("distinctValuesByType");
            byType.forEach((type, d) -> t.put(type, d.size()));
        }
        f.put("callsWithFindingsAndValueDigests", callsCovered);
        f.put("findingOccurrencesWithValueDigests", occurrencesCovered);
        f.put("valueDigestKeys", keys.size());
        f.put("distinctValuesNote", note());
    }

    private String note() {
        if (callsWithFindings == 0) {
            return "no sensitive value was found";
        }
        String missing = " (entries written before the evidence recorded value digests, or by a redactor that does"
                + " not digest all it finds)";
        if (callsCovered == 0) {
            return "not recorded: no value digests in the " + ReportData.plural(callsWithFindings, "call")
                    + " with findings" + missing + "; only occurrences are counted";
        }
        StringBuilder s = new StringBuilder("each value counted once however often it occurs, by its keyed digest"
                + " (never the value); a value found under two types counts once in the total and once under each"
                + " type");
        if (callsCovered < callsWithFindings) {
            s.append("; covers only the ").append(callsCovered).append(" of ")
                    .append(ReportData.plural(callsWithFindings, "call")).append(" with findings that carry value"
                            + " digests (").append(occurrencesCovered).append(" of ").append(occurrences)
                    .append(" occurrences); the others are left out").append(missing);
        }
        if (keys.size() > 1) {
            s.append("; the digests were made under ").append(keys.size()).append(" different keys (a redactor"
                    + " without a configured hashKey makes a new key each time it is built, so in each process): a"
                    + " value seen under two keys counts twice, so the figure may count a value more than once");
        }
        return s.toString();
    }
}
