package dev.aims.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy sees: the stage, the call id, the request as it stands (redacted from PRE_SEND on), the context,
 * the findings of the redactor (from PRE_SEND on), the response (at POST), the decisions taken so far, the call's
 * redaction session (to scan or redact other text consistently with the request) and the time.
 */
public final class PolicyInput {
    private final PolicyStage stage;
    private final String callId;
    private final AiRequest request;
    private final CallContext context;
    private final List<Finding> findings;
    private final AiResponse response;
    private final List<PolicyDecision> decisions;
    private final RedactionSession redaction;
    private final Instant now;

    /**
     * @param stage     the stage
     * @param callId    the call id
     * @param request   the request as it stands
     * @param context   the call context
     * @param findings  findings so far (empty at PRE)
     * @param response  the response at POST, else null
     * @param decisions decisions taken so far in this call
     * @param redaction the call's redaction session
     * @param now       the clock's time
     */
    public PolicyInput(PolicyStage stage, String callId, AiRequest request, CallContext context,
            List<Finding> findings, AiResponse response, List<PolicyDecision> decisions,
            RedactionSession redaction, Instant now) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.callId = Objects.requireNonNull(callId, "callId");
        this.request = Objects.requireNonNull(request, "request");
        this.context = Objects.requireNonNull(context, "context");
        // List.copyOf of an empty list is List.of() anyway, but only after an array copy: skip it on the hot path.
        this.findings = findings.isEmpty() ? List.of() : List.copyOf(findings);
        this.response = response;
        this.decisions = decisions.isEmpty() ? List.of() : List.copyOf(decisions);
        this.redaction = Objects.requireNonNull(redaction, "redaction");
        this.now = Objects.requireNonNull(now, "now");
    }

    /** @return the stage */
    public PolicyStage stage() {
        return stage;
    }

    /** @return the call id */
    public String callId() {
        return callId;
    }

    /** @return the request as it stands at this stage */
    public AiRequest request() {
        return request;
    }

    /** @return the call context */
    public CallContext context() {
        return context;
    }

    /** @return the redactor's findings on the request (empty at PRE) */
    public List<Finding> findings() {
        return findings;
    }

    /** @return the response, at POST */
    public Optional<AiResponse> response() {
        return Optional.ofNullable(response);
    }

    /** @return the decisions taken earlier in this call */
    public List<PolicyDecision> decisions() {
        return decisions;
    }

    /** @return the call's redaction session */
    public RedactionSession redaction() {
        return redaction;
    }

    /** @return the time of evaluation, from the client's clock */
    public Instant now() {
        return now;
    }

    @Override
    public String toString() {
        return "PolicyInput{stage=" + stage + ", callId=" + callId + ", request=" + request + ", findings="
                + findings.size() + "}";
    }
}
