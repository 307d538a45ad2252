package dev.aims.api;

/**
 * What one {@link CallObserver} keeps of one call between its start and its end: a span to end, a reservation to
 * fill. {@link CallObserver#start} returns it; the client calls {@link #end} exactly once, whatever the outcome.
 */
@FunctionalInterface
public interface ObservedCall {
    /** A scope that does nothing, for calls that make nothing current. */
    Scope NO_SCOPE = () -> {
    };

    /**
     * Receives the call's record, once, when the call has ended.
     *
     * @param record the ended call
     */
    void end(CallRecord record);

    /**
     * Makes this call's context (its span) current on the calling thread while the client runs the call's chain —
     * the policies, the redactor and the provider call — so that what the provider's client does nests under it.
     * The client closes the scope on the same thread before {@link #end}.
     *
     * @return the scope to close; {@link #NO_SCOPE} by default
     */
    default Scope makeCurrent() {
        return NO_SCOPE;
    }

    /** @return the trace id (32 hex digits) this call is recorded under, or null; the record carries the first */
    default String traceId() {
        return null;
    }

    /** @return the span id (16 hex digits) of this call's span, or null */
    default String spanId() {
        return null;
    }

    /** A closable that does not throw a checked exception. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
