package dev.aims.api;

/**
 * A control itself failed — a policy, the redactor, an interceptor, the evidence log — and the call was refused
 * because AIMS fails closed. {@link #culprit()} names the control.
 */
public final class AiGovernanceException extends AimsException {
    private static final long serialVersionUID = 1L;

    private final String culprit;

    /**
     * @param callId  the call's id
     * @param culprit the failing control, e.g. {@code policy 'budget'} or {@code redactor}
     * @param reason  what went wrong, without sensitive values
     * @param cause   the failure, or null
     */
    public AiGovernanceException(String callId, String culprit, String reason, Throwable cause) {
        super(callId, "governance control " + culprit + " failed for call " + callId + ": " + reason, cause);
        this.culprit = culprit;
    }

    /** @return the failing control */
    public String culprit() {
        return culprit;
    }
}
