package dev.aims.core.policy;

import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code token-budget}: at most {@code limit} tokens per principal, tenant or system in a calendar day or month or a
 * rolling window. At PRE the call's estimate ({@link Quotas#estimate}) is reserved with one atomic check-and-charge;
 * a call that does not fit is denied, naming the budget and when it resets. After the call the reservation is
 * corrected to the tokens the provider reported (zero when the call never reached it).
 *
 * <p>In shadow mode a call that does not fit proceeds and its actual usage is still charged, so the counter shows
 * what the budget would have seen.
 *
 * <p>A store that cannot be reached and fails closed ({@link QuotaStoreUnavailableException}) makes the rule deny
 * with reason {@code quota_store_unavailable}; a store that answers from its fallback makes an allow
 * {@code within_budget_degraded}, with the obligation {@code quota.degraded}.
 */
final class TokenBudgetRule extends QuotaRule {
    /** The rule's parameters; {@code store} is null for the loader's default store. */
    record Params(Per per, BudgetWindow window, long limit, long outputEstimate, StoreRef store) {
        String groupKey() {
            return per.wireName + "/" + window.wire();
        }
    }

    static final long DEFAULT_OUTPUT_ESTIMATE = 256;

    private final Params p;
    private final QuotaKeys keys;
    private final QuotaKeys subjects;
    private final String what;
    private final String described;
    /** The time of the latest reservation, which afterCall reuses when it is its decision's (no allocation). */
    private volatile Instant lastReservation;

    TokenBudgetRule(RuleSpec spec, List<RuleSpec> rivals, QuotaStore store, QuotaBatch batch) {
        super(spec, rivals, store, batch);
        this.p = (Params) spec.params;
        this.keys = new QuotaKeys("token-budget/" + spec.id + "/" + p.per().wireName + "/");
        this.subjects = new QuotaKeys(p.per().wireName + "/");
        this.what = "token budget '" + spec.id + "'";
        this.described = p.limit() + " tokens per " + p.window().describe() + ", per " + p.per().wireName;
    }

    static Params parse(Fields f, ParseContext ctx, Map<String, Object> canonical) {
        Per per = f.choice("per", Per.BY_NAME, true);
        Long limit = f.integer("limit", 0, Long.MAX_VALUE, true);
        Long estimate = f.integer("outputEstimate", 0, Integer.MAX_VALUE, false);
        BudgetWindow window = BudgetWindow.parse(f, canonical);
        boolean[] badStore = new boolean[1];
        StoreRef store = ctx.store(f, canonical, badStore);
        if (per == null || limit == null || window == null || (estimate == null && f.has("outputEstimate"))
                || badStore[0]) {
            return null;
        }
        long e = estimate == null ? DEFAULT_OUTPUT_ESTIMATE : estimate;
        canonical.put("per", per.wireName);
        canonical.put("limit", limit);
        canonical.put("outputEstimate", e);
        return new Params(per, window, limit, e, store);
    }

    private String key(CallContext ctx) {
        return keys.of(p.per().subject(ctx));
    }

    @Override
    void consumptions(PolicyInput input, List<QuotaStore.Consumption> out) {
        String subject = p.per().subject(input.context());
        out.add(QuotaStore.Consumption.of(subjects.of(subject), keys.of(subject),
                Quotas.estimate(input.request(), p.outputEstimate()), p.limit(), p.window().at(input.now())));
    }

    @Override
    boolean correctsToUsage(int i) {
        return true;
    }

    @Override
    PolicyDecision decide(PolicyInput input, PolicyStage stage) {
        Instant now = input.now();
        if (batch != null) {
            QuotaBatch.Part part = batch.part(this, input);
            if (part.unavailable() != null) {
                return Quotas.unavailable(this, stage, what, part.unavailable());
            }
            return decision(stage, part.result(0), part.amount(0), part.charged(), part.now());
        }
        long estimate = Quotas.estimate(input.request(), p.outputEstimate());
        QuotaStore.Result r;
        try {
            r = Quotas.tryConsume(store, key(input.context()), estimate, p.limit(), p.window().at(now), now);
        } catch (QuotaStoreUnavailableException e) {
            return Quotas.unavailable(this, stage, what, e);
        }
        if (r.granted()) {
            lastReservation = now;
        }
        return decision(stage, r, estimate, r.granted(), now);
    }

    /**
     * @param r       the result of the budget's consumption
     * @param charged whether it was charged: false for an amount that fits when another rule of the batch refused
     */
    private PolicyDecision decision(PolicyStage stage, QuotaStore.Result r, long estimate, boolean charged,
            Instant now) {
        if (r.granted()) {
            PolicyDecision.Builder b = PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.ALLOW)
                    .obligations(Quotas.reservation(charged ? estimate : 0, now, r.degraded()));
            if (r.degraded()) {
                return b.reasonCode("within_budget_degraded").message(Quotas.DEGRADED_MESSAGE + "; " + r.used()
                        + " of " + p.limit() + " tokens used there").build();
            }
            if (!charged) {
                b.message(Quotas.NOT_RESERVED_MESSAGE);
            }
            return b.reasonCode("within_budget").build();
        }
        return PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.DENY)
                .reasonCode("token_budget_exceeded")
                .message("token budget '" + spec.id + "' (" + described + ") would be exceeded: " + r.used()
                        + " used, this call needs about " + estimate + "; resets at " + r.resetsAt()
                        + (r.degraded() ? " (quota store degraded)" : ""))
                .obligations(Quotas.reservation(0, now, r.degraded())).build();
    }

    /** Corrects the reservation to the tokens the call actually used. */
    @Override
    void correctAlone(CallRecord record) {
        PolicyDecision d = decisionIn(record, PolicyStage.PRE);
        Instant at = Quotas.reservedAt(d, lastReservation);
        if (at == null) {
            return;
        }
        long reserved = Quotas.reserved(d);
        long actual = record.usage().totalTokens();
        if (actual == reserved) {
            return;
        }
        Quotas.correct(store, what, record.callId(), key(record.context()), reserved,
                actual, Quotas.degraded(d), p.limit(), p.window().at(at), at);
    }
}
