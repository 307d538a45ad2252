package dev.aims.core.policy;

/**
 * Thrown by a {@link QuotaStore} that cannot reach its backend (unreachable, too slow, refusing) and is configured
 * to fail closed. Budget and rate-limit rules turn it into a DENY decision with reason
 * {@code quota_store_unavailable}, so the call is refused and its record says why; a correction after the call that
 * fails this way is logged and lost.
 *
 * <p>The message names the store (scheme, host and port: never credentials) and what went wrong, never a key.
 */
public final class QuotaStoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was unavailable and why, without credentials or keys
     * @param cause   the backend's failure, or null
     */
    public QuotaStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
