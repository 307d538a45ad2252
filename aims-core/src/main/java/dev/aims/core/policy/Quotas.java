package dev.aims.core.policy;

import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /** The reason of a denial because the store could not be reached and fails closed. */
    static final String UNAVAILABLE = "quota_store_unavailable";
    /** What a decision answered from a fallback store says, beside its obligation {@value #DEGRADED}. */
    static final String DEGRADED_MESSAGE = "quota store unavailable: counted in this instance's in-process fallback"
            + " store, not shared with the fleet";

    /** What an allow says whose amount fits but was not reserved, as another rule of its batch refuses the call. */
    static final String NOT_RESERVED_MESSAGE = "fits, but nothing was reserved: another budget or rate limit in the"
            + " same quota store refuses this call";

    private static final Logger LOG = LoggerFactory.getLogger(Quotas.class);

    private Quotas() {
    }

    /**
     * @return the estimated tokens of a call: its text length / 4 (rounded up) for the input, plus the request's
     *         {@code maxTokens} or, when it sets none, {@code outputEstimate} for the output
     */
    static long estimate(AiRequest request, long outputEstimate) {
        // AiRequest.textLength() by index: its for-each over the unmodifiable list allocates an iterator per call.
        List<Message> messages = request.messages();
        long length = 0;
        for (int i = 0; i < messages.size(); i++) {
            length += messages.get(i).textLength();
        }
        long input = (length + 3) / 4;
        Integer max = request.maxTokens().orElse(null);
        return input + (max == null ? outputEstimate : max.longValue());
    }

    /**
     * {@link QuotaStore#tryConsume} for a rule: the in-process store answers a grant without building a result, so
     * the result of a grant may be read for {@code granted()} and {@code degraded()} only.
     */
    static QuotaStore.Result tryConsume(QuotaStore store, String key, long amount, long limit,
            QuotaStore.Window window, Instant now) {
        if (store instanceof InMemoryQuotaStore) {
            return ((InMemoryQuotaStore) store).tryConsume(key, amount, limit, window, now, false);
        }
        return store.tryConsume(key, amount, limit, window, now);
    }

    static Map<String, String> reservation(long reserved, Instant at, boolean degraded) {
        String r = Long.toString(reserved);
        String t = Long.toString(at.toEpochMilli());
        // The decision keeps a Map.of as it is: it is already unmodifiable and free of nulls.
        return degraded ? Map.of(RESERVED, r, AT, t, DEGRADED, "true") : Map.of(RESERVED, r, AT, t);
    }

    /**
     * @param last the time of the rule's latest reservation, or null: returned when it is the decision's
     *             millisecond, so that an afterCall right after its call's decision builds no instant
     * @return the reservation time of a decision carrying one, else null
     */
    static Instant reservedAt(PolicyDecision d, Instant last) {
        String at = d == null ? null : d.obligations().get(AT);
        if (at == null) {
            return null;
        }
        long millis = Long.parseLong(at);
        return last != null && last.toEpochMilli() == millis ? last : Instant.ofEpochMilli(millis);
    }

    static long reserved(PolicyDecision d) {
        return Long.parseLong(d.obligations().get(RESERVED));
    }

    /** @return whether a decision's reservation was made in a fallback store */
    static boolean degraded(PolicyDecision d) {
        return d.obligations().containsKey(DEGRADED);
    }

    /** @return the denial of a call whose quota could not be checked: the rule fails closed */
    static PolicyDecision unavailable(Policy policy, PolicyStage stage, String what, QuotaStoreUnavailableException e) {
        return PolicyDecision.builder(policy, stage).effect(PolicyDecision.Effect.DENY).reasonCode(UNAVAILABLE)
                .message(what + " could not be checked, so the call is refused (fail closed): " + e.getMessage())
                .build();
    }

    /**
     * Corrects a reservation to the actual usage. A refund of a reservation made in a fallback store is dropped:
     * the store cannot tell whether it would go back to the fallback or to the shared counter, which never held the
     * reservation, and giving shared capacity back that was never taken would let the fleet overspend. A store that
     * cannot be reached loses the correction, which is logged.
     */
    static void correct(QuotaStore store, String what, String callId, String key, long reserved, long actual,
            boolean degraded, long limit, QuotaStore.Window window, Instant at) {
        try {
            if (actual > reserved) {
                store.charge(key, actual - reserved, limit, window, at);
            } else if (actual < reserved && !degraded) {
                store.refund(key, reserved - actual, limit, window, at);
            }
        } catch (QuotaStoreUnavailableException e) {
            LOG.warn("AIMS {}: the reservation of call {} was not corrected by {} tokens: {}", what, callId,
                    actual - reserved, e.getMessage());
        }
    }
}
