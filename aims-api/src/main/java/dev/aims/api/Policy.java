package dev.aims.api;

import java.util.Set;

/**
 * A rule evaluated on every governed call at the {@link #stages() stages} it declares. It returns a
 * {@link PolicyDecision}; every decision is recorded, allows included.
 *
 * <p>A policy that throws denies the call ({@link AiGovernanceException}) unless it declares itself
 * {@link #failOpen() fail-open}, in which case the failure is recorded as an ALLOW with reason
 * {@code policy_error_fail_open}. Implementations must be thread-safe.
 */
public interface Policy {
    /** @return the stable id that decisions and records name */
    String id();

    /** @return the version of this rule, recorded with each decision */
    default String version() {
        return "1";
    }

    /** @return the stages at which this policy runs; {@link PolicyStage#PRE} by default */
    default Set<PolicyStage> stages() {
        return PolicyStages.PRE_ONLY;
    }

    /** @return whether a failure of this policy lets the call proceed; {@code false} (fail closed) by default */
    default boolean failOpen() {
        return false;
    }

    /**
     * @return what identifies this rule's content in the policy-set hash; id and version by default, a canonical
     *         serialisation of the rule for policies loaded from a file
     */
    default String fingerprint() {
        return id() + "@" + version();
    }

    /**
     * The redactor whose findings this policy's decisions rest on: a rule that denies when a type is found, or
     * that scans answers. A client refuses, when it is built, a policy whose redactor is not the one the client
     * redacts with — its findings would otherwise come from a different scan, with other types and settings — and
     * one that needs findings when the client's redaction is off.
     *
     * @return the redactor this policy was made with, {@link Redactor#none()} when it needs findings but was made
     *         without a redactor, or null (the default) when it reads no findings
     */
    default Redactor redactor() {
        return null;
    }

    /**
     * Decides about a call.
     *
     * @param input the call as it stands at this stage
     * @return the decision, never null
     */
    PolicyDecision evaluate(PolicyInput input);

    /**
     * Called once when a call this policy took part in has ended, whatever the outcome; budgets charge actual usage
     * here. Failures are logged and never change the call's result.
     *
     * @param record the call's record
     */
    default void afterCall(CallRecord record) {
    }
}
