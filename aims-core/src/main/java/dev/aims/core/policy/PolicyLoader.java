package dev.aims.core.policy;

import dev.aims.api.AiSystemRegistry;
import dev.aims.api.Policy;
import dev.aims.api.PolicySet;
import dev.aims.api.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns policy files into ordinary {@link dev.aims.api.Policy} objects, wired to what they need at run time: the
 * {@link QuotaStore} of budgets and rate limits, the AI-system inventory for purpose rules, and the
 * {@link Redactor} output rules scan answers with.
 *
 * <pre>{@code
 * PolicyLoader loader = PolicyLoader.builder().redactor(redactor).inventory(inventory).build();
 * GovernedClient ai = GovernedClient.builder()
 *         .delegate(provider)
 *         .policySource(ReloadingPolicySource.builder(Path.of("aims-policy.json"), loader).build())
 *         .build();
 * }</pre>
 *
 * <p>Loaders are immutable and thread-safe. Every set a loader loads shares its quota store, so budgets survive a
 * reload of the file.
 */
public final class PolicyLoader {
    private final QuotaStore quotaStore;
    private final AiSystemRegistry inventory;
    private final Redactor redactor;

    private PolicyLoader(Builder b) {
        this.quotaStore = b.quotaStore == null ? QuotaStore.inMemory() : b.quotaStore;
        this.inventory = b.inventory;
        this.redactor = b.redactor;
    }

    /** @return a new builder; every setting is optional */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads, validates and loads a policy file.
     *
     * @param path the file
     * @return the policies, in file order, with the file's hash
     * @throws IOException                if the file cannot be read
     * @throws PolicyValidationException listing every problem of the file, including rules this loader cannot run
     *                                    (an output rule without a redactor, a purpose rule without intended uses)
     * @throws NullPointerException       if the path is null
     */
    public PolicySet load(Path path) throws IOException {
        return load(PolicyFile.read(path));
    }

    /**
     * Loads a validated policy document.
     *
     * @param file the document
     * @return the policies, in file order; {@link PolicySet#hash()} equals {@link PolicyFile#hash()}
     * @throws PolicyValidationException if a rule needs something this loader was not given
     * @throws NullPointerException       if the file is null
     */
    public PolicySet load(PolicyFile file) {
        Objects.requireNonNull(file, "file");
        List<RuleSpec> specs = file.specs();
        Problems problems = new Problems();
        for (RuleSpec s : specs) {
            if (s.type == RuleType.OUTPUT && ((OutputRule.Params) s.params).scan() && redactor == null) {
                problems.add(s.path, "output rule '" + s.id + "' scans answers and needs a Redactor: give one to"
                        + " PolicyLoader.Builder.redactor, or set \"scan\": false");
            }
            if (s.type == RuleType.PURPOSE && !PurposeRule.hasSource((PurposeRule.Params) s.params, inventory)) {
                problems.add(s.path, "purpose rule '" + s.id + "' has no intended uses to check against: list them"
                        + " under intendedUses, or give an AiSystemRegistry to PolicyLoader.Builder.inventory");
            }
        }
        for (RuleSpec s : specs) {
            if (s.type == RuleType.SENSITIVE_DATA && rivals(s, specs).size() > SensitiveDataRule.MAX_RIVALS) {
                problems.add(s.path + ".scope", "more than " + SensitiveDataRule.MAX_RIVALS + " more specific"
                        + " sensitive-data rules overlap rule '" + s.id + "'; merge some of them");
            }
        }
        problems.throwIfAny(file.origin());
        Set<String> knownTypes = new LinkedHashSet<>(EntityTypes.BUILT_IN);
        knownTypes.addAll(file.entityTypes());
        List<Policy> policies = new ArrayList<>(specs.size());
        for (RuleSpec s : specs) {
            policies.add(create(s, rivals(s, specs), knownTypes));
        }
        return PolicySet.of(policies);
    }

    /** @return the store this loader's budgets and rate limits count in */
    public QuotaStore quotaStore() {
        return quotaStore;
    }

    /**
     * @return the rules of {@code spec}'s group that win over it when in scope, strongest first; shadow rules take
     *         no part in precedence, so that trying a rule out never takes an enforced one out of force
     */
    private static List<RuleSpec> rivals(RuleSpec spec, List<RuleSpec> specs) {
        List<RuleSpec> rivals = new ArrayList<>();
        if (spec.shadow) {
            return rivals;
        }
        for (RuleSpec other : specs) {
            if (other != spec && !other.shadow && other.group.equals(spec.group) && other.beats(spec)) {
                rivals.add(other);
            }
        }
        rivals.sort(Comparator.comparingInt((RuleSpec r) -> -r.scope.specificity()).thenComparingInt(r -> r.index));
        return rivals;
    }

    private RulePolicy create(RuleSpec s, List<RuleSpec> rivals, Set<String> knownTypes) {
        switch (s.type) {
            case MODEL_ALLOW_LIST:
                return new ModelAllowListRule(s, rivals);
            case TOKEN_BUDGET:
                return new TokenBudgetRule(s, rivals, quotaStore);
            case RATE_LIMIT:
                return new RateLimitRule(s, rivals, quotaStore);
            case SENSITIVE_DATA:
                return new SensitiveDataRule(s, rivals);
            case PURPOSE:
                return new PurposeRule(s, rivals, inventory);
            case OUTPUT:
                return new OutputRule(s, rivals, redactor, knownTypes);
            default:
                return new PromptInjectionRule(s, rivals);
        }
    }

    @Override
    public String toString() {
        return "PolicyLoader{quotaStore=" + quotaStore.getClass().getSimpleName() + ", inventory="
                + (inventory != null) + ", redactor=" + (redactor != null) + "}";
    }

    /** Builds a {@link PolicyLoader}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
        private QuotaStore quotaStore;
        private AiSystemRegistry inventory;
        private Redactor redactor;

        private Builder() {
        }

        /**
         * @param store where budgets and rate limits count; {@link QuotaStore#inMemory()} by default
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder quotaStore(QuotaStore store) {
            Objects.requireNonNull(store, "quotaStore");
            requireUnset(quotaStore, "quotaStore");
            this.quotaStore = store;
            return this;
        }

        /**
         * @param inventory the AI-system inventory whose intended uses purpose rules check; systems it does not hold
         *                  fall back to the rule's own {@code intendedUses}
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder inventory(AiSystemRegistry inventory) {
            Objects.requireNonNull(inventory, "inventory");
            requireUnset(this.inventory, "inventory");
            this.inventory = inventory;
            return this;
        }

        /**
         * @param redactor what output rules scan answers with (each answer in a session of its own); required when a
         *                 file has an output rule that scans
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder redactor(Redactor redactor) {
            Objects.requireNonNull(redactor, "redactor");
            requireUnset(this.redactor, "redactor");
            this.redactor = redactor;
            return this;
        }

        /** @return the loader */
        public PolicyLoader build() {
            return new PolicyLoader(this);
        }

        private static void requireUnset(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
