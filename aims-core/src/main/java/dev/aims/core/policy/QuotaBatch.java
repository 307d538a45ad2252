package dev.aims.core.policy;

import dev.aims.api.CallRecord;
import dev.aims.api.PolicyInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budgets and rate limits of one policy set that count in one shared store, checked and charged together: the
 * first of them to decide about a call asks the store once ({@link QuotaStore#tryConsumeAll}) for every one of them
 * that governs the call, and the others take their part of that answer when their turn comes. After the call, the
 * first of them to see its end corrects every reservation in one {@link QuotaStore#correctAll}. So a governed call
 * costs the store one round trip before the provider is asked and at most one after, however many rules count there,
 * and a call one rule refuses is charged by none.
 *
 * <p>A call's answer waits in a map under the call's id from the first rule's decision to the end of the call, which
 * every {@code GovernedClient} call reaches ({@link dev.aims.api.Policy#afterCall}); answers of evaluations that
 * never end (a policy evaluated by hand) are dropped once there are more than {@value #SWEEP_ABOVE} and they are
 * older than {@value #STALE_MINUTES} minutes, so the map stays bounded.
 *
 * <p>A shadow rule gets a batch of its own: it must neither refuse the calls of the rules in force nor be refused
 * with them.
 */
final class QuotaBatch {
    static final int SWEEP_ABOVE = 10_000;
    static final long STALE_MINUTES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(QuotaBatch.class);

    private final QuotaStore store;
    private final List<QuotaRule> members = new ArrayList<>();
    private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile QuotaRule[] sealed;

    QuotaBatch(QuotaStore store) {
        this.store = store;
    }

    /** Adds a rule, in the order of the policy set; before {@link #seal()}. */
    void add(QuotaRule rule) {
        members.add(rule);
    }

    /** Ends the adding; the batch is then used by the rules of a published policy set. */
    void seal() {
        sealed = members.toArray(new QuotaRule[0]);
    }

    QuotaStore store() {
        return store;
    }

    /**
     * @return the answer to {@code rule}'s consumptions in this call: from the store, asked now for every rule of
     *         the batch that governs the call when this is the first of them to decide, else from that earlier ask
     */
    Part part(QuotaRule rule, PolicyInput input) {
        String callId = input.callId();
        Answer earlier = answers.get(callId);
        if (earlier != null) {
            for (Answer a = earlier; a != null; a = a.next) {
                Part part = a.take(rule);
                if (part != null) {
                    return part;
                }
            }
            if (!earlier.hasPart(rule)) {
                // The rule did not govern the call when the others asked (a policy between them changed the
                // request): it asks on its own, and its answer is corrected with the others' after the call.
                Answer alone = ask(input, rule);
                earlier.append(alone);
                return alone.take(rule);
            }
        }
        Answer answer = ask(input, null);
        Answer replaced = answers.put(callId, answer);
        if (replaced != null) {
            // The same call evaluated again (by hand): what the earlier ask charged and no decision took is given back.
            for (Answer a = replaced; a != null; a = a.next) {
                correct(a, null);
            }
        }
        if (answers.size() > SWEEP_ABOVE) {
            sweep();
        }
        Part part = answer.take(rule);
        if (part == null) {
            throw new IllegalStateException("quota rule '" + rule.id() + "' decided about call " + callId
                    + " but the batch of its store did not count it as governing the call");
        }
        return part;
    }

    /** @param only the one rule to ask for, or null for every rule that governs the call */
    private Answer ask(PolicyInput input, QuotaRule only) {
        QuotaRule[] rules = only != null ? new QuotaRule[] {only} : sealed;
        List<QuotaStore.Consumption> all = new ArrayList<>(rules.length + 2);
        List<QuotaRule> taking = new ArrayList<>(rules.length);
        int[] from = new int[rules.length + 1];
        for (QuotaRule r : rules) {
            if (r == only || r.governs(input)) {
                from[taking.size()] = all.size();
                taking.add(r);
                r.consumptions(input, all);
            }
        }
        from[taking.size()] = all.size();
        Instant now = input.now();
        QuotaRule[] takers = taking.toArray(new QuotaRule[0]);
        try {
            List<QuotaStore.Result> results = store.tryConsumeAll(all, now);
            if (results.size() != all.size()) {
                throw new IllegalStateException(store.getClass().getName() + ".tryConsumeAll answered "
                        + results.size() + " results to " + all.size() + " consumptions");
            }
            return new Answer(takers, from, all, results, null, now);
        } catch (QuotaStoreUnavailableException e) {
            return new Answer(takers, from, all, null, e, now);
        }
    }

    /**
     * Corrects, once per call (the first rule of the batch to see its end does it), every reservation the call's
     * ask made: the token counters of the rules that decided to the tokens the call used, and the counters of the
     * rules that never decided (the call stopped before their turn) back by what was reserved for them.
     */
    void afterCall(CallRecord record) {
        for (Answer a = answers.remove(record.callId()); a != null; a = a.next) {
            correct(a, record);
        }
    }

    /**
     * @param record the call's record, or null for an answer replaced by a second ask for the same call: then only
     *               the parts no decision took are given back
     */
    private void correct(Answer answer, CallRecord record) {
        if (answer.unavailable != null || answer.results.isEmpty()) {
            return;
        }
        boolean degraded = answer.results.get(0).degraded();
        long used = record == null ? 0 : record.usage().totalTokens();
        List<QuotaStore.Correction> corrections = new ArrayList<>(answer.consumptions.size());
        for (int m = 0; m < answer.rules.length; m++) {
            boolean took = answer.taken.get(m) == 1;
            if (took && record == null) {
                continue; // its decision holds the reservation
            }
            for (int i = answer.from[m]; i < answer.from[m + 1]; i++) {
                QuotaStore.Consumption c = answer.consumptions.get(i);
                long reserved = answer.charged ? c.amount() : 0;
                // A rule that decided: its tokens to what the call used (a shadow rule that would have refused
                // reserved nothing, and its call, which went ahead, is charged in full). One that never decided:
                // all it reserved back.
                long delta = took ? (answer.rules[m].correctsToUsage(i - answer.from[m]) ? used - reserved : 0)
                        : -reserved;
                // A reservation made in the fallback is not refunded: the store cannot tell whether the refund
                // would go to the fallback or to the shared counter, which never held it (see Quotas.correct).
                if (delta > 0 || (delta < 0 && !degraded)) {
                    corrections.add(c.corrected(delta, answer.now));
                }
            }
        }
        if (corrections.isEmpty()) {
            return;
        }
        try {
            store.correctAll(corrections);
        } catch (QuotaStoreUnavailableException e) {
            LOG.warn("AIMS quota store: the reservations of call {} were not all corrected: {}",
                    record == null ? "(evaluated again)" : record.callId(), e.getMessage());
        }
    }

    private void sweep() {
        long staleBefore = System.nanoTime() - TimeUnit.MINUTES.toNanos(STALE_MINUTES);
        for (Map.Entry<String, Answer> e : answers.entrySet()) {
            if (e.getValue().askedAt - staleBefore < 0) {
                answers.remove(e.getKey(), e.getValue());
            }
        }
    }

    /** @return how many calls' answers wait for their end; for tests */
    int waiting() {
        return answers.size();
    }

    /** The store's answer for one call, shared by the rules of the batch that govern it. */
    static final class Answer {
        final QuotaRule[] rules;
        /** Rule {@code m}'s consumptions are {@code consumptions[from[m] .. from[m + 1])}. */
        final int[] from;
        final List<QuotaStore.Consumption> consumptions;
        /** null when the store was unavailable */
        final List<QuotaStore.Result> results;
        final QuotaStoreUnavailableException unavailable;
        final Instant now;
        final long askedAt = System.nanoTime();
        final AtomicIntegerArray taken;
        private final boolean charged;
        /** An answer asked later in the same call, for a rule that had no part in this one; set once. */
        private volatile Answer next;

        Answer(QuotaRule[] rules, int[] from, List<QuotaStore.Consumption> consumptions,
                List<QuotaStore.Result> results, QuotaStoreUnavailableException unavailable, Instant now) {
            this.rules = rules;
            this.from = from;
            this.consumptions = consumptions;
            this.results = results;
            this.unavailable = unavailable;
            this.now = now;
            this.taken = new AtomicIntegerArray(rules.length);
            boolean all = results != null && !results.isEmpty();
            for (int i = 0; all && i < results.size(); i++) {
                all = results.get(i).granted();
            }
            this.charged = all;
        }

        /** @return whether the store added every amount */
        boolean charged() {
            return charged;
        }

        /** @return whether the rule has a part in this answer or one after it, taken or not */
        boolean hasPart(QuotaRule rule) {
            for (Answer a = this; a != null; a = a.next) {
                for (QuotaRule r : a.rules) {
                    if (r == rule) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Links an answer asked later in the same call (whose rules evaluate one after the other). */
        void append(Answer later) {
            Answer last = this;
            while (last.next != null) {
                last = last.next;
            }
            last.next = later;
        }

        /** @return the rule's part, once; null when the rule has none or took it already */
        Part take(QuotaRule rule) {
            for (int m = 0; m < rules.length; m++) {
                if (rules[m] == rule) {
                    return taken.compareAndSet(m, 0, 1) ? new Part(this, from[m]) : null;
                }
            }
            return null;
        }
    }

    /** One rule's view of its call's answer. */
    static final class Part {
        private final Answer answer;
        private final int offset;

        Part(Answer answer, int offset) {
            this.answer = answer;
            this.offset = offset;
        }

        /** @return the reason the store could not answer, or null when it did */
        QuotaStoreUnavailableException unavailable() {
            return answer.unavailable;
        }

        /** @return whether every amount of the call's ask was added, this rule's included */
        boolean charged() {
            return answer.charged;
        }

        /** @return the result of the rule's {@code i}-th consumption */
        QuotaStore.Result result(int i) {
            return answer.results.get(offset + i);
        }

        /** @return the amount of the rule's {@code i}-th consumption */
        long amount(int i) {
            return answer.consumptions.get(offset + i).amount();
        }

        /** @return the time of the ask */
        Instant now() {
            return answer.now;
        }
    }
}
