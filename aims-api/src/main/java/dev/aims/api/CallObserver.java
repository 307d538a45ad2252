package dev.aims.api;

/**
 * Receives the {@link CallRecord} of every governed call exactly once, when the call has ended, whatever its
 * outcome. Observers run on the caller's thread after the result is decided; an observer that throws is logged and
 * never stops the other observers. Implementations must be thread-safe and should hand slow work (I/O) to their own
 * thread.
 *
 * <p>An observer that must act when a call begins overrides {@link #start}: telemetry starts the call's span there
 * (with the provider, model and server already known, as samplers need) and makes it current while the call runs;
 * an evidence log that must be able to record every call reserves room for the record there and refuses the call —
 * before anything leaves the process — when it cannot. This is the one registration such an observer needs.
 */
@FunctionalInterface
public interface CallObserver {
    /** @param record the ended call */
    void onCall(CallRecord record);

    /**
     * Called once when a call begins, before any interceptor, policy or redaction, in the order the observers were
     * added. The client hands the call's record to what this returns, exactly once.
     *
     * <p>Throwing {@link AiGovernanceException} refuses the call: the provider is not reached, and this observer
     * still receives the record, through {@link #onCall}. Any other exception is logged and changes nothing.
     *
     * @param start what is known of the call when it begins
     * @return what receives the call's record; by default {@link #onCall}
     */
    default ObservedCall start(CallStart start) {
        return this::onCall;
    }
}
