package dev.aims.api;

/**
 * The model provider (the delegate client) failed. The cause is the delegate's own exception; its message is not
 * copied into this one, since providers sometimes echo prompt text in errors.
 */
public final class AiProviderException extends AimsException {
    private static final long serialVersionUID = 1L;

    private final String provider;

    /**
     * @param callId   the call's id
     * @param provider the provider's name, or {@code unknown}
     * @param cause    what the delegate threw
     */
    public AiProviderException(String callId, String provider, Throwable cause) {
        super(callId, "provider '" + provider + "' failed for call " + callId + ": "
                + (cause == null ? "no cause" : cause.getClass().getName()), cause);
        this.provider = provider;
    }

    /** @return the provider's name */
    public String provider() {
        return provider;
    }
}
