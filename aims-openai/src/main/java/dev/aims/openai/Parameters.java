package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiRequest;

/**
 * The generation parameters AIMS models — temperature, top-p and the output token limit — read from a request
 * body and written back from the governed request, so that a policy that changes them (a cap on output tokens) is
 * what the provider receives. A value that is not a number is uninspected and sent as given when allowed.
 */
final class Parameters {
    private static final String TEMPERATURE = "temperature";
    private static final String TOP_P = "top_p";

    private Parameters() {
    }

    /**
     * @param maxKey    the API's name for the output token limit
     * @param legacyKey an older name for it, or null
     * @return how many of them are uninspected
     * @throws IllegalArgumentException naming the field when a value is out of AIMS's range
     */
    static int toAims(ObjectNode body, String maxKey, String legacyKey, AiRequest.Builder b) {
        int uninspected = 0;
        JsonNode t = body.path(TEMPERATURE);
        if (t.isNumber()) {
            b.temperature(t.doubleValue());
        } else {
            uninspected += other(t);
        }
        JsonNode p = body.path(TOP_P);
        if (p.isNumber()) {
            b.topP(p.doubleValue());
        } else {
            uninspected += other(p);
        }
        JsonNode max = body.path(maxKey);
        JsonNode legacy = legacyKey == null ? body.missingNode() : body.path(legacyKey);
        JsonNode limit = max.isMissingNode() || max.isNull() ? legacy : max;
        if (limit.isIntegralNumber() && limit.canConvertToInt()) {
            b.maxTokens(limit.intValue());
        } else {
            uninspected += other(limit);
        }
        if (limit != legacy && !legacy.isNumber()) {
            uninspected += other(legacy);
        }
        return uninspected;
    }

    private static int other(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? 0 : 1;
    }

    /** Writes the governed parameters into the outgoing body, in the field the original used. */
    static void restore(AiRequest sent, ObjectNode original, String maxKey, String legacyKey, ObjectNode out) {
        copyOther(original, TEMPERATURE, out);
        sent.temperature().ifPresent(v -> out.put(TEMPERATURE, v));
        copyOther(original, TOP_P, out);
        sent.topP().ifPresent(v -> out.put(TOP_P, v));
        // Both limits as given (numbers hold no text; anything else was uninspected), then the governed one.
        for (String key : legacyKey == null ? new String[] {maxKey} : new String[] {maxKey, legacyKey}) {
            JsonNode v = original.path(key);
            if (!v.isMissingNode() && !v.isNull()) {
                out.set(key, v);
            }
        }
        boolean legacy = legacyKey != null && original.path(legacyKey).isNumber()
                && !original.path(maxKey).isNumber();
        sent.maxTokens().ifPresent(v -> out.put(legacy ? legacyKey : maxKey, v));
    }

    /** Copies a value AIMS could not read (counted as uninspected, so a policy let it through). */
    private static void copyOther(ObjectNode original, String key, ObjectNode out) {
        JsonNode v = original.path(key);
        if (!v.isMissingNode() && !v.isNull() && !v.isNumber()) {
            out.set(key, v);
        }
    }
}
