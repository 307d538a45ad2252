package dev.aims.api;

/**
 * Receives the {@link CallRecord} of every governed call exactly once, when the call has ended, whatever its
 * outcome. Observers run on the caller's thread after the result is decided; an observer that throws is logged and
 * never changes the caller's result or stops the other observers. Implementations must be thread-safe and should
 * hand slow work (I/O) to their own thread.
 */
@FunctionalInterface
public interface CallObserver {
    /** @param record the ended call */
    void onCall(CallRecord record);
}
