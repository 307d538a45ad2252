package dev.aims.core.policy;

import dev.aims.api.CallRecord;
import dev.aims.api.PolicyInput;
import java.util.List;

/**
 * A rule that counts in a {@link QuotaStore}: a token budget or a rate limit. In the in-process store it asks for
 * each of its counters itself, which allocates nothing; in any other store it takes part in its store's
 * {@link QuotaBatch}, so that one call asks a shared store once for all its rules.
 */
abstract class QuotaRule extends RulePolicy {
    final QuotaStore store;
    /** null in the in-process store */
    final QuotaBatch batch;

    QuotaRule(RuleSpec spec, List<RuleSpec> rivals, QuotaStore store, QuotaBatch batch) {
        super(spec, rivals, PRE_ONLY);
        this.store = store;
        this.batch = batch;
    }

    /** @return whether counters in {@code store} go through a batch: in any but the in-process store */
    static boolean batches(QuotaStore store) {
        return !(store instanceof InMemoryQuotaStore);
    }

    /** @return whether this rule decides about the call (in scope, not superseded), as {@link #evaluate} finds */
    final boolean governs(PolicyInput input) {
        return spec.scope.matches(input) && rivalInScope(input) < 0;
    }

    /** Adds what this rule consumes for a call it governs, in the order its decision reads the results. */
    abstract void consumptions(PolicyInput input, List<QuotaStore.Consumption> out);

    /** @return whether the {@code i}-th consumption counts tokens, corrected to the call's usage after it */
    abstract boolean correctsToUsage(int i);

    /** Corrects the reservation of a call to its usage: through the batch, once for all its rules, or alone. */
    @Override
    public final void afterCall(CallRecord record) {
        if (batch != null) {
            batch.afterCall(record);
        } else {
            correctAlone(record);
        }
    }

    /** {@link #afterCall} in the in-process store. */
    abstract void correctAlone(CallRecord record);
}
