package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.PolicyDecision;

import java.time.Duration;
import java.util.Map;

/**
 * The shape of an evidence line. Every line is one JSON object with {@code seq}, {@code ts}, {@code type},
 * {@code prev}, {@code hash} and a body named after its type ({@code call}, {@code checkpoint} or {@code open});
 * checkpoints add {@code sig}.
 *
 * <p>A call body holds what {@link CallRecord} holds <em>about</em> the call and never what was said in it:
 * {@link CallRecord#sentRequest()}, {@link CallRecord#receivedResponse()} and decision messages are not written.
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

    static ObjectNode callBody(CallRecord r) {
        ObjectNode c = NODES.objectNode();
        c.put("id", r.callId());
        r.traceId().ifPresent(v -> c.put("traceId", v));
        r.spanId().ifPresent(v -> c.put("spanId", v));
        c.put("startedAt", r.startedAt().toString());
        c.put("durationMicros", micros(r.duration()));
        c.put("streaming", r.streaming());
        c.put("operation", r.operationName());
        c.put("provider", r.provider());
        c.put("model", r.requestModel());
        r.responseModel().ifPresent(v -> c.put("responseModel", v));
        r.responseId().ifPresent(v -> c.put("responseId", v));
        r.serverAddress().ifPresent(v -> {
            ObjectNode server = c.putObject("server");
            server.put("address", v);
            server.put("port", r.serverPort());
        });
        c.set("context", context(r.context()));
        ArrayNode decisions = c.putArray("decisions");
        for (PolicyDecision d : r.decisions()) {
            ObjectNode o = decisions.addObject();
            o.put("policy", d.policyId());
            o.put("version", d.policyVersion());
            o.put("stage", d.stage().name());
            o.put("effect", d.effect().name());
            o.put("reason", d.reasonCode());
            o.put("shadow", d.shadow());
        }
        c.put("policySetHash", r.policySetHash());
        ObjectNode findings = c.putObject("findings");
        for (Map.Entry<String, Integer> f : r.findingCounts().entrySet()) {
            findings.put(f.getKey(), f.getValue());
        }
        c.put("uninspectedParts", r.uninspectedParts());
        ObjectNode usage = c.putObject("usage");
        usage.put("inputTokens", r.usage().inputTokens());
        usage.put("outputTokens", r.usage().outputTokens());
        ArrayNode finish = c.putArray("finishReasons");
        for (FinishReason f : r.finishReasons()) {
            finish.add(f.wireName());
        }
        c.put("outcome", r.outcome().wireName());
        r.errorType().ifPresent(v -> c.put("errorType", v));
        ObjectNode digest = c.putObject("digest");
        digest.put("algorithm", r.digestAlgorithm());
        r.requestDigest().ifPresent(v -> digest.put("request", v));
        r.responseDigest().ifPresent(v -> digest.put("response", v));
        return c;
    }

    private static ObjectNode context(CallContext ctx) {
        ObjectNode o = NODES.objectNode();
        ctx.principal().ifPresent(v -> o.put("principal", v));
        ctx.tenant().ifPresent(v -> o.put("tenant", v));
        ctx.systemId().ifPresent(v -> o.put("systemId", v));
        ctx.purpose().ifPresent(v -> o.put("purpose", v));
        ctx.sessionId().ifPresent(v -> o.put("sessionId", v));
        ctx.parentCallId().ifPresent(v -> o.put("parentCallId", v));
        if (!ctx.sourceIds().isEmpty()) {
            ArrayNode sources = o.putArray("sourceIds");
            ctx.sourceIds().forEach(sources::add);
        }
        if (!ctx.labels().isEmpty()) {
            ObjectNode labels = o.putObject("labels");
            ctx.labels().forEach(labels::put);
        }
        return o;
    }

    private static long micros(Duration d) {
        return d.getSeconds() * 1_000_000L + d.getNano() / 1_000;
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
