package dev.aims.core.policy;

import dev.aims.api.CallRecord;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code rate-limit}: at most {@code requests} calls and {@code tokens} tokens per {@code window} for each
 * principal, tenant or system, as token buckets that refill continuously (a burst of the whole limit, then the
 * limit spread over the window). Tokens are reserved on the estimate at PRE and corrected after the call, like a
 * budget; a request, once admitted, counts whatever happens to the call.
 *
 * <p>A store that cannot be reached and fails closed makes the rule deny with reason
 * {@code quota_store_unavailable}; a store answering from its fallback makes an allow {@code within_rate_degraded}
 * with the obligation {@code quota.degraded}.
 */
final class RateLimitRule extends QuotaRule {
    /**
     * The rule's parameters; {@code requests} or {@code tokens} may be null, not both; {@code store} is null for the
     * loader's default store.
     */
    record Params(Per per, Duration window, Long requests, Long tokens, long outputEstimate, StoreRef store) {
        String groupKey() {
            return per.wireName + "/" + window;
        }
    }

    private static final Duration MIN_WINDOW = Duration.ofMillis(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(400);

    private final Params p;
    private final QuotaStore.Window window;
    private final QuotaKeys requestKeys;
    private final QuotaKeys tokenKeys;
    private final QuotaKeys subjects;
    private final String what;
    /** The time of the latest token reservation, which afterCall reuses when it is its decision's. */
    private volatile Instant lastReservation;

    RateLimitRule(RuleSpec spec, List<RuleSpec> rivals, QuotaStore store, QuotaBatch batch) {
        super(spec, rivals, store, batch);
        this.p = (Params) spec.params;
        this.window = QuotaStore.Window.refilling(p.window());
        this.requestKeys = new QuotaKeys("rate-limit/" + spec.id + "/" + p.per().wireName + "/requests/");
        this.tokenKeys = new QuotaKeys("rate-limit/" + spec.id + "/" + p.per().wireName + "/tokens/");
        this.subjects = new QuotaKeys(p.per().wireName + "/");
        this.what = "rate limit '" + spec.id + "'";
    }

    static Params parse(Fields f, ParseContext ctx, Map<String, Object> canonical) {
        Per per = f.choice("per", Per.BY_NAME, true);
        String w = f.string("window", true);
        Long requests = f.integer("requests", 1, Long.MAX_VALUE, false);
        Long tokens = f.integer("tokens", 1, Long.MAX_VALUE, false);
        Long estimate = f.integer("outputEstimate", 0, Integer.MAX_VALUE, false);
        boolean bad = per == null || w == null || (requests == null && f.has("requests"))
                || (tokens == null && f.has("tokens")) || (estimate == null && f.has("outputEstimate"));
        boolean[] badStore = new boolean[1];
        StoreRef store = ctx.store(f, canonical, badStore);
        bad |= badStore[0];
        if (!f.has("requests") && !f.has("tokens")) {
            f.problems().add(f.path(), "a rate-limit must set requests, tokens or both");
            bad = true;
        }
        Duration window = null;
        if (w != null) {
            try {
                window = Duration.parse(w);
                if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
                    f.problem("window", "must be a duration from PT0.001S to P400D, but was " + Fields.show(w));
                    bad = true;
                }
            } catch (DateTimeParseException e) {
                f.problem("window", "must be an ISO-8601 duration such as PT1M, but was " + Fields.show(w));
                bad = true;
            }
        }
        if (bad) {
            return null;
        }
        long e = estimate == null ? TokenBudgetRule.DEFAULT_OUTPUT_ESTIMATE : estimate;
        canonical.put("per", per.wireName);
        canonical.put("window", window.toString());
        if (requests != null) {
            canonical.put("requests", requests);
        }
        if (tokens != null) {
            canonical.put("tokens", tokens);
        }
        canonical.put("outputEstimate", e);
        return new Params(per, window, requests, tokens, e, store);
    }

    /** Adds the request counter, then the token counter, of those the rule sets. */
    @Override
    void consumptions(PolicyInput input, List<QuotaStore.Consumption> out) {
        String subject = p.per().subject(input.context());
        String s = subjects.of(subject);
        if (p.requests() != null) {
            out.add(QuotaStore.Consumption.of(s, requestKeys.of(subject), 1, p.requests(), window));
        }
        if (p.tokens() != null) {
            out.add(QuotaStore.Consumption.of(s, tokenKeys.of(subject),
                    Quotas.estimate(input.request(), p.outputEstimate()), p.tokens(), window));
        }
    }

    /** A request, once admitted, counts whatever happens to the call; tokens are corrected to its usage. */
    @Override
    boolean correctsToUsage(int i) {
        return p.requests() == null || i == 1;
    }

