package dev.aims.core;

import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;

/** A PRE policy that denies requests whose text (all messages, tool arguments and results) exceeds a size. */
public final class MaxInputSize implements Policy {
    private final String id;
    private final String version;
    private final long maxChars;
    /** Immutable and free of call data, so one instance serves every allowed call. */
    private final PolicyDecision allowed;

    private MaxInputSize(String id, String version, long maxChars) {
        this.id = ModelAllowList.requireText(id, "id");
        this.version = ModelAllowList.requireText(version, "version");
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be > 0, but was " + maxChars);
        }
        this.maxChars = maxChars;
        this.allowed = PolicyDecision.allow(this, PolicyStage.PRE);
    }

    /**
     * @param maxChars the largest number of characters allowed
     * @return a policy with id {@code max-input-size}, version 1
     * @throws IllegalArgumentException if {@code maxChars <= 0}
     */
    public static MaxInputSize chars(long maxChars) {
        return new MaxInputSize("max-input-size", "1", maxChars);
    }

    /**
     * @param id       the policy id
     * @param version  the policy version
     * @param maxChars the largest number of characters allowed
     * @return the policy
     * @throws IllegalArgumentException if a value is blank or {@code maxChars <= 0}
     */
    public static MaxInputSize of(String id, String version, long maxChars) {
        return new MaxInputSize(id, version, maxChars);
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
    public String fingerprint() {
        return id + "@" + version + ":" + maxChars;
    }

    @Override
    public PolicyDecision evaluate(PolicyInput input) {
        long size = input.request().textLength();
        if (size <= maxChars) {
            return allowed;
        }
        return PolicyDecision.deny(this, PolicyStage.PRE, "input_too_large",
                "input has " + size + " characters, the limit is " + maxChars);
    }

    @Override
    public String toString() {
        return "MaxInputSize{id=" + id + ", version=" + version + ", maxChars=" + maxChars + "}";
    }
}
