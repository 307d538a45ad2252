package dev.aims.core;

import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** One-line custom rules: a predicate that says when a call is allowed. */
public final class Policies {
    private Policies() {
    }

    /**
     * A PRE rule, version 1.
     *
     * @param id         the policy id
     * @param allowWhen  true when the call may proceed
     * @param reasonCode the reason code of a denial
     * @return the policy
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the id or reason code is blank
     */
    public static Policy of(String id, Predicate<PolicyInput> allowWhen, String reasonCode) {
        return of(id, "1", PolicyStage.PRE, allowWhen, reasonCode, "");
    }

    /**
     * @param id         the policy id
     * @param version    the policy version
     * @param stage      the stage it runs at
     * @param allowWhen  true when the call may proceed
     * @param reasonCode the reason code of a denial
     * @param message    the human message of a denial, without sensitive values
     * @return the policy
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the id, version or reason code is blank
     */
    public static Policy of(String id, String version, PolicyStage stage, Predicate<PolicyInput> allowWhen,
            String reasonCode, String message) {
        return new PredicatePolicy(ModelAllowList.requireText(id, "id"), ModelAllowList.requireText(version,
                "version"), Objects.requireNonNull(stage, "stage"), Objects.requireNonNull(allowWhen, "allowWhen"),
                ModelAllowList.requireText(reasonCode, "reasonCode"), Objects.requireNonNull(message, "message"));
    }

    private static final class PredicatePolicy implements Policy {
        private final String id;
        private final String version;
        private final PolicyStage stage;
        private final Set<PolicyStage> stages;
        private final Predicate<PolicyInput> allowWhen;
        private final String reasonCode;
        private final String message;
        /** Decisions are immutable and these carry nothing of the call: built once, not per evaluation. */
        private final PolicyDecision allowed;
        private final PolicyDecision denied;

        PredicatePolicy(String id, String version, PolicyStage stage, Predicate<PolicyInput> allowWhen,
                String reasonCode, String message) {
            this.id = id;
            this.version = version;
            this.stage = stage;
            this.stages = EnumSet.of(stage);
            this.allowWhen = allowWhen;
            this.reasonCode = reasonCode;
            this.message = message;
            this.allowed = PolicyDecision.allow(this, stage);
            this.denied = PolicyDecision.deny(this, stage, reasonCode, message);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public Set<PolicyStage> stages() {
            return stages;
        }

        @Override
        public PolicyDecision evaluate(PolicyInput input) {
            return allowWhen.test(input) ? allowed : denied;
        }

        @Override
        public String toString() {
            return "Policy{id=" + id + ", version=" + version + ", stage=" + stage + "}";
        }
    }
}
