package dev.aims.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one policy decided about one call at one stage: the effect, which policy (id and version), a machine reason
 * code, a human message (never holding a raw sensitive value) and obligations (instructions to later stages, e.g.
 * {@code redact.operator.CREDIT_CARD=KEEP}).
 *
 * <p>A {@link Effect#MODIFY} decision carries the replacement request (PRE, PRE_SEND) or response (POST); the
 * replacement is not part of the decision's data: it is left out of {@link #equals}, {@link #toString()} and every
 * record. A <em>shadow</em> decision is one that would have denied but was only recorded.
 */
public final class PolicyDecision {
    /** The effect of a decision. */
    public enum Effect {
        /** The call may proceed unchanged. */
        ALLOW,
        /** The call is refused. */
        DENY,
        /** The call proceeds with a changed request or response. */
        MODIFY
    }

    /** The obligation prefix by which a PRE decision chooses a redaction operator for an entity type. */
    public static final String REDACT_OPERATOR_OBLIGATION = "redact.operator.";

    /**
     * The obligation by which a PRE decision names, comma-separated, the tools whose call arguments may receive the
     * real values behind this call's pseudonyms. Other tools receive the placeholders: a model that was told a
     * placeholder must not be able to route the value it stands for to a tool of its choosing.
     */
    public static final String RESTORE_TOOLS_OBLIGATION = "restore.tools";

    private final Effect effect;
    private final String policyId;
    private final String policyVersion;
    private final PolicyStage stage;
    private final String reasonCode;
    private final String message;
    private final Map<String, String> obligations;
    private final boolean shadow;
    private final AiRequest replacementRequest;
    private final AiResponse replacementResponse;

    private PolicyDecision(Builder b) {
        this.effect = Require.nonNull(b.effect, "decision.effect");
        this.policyId = Require.nonBlank(b.policyId, "decision.policyId");
        this.policyVersion = Require.nonBlank(b.policyVersion, "decision.policyVersion");
        this.stage = Require.nonNull(b.stage, "decision.stage");
        this.reasonCode = Require.nonBlank(b.reasonCode, "decision.reasonCode");
        this.message = Require.nonNull(b.message, "decision.message");
        this.obligations = Require.mapOf(b.obligations, "decision.obligations");
        this.shadow = b.shadow;
        this.replacementRequest = b.replacementRequest;
        this.replacementResponse = b.replacementResponse;
        if (effect == Effect.MODIFY && replacementRequest == null && replacementResponse == null
                && obligations.isEmpty()) {
            throw new IllegalArgumentException("decision of policy '" + policyId
                    + "' has effect MODIFY but neither a replacement nor obligations");
        }
        if (shadow && effect != Effect.ALLOW) {
            throw new IllegalArgumentException("a shadow decision of policy '" + policyId
                    + "' must have effect ALLOW (the call proceeds), but was " + effect);
        }
    }

    /**
     * @param policy the deciding policy
     * @param stage  the stage it ran at
     * @return a builder pre-filled with the policy's id and version
     */
    public static Builder builder(Policy policy, PolicyStage stage) {
        Objects.requireNonNull(policy, "policy");
        return new Builder().policy(policy.id(), policy.version()).stage(stage);
    }

    /** @return a new builder with no policy set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return an ALLOW decision with reason {@code allowed} */
    public static PolicyDecision allow(Policy policy, PolicyStage stage) {
        return builder(policy, stage).effect(Effect.ALLOW).reasonCode("allowed").build();
    }

    /**
     * @param reasonCode a short, stable machine code such as {@code model_not_allowed}
     * @param message    a human explanation without sensitive values
     * @return a DENY decision
     */
    public static PolicyDecision deny(Policy policy, PolicyStage stage, String reasonCode, String message) {
        return builder(policy, stage).effect(Effect.DENY).reasonCode(reasonCode).message(message).build();
    }

    /** @return a MODIFY decision replacing the request */
    public static PolicyDecision modify(Policy policy, PolicyStage stage, String reasonCode, String message,
            AiRequest replacement) {
        return builder(policy, stage).effect(Effect.MODIFY).reasonCode(reasonCode).message(message)
                .replacementRequest(Require.nonNull(replacement, "replacement")).build();
    }

    /** @return a MODIFY decision replacing the response */
    public static PolicyDecision modify(Policy policy, PolicyStage stage, String reasonCode, String message,
            AiResponse replacement) {
        return builder(policy, stage).effect(Effect.MODIFY).reasonCode(reasonCode).message(message)
                .replacementResponse(Require.nonNull(replacement, "replacement")).build();
    }

    /** @return the effect */
    public Effect effect() {
        return effect;
    }

    /** @return the deciding policy's id */
    public String policyId() {
        return policyId;
    }

    /** @return the deciding policy's version */
    public String policyVersion() {
        return policyVersion;
    }

    /** @return the stage the policy ran at */
    public PolicyStage stage() {
        return stage;
    }

    /** @return the machine reason code */
    public String reasonCode() {
        return reasonCode;
    }

    /** @return the human message, possibly empty, never holding a sensitive value */
    public String message() {
        return message;
    }

    /** @return instructions to later stages */
    public Map<String, String> obligations() {
        return obligations;
    }

    /** @return whether this is a recorded "would deny" of a rule in shadow mode */
    public boolean shadow() {
        return shadow;
    }

    /** @return the replacement request of a MODIFY decision */
    public Optional<AiRequest> replacementRequest() {
        return Optional.ofNullable(replacementRequest);
    }

    /** @return the replacement response of a MODIFY decision */
    public Optional<AiResponse> replacementResponse() {
        return Optional.ofNullable(replacementResponse);
    }

    /** @return whether this decision refuses the call */
    public boolean isDeny() {
        return effect == Effect.DENY;
    }

    /** @return a copy of this decision that is a shadow ("would deny") of it: effect ALLOW, same reason */
    public PolicyDecision asShadow() {
        Builder b = new Builder().policy(policyId, policyVersion).stage(stage).effect(Effect.ALLOW)
                .reasonCode(reasonCode).message(message).obligations(obligations);
        b.shadow = true;
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PolicyDecision)) {
            return false;
        }
        PolicyDecision d = (PolicyDecision) o;
        return effect == d.effect && policyId.equals(d.policyId) && policyVersion.equals(d.policyVersion)
                && stage == d.stage && reasonCode.equals(d.reasonCode) && message.equals(d.message)
                && obligations.equals(d.obligations) && shadow == d.shadow;
    }

    @Override
    public int hashCode() {
        return Objects.hash(effect, policyId, policyVersion, stage, reasonCode, message, obligations, shadow);
    }

    @Override
    public String toString() {
        return "PolicyDecision{" + effect + (shadow ? " (shadow)" : "") + ", policy=" + policyId + "@"
                + policyVersion + ", stage=" + stage + ", reason=" + reasonCode
                + (message.isEmpty() ? "" : ", message=" + message)
                + (obligations.isEmpty() ? "" : ", obligations=" + obligations) + "}";
    }

    /** Builds a {@link PolicyDecision}; not thread-safe. */
    public static final class Builder {
        private Effect effect;
        private String policyId;
        private String policyVersion;
        private PolicyStage stage;
        private String reasonCode;
        private String message = "";
        private Map<String, String> obligations = Map.of();
        private boolean shadow;
        private AiRequest replacementRequest;
        private AiResponse replacementResponse;

        private Builder() {
        }

        /** @param effect the effect @return this builder */
        public Builder effect(Effect effect) {
            this.effect = effect;
            return this;
        }

        /** @param id the policy id @param version its version @return this builder */
        public Builder policy(String id, String version) {
            this.policyId = id;
            this.policyVersion = version;
            return this;
        }

        /** @param stage the stage @return this builder */
        public Builder stage(PolicyStage stage) {
            this.stage = stage;
            return this;
        }

        /** @param reasonCode the machine reason code @return this builder */
        public Builder reasonCode(String reasonCode) {
            this.reasonCode = reasonCode;
            return this;
        }

        /** @param message a human message without sensitive values @return this builder */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** @param obligations instructions to later stages @return this builder */
        public Builder obligations(Map<String, String> obligations) {
            this.obligations = obligations;
            return this;
        }

        /** @param request the replacement request of a MODIFY @return this builder */
        public Builder replacementRequest(AiRequest request) {
            this.replacementRequest = request;
            return this;
        }

        /** @param response the replacement response of a MODIFY @return this builder */
        public Builder replacementResponse(AiResponse response) {
            this.replacementResponse = response;
            return this;
        }

        /**
         * @return the decision
         * @throws IllegalArgumentException naming the field when a value is missing or inconsistent
         */
        public PolicyDecision build() {
            return new PolicyDecision(this);
        }
    }
}