    @Override
    PolicyDecision decide(PolicyInput input, PolicyStage stage) {
        if (batch == null) {
            return decideAlone(input, stage);
        }
        QuotaBatch.Part part = batch.part(this, input);
        if (part.unavailable() != null) {
            return Quotas.unavailable(this, stage, what, part.unavailable());
        }
        Instant now = part.now();
        int t = 0;
        if (p.requests() != null) {
            QuotaStore.Result r = part.result(0);
            if (!r.granted()) {
                return refused(stage, p.requests() + " requests", "", r, now);
            }
            t = 1;
        }
        if (p.tokens() == null) {
            if (part.result(0).degraded()) {
                return degradedAllow(stage, Map.of(Quotas.DEGRADED, "true"));
            }
            return part.charged() ? allow(stage) : notReserved(stage, Map.of());
        }
        QuotaStore.Result r = part.result(t);
        long estimate = part.amount(t);
        if (!r.granted()) {
            return refused(stage, p.tokens() + " tokens", "; this call needs about " + estimate, r, now);
        }
        Map<String, String> reservation = Quotas.reservation(part.charged() ? estimate : 0, now, r.degraded());
        if (r.degraded()) {
            return degradedAllow(stage, reservation);
        }
        return part.charged() ? PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.ALLOW)
                .reasonCode("within_rate").obligations(reservation).build() : notReserved(stage, reservation);
    }

    private PolicyDecision notReserved(PolicyStage stage, Map<String, String> obligations) {
        return PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.ALLOW).reasonCode("within_rate")
                .message(Quotas.NOT_RESERVED_MESSAGE).obligations(obligations).build();
    }

    /** {@link #decide} in the in-process store: each counter asked in turn, the request given back on a refusal. */
    private PolicyDecision decideAlone(PolicyInput input, PolicyStage stage) {
        String subject = p.per().subject(input.context());
        Instant now = input.now();
        boolean degraded = false;
        boolean requestTaken = false;
        try {
            if (p.requests() != null) {
                QuotaStore.Result r = Quotas.tryConsume(store, requestKeys.of(subject), 1, p.requests(), window,
                        now);
                degraded = r.degraded();
                if (!r.granted()) {
                    return refused(stage, p.requests() + " requests", "", r, now);
                }
                requestTaken = true;
            }
            if (p.tokens() == null) {
                return degraded ? degradedAllow(stage, Map.of(Quotas.DEGRADED, "true")) : allow(stage);
            }
            long estimate = Quotas.estimate(input.request(), p.outputEstimate());
            QuotaStore.Result r = Quotas.tryConsume(store, tokenKeys.of(subject), estimate, p.tokens(), window,
                    now);
            if (!r.granted()) {
                requestTaken = false;
                if (p.requests() != null) {
                    giveBackRequest(subject, now);
                }
                return refused(stage, p.tokens() + " tokens", "; this call needs about " + estimate, r, now);
            }
            lastReservation = now;
            Map<String, String> reservation = Quotas.reservation(estimate, now, degraded || r.degraded());
            if (degraded || r.degraded()) {
                return degradedAllow(stage, reservation);
            }
            return PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.ALLOW).reasonCode("within_rate")
                    .obligations(reservation).build();
        } catch (QuotaStoreUnavailableException e) {
            if (requestTaken) {
                giveBackRequest(subject, now);
            }
            return Quotas.unavailable(this, stage, what, e);
        }
    }

    private PolicyDecision degradedAllow(PolicyStage stage, Map<String, String> obligations) {
        return PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.ALLOW)
                .reasonCode("within_rate_degraded").message(Quotas.DEGRADED_MESSAGE).obligations(obligations)
                .build();
    }

    /** The request was counted but the call is refused: take it back if the store can still be reached. */
    private void giveBackRequest(String subject, Instant now) {
        try {
            store.refund(requestKeys.of(subject), 1, p.requests(), window, now);
        } catch (QuotaStoreUnavailableException again) {
            // The store is gone: the request stays counted, which errs on the side of the limit.
        }
    }

    private PolicyDecision refused(PolicyStage stage, String what, String needs, QuotaStore.Result r, Instant now) {
        PolicyDecision.Builder b = PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.DENY)
                .reasonCode("rate_limited")
                .message("rate limit '" + spec.id + "' (" + what + " per " + p.window() + ", per "
                        + p.per().wireName + ") reached" + needs + "; capacity returns at " + r.resetsAt()
                        + (r.degraded() ? " (quota store degraded)" : ""));
        if (p.tokens() != null) {
            // In shadow mode the call proceeds: record a zero reservation so that its tokens are still charged.
            b.obligations(Quotas.reservation(0, now, r.degraded()));
        }
        return b.build();
    }

    /** Corrects the token reservation to the tokens the call actually used. */
    @Override
    void correctAlone(CallRecord record) {
        if (p.tokens() == null) {
            return;
        }
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
        Quotas.correct(store, what, record.callId(), tokenKeys.of(p.per().subject(record.context())), reserved,
                actual, Quotas.degraded(d), p.tokens(), window, at);
    }
}
