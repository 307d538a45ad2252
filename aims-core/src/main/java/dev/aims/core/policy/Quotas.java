package dev.aims.core.policy;

import dev.aims.api.AiRequest;
import dev.aims.api.PolicyDecision;
import java.time.Instant;
import java.util.Map;

/**
 * What budgets and rate limits share: the token estimate of a request, and the obligations by which a PRE decision
 * records what it reserved, so that {@code afterCall} can correct the reservation to the actual usage without any
 * per-call state in the rule.
 */
final class Quotas {
    /** Tokens reserved at PRE. */
    static final String RESERVED = "quota.reserved";
    /** The time of the reservation, epoch milliseconds: it names the window bucket to correct. */
    static final String AT = "quota.at";
    /** Present when the store answered from a fallback. */
    static final String DEGRADED = "quota.degraded";

    private Quotas() {
    }

    /**
     * @return the estimated tokens of a call: its text length / 4 (rounded up) for the input, plus the request's
     *         {@code maxTokens} or, when it sets none, {@code outputEstimate} for the output
     */
    static long estimate(AiRequest request, long outputEstimate) {
        long input = (request.textLength() + 3) / 4;
        Integer max = request.maxTokens().orElse(null);
        return input + (max == null ? outputEstimate : max.longValue());
    }

    static Map<String, String> reservation(long reserved, Instant at, boolean degraded) {
        String r = Long.toString(reserved);
        String t = Long.toString(at.toEpochMilli());
        // Map.of is the cheapest map to hand to the decision, which copies it anyway.
        return degraded ? Map.of(RESERVED, r, AT, t, DEGRADED, "true") : Map.of(RESERVED, r, AT, t);
    }

    /** @return the reservation time of a decision carrying one, else null */
    static Instant reservedAt(PolicyDecision d) {
        String at = d == null ? null : d.obligations().get(AT);
        return at == null ? null : Instant.ofEpochMilli(Long.parseLong(at));
    }

    static long reserved(PolicyDecision d) {
        return Long.parseLong(d.obligations().get(RESERVED));
    }
}
