package dev.aims.api;

/** A policy denied the call; {@link #decision()} says which policy, at which stage, and why. */
public final class AiPolicyViolationException extends AimsException {
    private static final long serialVersionUID = 1L;

    private final transient PolicyDecision decision;

    /**
     * @param callId   the call's id
     * @param decision the deciding DENY decision
     */
    public AiPolicyViolationException(String callId, PolicyDecision decision) {
        super(callId, "call " + callId + " denied by policy '" + decision.policyId() + "' version "
                + decision.policyVersion() + " at " + decision.stage() + ": " + decision.reasonCode()
                + (decision.message().isEmpty() ? "" : " (" + decision.message() + ")"), null);
        this.decision = decision;
    }

    /** @return the decision that denied the call */
    public PolicyDecision decision() {
        return decision;
    }
}
