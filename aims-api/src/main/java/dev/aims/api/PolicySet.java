package dev.aims.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An ordered, immutable set of policies and the SHA-256 hash of their fingerprints, recorded on every call so that
 * an auditor can tell which rules were in force.
 */
public final class PolicySet {
    /** The set without policies. */
    public static final PolicySet EMPTY = of(List.of());

    private final List<Policy> policies;
    private final String hash;

    private PolicySet(List<Policy> policies) {
        this.policies = Require.listOf(policies, "policies");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Policy p : this.policies) {
            Require.nonBlank(p.id(), "policy.id");
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("policies must have distinct ids, but '" + p.id()
                        + "' appears twice");
            }
        }
        this.hash = hashOf(this.policies);
    }

    /**
     * @param policies the policies, in evaluation order
     * @return the set
     * @throws IllegalArgumentException if a policy is null or two share an id
     */
    public static PolicySet of(List<? extends Policy> policies) {
        return new PolicySet(List.copyOf(Require.nonNull(policies, "policies")));
    }

    /** @return the policies in evaluation order */
    public List<Policy> policies() {
        return policies;
    }

    /** @return lower-case hex SHA-256 over the policies' fingerprints, one a line, in order */
    public String hash() {
        return hash;
    }

    /**
     * @param other policies to evaluate after these
     * @return a set with this set's policies followed by the other's
     */
    public PolicySet concat(PolicySet other) {
        if (other.policies.isEmpty()) {
            return this;
        }
        if (policies.isEmpty()) {
            return other;
        }
        java.util.ArrayList<Policy> all = new java.util.ArrayList<>(policies);
        all.addAll(other.policies);
        return of(all);
    }

    private static String hashOf(List<Policy> policies) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Policy p : policies) {
                sha.update(p.fingerprint().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "PolicySet{size=" + policies.size() + ", hash=" + hash + "}";
    }
}
