package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.PolicyDecision;
import dev.aims.api.Restoration;
import dev.aims.api.ValueDigests;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shape of an evidence line. Every line is one JSON object with {@code seq}, {@code ts}, {@code type},
 * {@code prev}, {@code hash} and a body named after its type ({@code call}, {@code checkpoint} or {@code open});
 * checkpoints add {@code sig}.
 *
 * <p>A call body holds what {@link CallRecord} holds <em>about</em> the call and never what was said in it:
 * {@link CallRecord#sentRequest()}, {@link CallRecord#receivedResponse()} and decision messages are not written.
 * It says whether the client redacted ({@code redactionEnabled}; entries written before that member existed lack
 * it) and, when pseudonyms were restored into tool-call arguments, which type into which tool
 * ({@code restorations}, never a value). The principal is written as given, or as {@code principalPseudonym} when
 * the log keeps pseudonyms. When the redactor digested the values it found, {@code valueDigests} holds the id of the
 * digest key and, per type, the keyed digests of the distinct values (never a value, never an unkeyed hash), so that
 * a report can count values apart from occurrences; entries written before that member existed lack it.
 */
final class Entries {
    static final String SEQ = "seq";
    static final String TS = "ts";
    static final String TYPE = "type";
    static final String PREV = "prev";
    static final String HASH = "hash";
    static final String SIG = "sig";

    static final String CALL = "call";
    static final String CHECKPOINT = "checkpoint";
    static final String OPEN = "open";
    /** The call body's member holding the keyed digests of the distinct values found, by type. */
    static final String VALUE_DIGESTS = "valueDigests";

    /** The {@code prev} of the first entry of a chain. */
    static final String GENESIS = "0".repeat(64);

    static final String REASON_COUNT = "count";
    static final String REASON_TIME = "time";
    static final String REASON_ROTATION = "rotation";
    static final String REASON_CLOSE = "close";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Entries() {
    }

    /** @return an entry without prev and hash, whose body the caller fills */
    static ObjectNode entry(long seq, String ts, String type) {
        ObjectNode e = NODES.objectNode();
        e.put(SEQ, seq);
        e.put(TS, ts);
        e.put(TYPE, type);
        return e;
    }

    /**
     * Appends the canonical form of a call body: what the record holds about the call, members written in sorted
     * order as RFC 8785 asks, so that no tree is built on the writer's path. The verifier re-derives this form from
     * the parsed line, so any departure from canonical form here would show as a fault in every test.
     */
    static void callBody(CallRecord r, PrincipalPseudonyms pseudonyms, StringBuilder out) {
        out.append("{\"context\":");
        context(r.context(), pseudonyms, out);
        out.append(",\"decisions\":[");
        boolean first = true;
        for (PolicyDecision d : r.decisions()) {
            out.append(first ? "{" : ",{");
            first = false;
            member(out, "effect", d.effect().name(), true);
            member(out, "policy", d.policyId(), false);
            member(out, "reason", d.reasonCode(), false);
            out.append(",\"shadow\":").append(d.shadow());
            member(out, "stage", d.stage().name(), false);
            member(out, "version", d.policyVersion(), false);
            out.append('}');
        }
        out.append("],\"digest\":{");
        member(out, "algorithm", r.digestAlgorithm(), true);
        member(out, "request", r.requestDigest().orElse(null), false);
        member(out, "response", r.responseDigest().orElse(null), false);
        out.append("},\"durationMicros\":").append(micros(r.duration()));
        member(out, "errorType", r.errorType().orElse(null), false);
        out.append(",\"findings\":{");
        first = true;
        // CallRecord keeps its finding counts sorted by type.
        for (Map.Entry<String, Integer> f : r.findingCounts().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Canonical.string(f.getKey(), out);
            out.append(':').append(f.getValue().intValue());
        }
        out.append("},\"finishReasons\":[");
        first = true;
        for (FinishReason f : r.finishReasons()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Canonical.string(f.wireName(), out);
        }
        out.append(']');
        member(out, "id", r.callId(), false);
        member(out, "model", r.requestModel(), false);
        member(out, "operation", r.operationName(), false);
        member(out, "outcome", r.outcome().wireName(), false);
        member(out, "policySetHash", r.policySetHash(), false);
        member(out, "provider", r.provider(), false);
        out.append(",\"redactionEnabled\":").append(r.redactionEnabled());
        member(out, "responseId", r.responseId().orElse(null), false);
        member(out, "responseModel", r.responseModel().orElse(null), false);
        if (!r.restorations().isEmpty()) {
            out.append(",\"restorations\":[");
            first = true;
            for (Restoration x : r.restorations()) {
                out.append(first ? "{" : ",{");
                first = false;
                member(out, "tool", x.toolName(), true);
                member(out, "type", x.entityType(), false);
                out.append('}');
            }
            out.append(']');
        }
        if (r.serverAddress().isPresent()) {
            out.append(",\"server\":{");
            member(out, "address", r.serverAddress().get(), true);
            out.append(",\"port\":").append(r.serverPort()).append('}');
        }
        member(out, "spanId", r.spanId().orElse(null), false);
        member(out, "startedAt", r.startedAt().toString(), false);
        out.append(",\"streaming\":").append(r.streaming());
        member(out, "traceId", r.traceId().orElse(null), false);
        out.append(",\"uninspectedParts\":").append(r.uninspectedParts());
        out.append(",\"usage\":{\"inputTokens\":").append(r.usage().inputTokens()).append(",\"outputTokens\":")
                .append(r.usage().outputTokens()).append('}');
        valueDigests(r.valueDigests(), out);
        out.append('}');
    }

    /**
     * Appends {@code ,"valueDigests":{"key":ID,"types":{TYPE:[DIGEST…]}}} when the call found values the redactor
     * digested; nothing otherwise, as in entries written before the member existed. ValueDigests keeps types and
     * digests sorted, so the form is canonical as written.
     */
    private static void valueDigests(ValueDigests v, StringBuilder out) {
        if (v.isEmpty()) {
            return;
        }
        out.append(",\"").append(VALUE_DIGESTS).append("\":{");
        member(out, "key", v.keyId().orElseThrow(), true);
        out.append(",\"types\":{");
        boolean firstType = true;
        for (Map.Entry<String, Set<String>> t : v.byType().entrySet()) {
            if (!firstType) {
                out.append(',');
            }
            firstType = false;
            Canonical.string(t.getKey(), out);
            out.append(":[");
            boolean first = true;
            for (String d : t.getValue()) {
                out.append(first ? "\"" : ",\"").append(d).append('"');
                first = false;
            }
            out.append(']');
        }
        out.append("}}");
    }

    private static void context(CallContext ctx, PrincipalPseudonyms pseudonyms, StringBuilder out) {
        out.append('{');
        int start = out.length();
        if (!ctx.labels().isEmpty()) {
            out.append("\"labels\":{");
            boolean first = true;
            for (Map.Entry<String, String> l : new TreeMap<>(ctx.labels()).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                Canonical.string(l.getKey(), out);
                out.append(':');
                Canonical.string(l.getValue(), out);
            }
            out.append('}');
        }
        member(out, "parentCallId", ctx.parentCallId().orElse(null), out.length() == start);
        String principal = ctx.principal().orElse(null);
        if (pseudonyms == null) {
            member(out, "principal", principal, out.length() == start);
        } else if (principal != null) {
            member(out, "principalPseudonym", pseudonyms.of(principal), out.length() == start);
        }
        member(out, "purpose", ctx.purpose().orElse(null), out.length() == start);
        member(out, "sessionId", ctx.sessionId().orElse(null), out.length() == start);
        if (!ctx.sourceIds().isEmpty()) {
            out.append(out.length() == start ? "\"sourceIds\":[" : ",\"sourceIds\":[");
            boolean first = true;
            for (String id : ctx.sourceIds()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                Canonical.string(id, out);
            }
            out.append(']');
        }
        member(out, "systemId", ctx.systemId().orElse(null), out.length() == start);
        member(out, "tenant", ctx.tenant().orElse(null), out.length() == start);
        out.append('}');
    }

    /** Appends {@code "name":"value"}, preceded by a comma unless first; nothing when the value is null. */
    private static void member(StringBuilder out, String name, String value, boolean first) {
        if (value == null) {
            return;
        }
        if (!first) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        Canonical.string(value, out);
    }

    private static long micros(Duration d) {
        return d.getSeconds() * 1_000_000L + d.getNano() / 1_000;
    }

    /**
     * @return who made the call, for counting distinct principals: the principal as given, or its pseudonym (kept
     *         apart by a prefix, so that the two forms never count as one); null when the call named none
     */
    static String principalKey(JsonNode context) {
        String given = text(context, "principal");
        if (given != null) {
            return given;
        }
        String pseudonym = text(context, "principalPseudonym");
        return pseudonym == null ? null : "\u0000pseudonym:" + pseudonym;
    }

    /** @return a string field's value, or null when absent or not a string */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() ? null : v.textValue();
    }

    /** @return a whole-number field's value, or {@code fallback} */
    static long number(JsonNode node, String field, long fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isIntegralNumber() ? fallback : v.longValue();
    }
}
