package dev.aims.api;

/**
 * The base of the exceptions a governed call ends with. Messages name the call, the policy or control and the
 * reason, never a sensitive value.
 */
public abstract class AimsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String callId;

    /**
     * @param callId  the call's id
     * @param message the message
     * @param cause   the cause, or null
     */
    protected AimsException(String callId, String message, Throwable cause) {
        super(message, cause);
        this.callId = callId;
    }

    /** @return the id of the call, as recorded */
    public String callId() {
        return callId;
    }
}
