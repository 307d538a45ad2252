package dev.aims.core.policy;

import dev.aims.api.AiSystemRegistry;
import dev.aims.api.Policy;
import dev.aims.api.PolicySet;
import dev.aims.api.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * <h2>Quota stores</h2>
 * Budgets and rate limits count in the loader's default store ({@link Builder#quotaStore(QuotaStore)}, in-process
 * unless given) unless the rule, or the whole file, names another with {@code "store"}:
 * <ul>
 *   <li>{@code "store": "fleet"} — a store given to the builder under that name,
 *       {@link Builder#quotaStore(String, QuotaStore)}; {@code "default"} is the default store;</li>
 *   <li>{@code "store": {"type": "redis", "uri": "redis://10.0.0.7:6379", "onUnavailable": "deny",
 *       "timeoutMillis": 50}} — a store the {@link QuotaStoreProvider} of that type creates (found with
 *       {@link java.util.ServiceLoader}, e.g. from aims-redis, or given with
 *       {@link Builder#quotaStoreProvider(QuotaStoreProvider)}). The loader creates one store per distinct setting
 *       and keeps it for every later load, so a reload opens no new connection; {@link #close()} closes them.</li>
 * </ul>
 *
 * <p>The budgets and rate limits of a set that count in one shared store (any but the in-process one) decide
 * together: a call asks that store once for all of them ({@link QuotaStore#tryConsumeAll}), and is charged by none
 * when one refuses it; after the call one {@link QuotaStore#correctAll} corrects their reservations. A shadow rule
 * asks on its own, so that it never refuses with the rules in force.
 *
 * <p>Loaders are thread-safe. Every set a loader loads shares its quota stores, so budgets survive a reload of the
 * file.
 */
public final class PolicyLoader implements AutoCloseable {
    private final QuotaStore quotaStore;
    private final Map<String, QuotaStore> namedStores;
    private final Map<String, QuotaStoreProvider> providers;
    private final AiSystemRegistry inventory;
    private final Redactor redactor;
    private final ConcurrentHashMap<QuotaStoreSpec, QuotaStore> created = new ConcurrentHashMap<>();
    private volatile Map<String, List<QuotaStoreProvider>> discovered;
    private volatile boolean closed;

    private PolicyLoader(Builder b) {
        this.quotaStore = b.quotaStore == null ? QuotaStore.inMemory() : b.quotaStore;
        Map<String, QuotaStore> named = new LinkedHashMap<>();
        named.put(StoreRef.DEFAULT, quotaStore);
        named.putAll(b.namedStores);
        this.namedStores = Collections.unmodifiableMap(named);
        this.providers = Map.copyOf(b.providers);
        this.inventory = b.inventory;
        this.redactor = b.redactor;
    }

    /** @return a new builder; every setting is optional */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads, validates and loads a policy file, YAML when its name ends in {@code .yaml} or {@code .yml}, else JSON.
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
     * @throws PolicyValidationException if a rule needs something this loader was not given (a redactor, an
     *                                    inventory, a named quota store, a provider of a store type) or a provider
     *                                    refused a store's settings
     * @throws IllegalStateException      if the loader is closed
     * @throws NullPointerException       if the file is null
     */
    public PolicySet load(PolicyFile file) {
        Objects.requireNonNull(file, "file");
        if (closed) {
            throw new IllegalStateException("this PolicyLoader is closed");
        }
        List<RuleSpec> specs = file.specs();
        Problems problems = new Problems(file.locations());
        Map<RuleSpec, QuotaStore> stores = new HashMap<>();
        for (RuleSpec s : specs) {
            StoreRef ref = storeRef(s);
            if (ref != null) {
                QuotaStore store = resolve(s, ref, problems);
                if (store != null) {
                    stores.put(s, store);
                }
            }
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
        Map<QuotaStore, QuotaBatch> batches = new IdentityHashMap<>();
        List<QuotaBatch> created = new ArrayList<>();
        for (RuleSpec s : specs) {
            QuotaStore store = stores.getOrDefault(s, quotaStore);
            QuotaBatch batch = null;
            boolean quota = s.type == RuleType.TOKEN_BUDGET || s.type == RuleType.RATE_LIMIT;
            if (quota && QuotaRule.batches(store)) {
                // The rules in force share their store's batch; a shadow rule has one of its own.
                batch = s.shadow ? new QuotaBatch(store) : batches.computeIfAbsent(store, QuotaBatch::new);
                if (!created.contains(batch)) {
                    created.add(batch);
                }
            }
            RulePolicy rule = create(s, rivals(s, specs), knownTypes, store, batch);
            if (batch != null) {
                batch.add((QuotaRule) rule);
            }
            policies.add(rule);
        }
        for (QuotaBatch b : created) {
            b.seal();
        }
        return PolicySet.of(policies);
    }

    /** @return the default store, which budgets and rate limits without a {@code store} count in */
    public QuotaStore quotaStore() {
        return quotaStore;
    }

    /**
     * Closes the stores this loader created from store settings (those that are {@link AutoCloseable}); the stores
     * given to the builder belong to the caller and stay open. Policies loaded earlier keep their stores, which now
     * fail as unavailable. Idempotent.
     *
     * @throws IllegalStateException if a store failed to close (the others are closed all the same)
     */
    @Override
    public void close() {
        closed = true;
        RuntimeException failure = null;
        for (Map.Entry<QuotaStoreSpec, QuotaStore> e : created.entrySet()) {
            if (e.getValue() instanceof AutoCloseable && created.remove(e.getKey(), e.getValue())) {
                try {
                    ((AutoCloseable) e.getValue()).close();
                } catch (Exception ex) {
                    if (failure == null) {
                        failure = new IllegalStateException("quota store " + e.getKey() + " failed to close", ex);
                    } else {
                        failure.addSuppressed(ex);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static StoreRef storeRef(RuleSpec s) {
        if (s.type == RuleType.TOKEN_BUDGET) {
            return ((TokenBudgetRule.Params) s.params).store();
        }
        if (s.type == RuleType.RATE_LIMIT) {
            return ((RateLimitRule.Params) s.params).store();
        }
        return null;
    }

    /** @return the store a rule names, or null with a problem */
    private QuotaStore resolve(RuleSpec s, StoreRef ref, Problems problems) {
        String at = s.path + ".store";
        if (ref.name != null) {
            QuotaStore named = namedStores.get(ref.name);
            if (named == null) {
                problems.add(at, "rule '" + s.id + "' names the quota store " + Fields.quote(ref.name) + ", which this"
                        + " loader was not given (it has " + String.join(", ", namedStores.keySet()) + "): give it"
                        + " with PolicyLoader.Builder.quotaStore(name, store)");
            }
            return named;
        }
        QuotaStoreSpec spec = ref.spec;
        QuotaStore existing = created.get(spec);
        if (existing != null) {
            return existing;
        }
        QuotaStoreProvider provider = providers.get(spec.type());
        if (provider == null) {
            List<QuotaStoreProvider> found = discovered().getOrDefault(spec.type(), List.of());
            String problem = Providers.problem(spec.type(), found);
            if (problem != null) {
                problems.add(at, "rule '" + s.id + "' uses a quota store: " + problem + ", or give one to"
                        + " PolicyLoader.Builder.quotaStoreProvider");
                return null;
            }
            provider = found.get(0);
        }
        QuotaStoreProvider chosen = provider;
        try {
            return created.computeIfAbsent(spec, k -> Objects.requireNonNull(chosen.create(k),
                    () -> chosen.getClass().getName() + ".create returned null"));
        } catch (IllegalArgumentException e) {
            problems.add(at, "the " + spec.type() + " store of rule '" + s.id + "' cannot be created: "
                    + e.getMessage());
            return null;
        }
    }

    /** @return the providers on the class path, by type; looked for once, when a file first names a type */
    private Map<String, List<QuotaStoreProvider>> discovered() {
        Map<String, List<QuotaStoreProvider>> d = discovered;
        if (d == null) {
            d = Providers.onClassPath();
            discovered = d;
        }
        return d;
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

    private RulePolicy create(RuleSpec s, List<RuleSpec> rivals, Set<String> knownTypes, QuotaStore store,
            QuotaBatch batch) {
        switch (s.type) {
            case MODEL_ALLOW_LIST:
                return new ModelAllowListRule(s, rivals);
            case TOKEN_BUDGET:
                return new TokenBudgetRule(s, rivals, store, batch);
            case RATE_LIMIT:
                return new RateLimitRule(s, rivals, store, batch);
            case SENSITIVE_DATA:
                return new SensitiveDataRule(s, rivals, redactor);
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
        return "PolicyLoader{quotaStore=" + quotaStore.getClass().getSimpleName() + ", namedStores="
                + namedStores.keySet() + ", createdStores=" + created.size() + ", inventory=" + (inventory != null)
                + ", redactor=" + (redactor != null) + "}";
    }

    /** Builds a {@link PolicyLoader}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
        private QuotaStore quotaStore;
        private final Map<String, QuotaStore> namedStores = new LinkedHashMap<>();
        private final Map<String, QuotaStoreProvider> providers = new LinkedHashMap<>();
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
         * Names a store that rules (or a whole file) choose with {@code "store": "NAME"}: a store shared by the
         * fleet, say, beside the in-process default. The loader does not close it.
         *
         * @param name  the name: letters, digits, '.', '_' or '-'; {@code default} is the default store's
         * @param store the store
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the name is malformed or {@code default}
         * @throws IllegalStateException    if a store was already given that name
         */
        public Builder quotaStore(String name, QuotaStore store) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(store, "quotaStore");
            String problem = StoreRef.checkName(name);
            if (problem != null) {
                throw new IllegalArgumentException("name " + problem);
            }
            if (name.equals(StoreRef.DEFAULT)) {
                throw new IllegalArgumentException("name \"default\" is the default store's; set it with"
                        + " quotaStore(store)");
            }
            if (namedStores.containsKey(name)) {
                throw new IllegalStateException("quotaStore '" + name + "' was already set");
            }
            namedStores.put(name, store);
            return this;
        }

        /**
         * @param provider creates the stores of its type that policy files name by settings, instead of a provider
         *                 found on the class path
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if a provider of its type was already given
         */
        public Builder quotaStoreProvider(QuotaStoreProvider provider) {
            Objects.requireNonNull(provider, "quotaStoreProvider");
            String type = Objects.requireNonNull(provider.type(), "quotaStoreProvider.type()");
            if (providers.containsKey(type)) {
                throw new IllegalStateException("quotaStoreProvider for type '" + type + "' was already set to "
                        + providers.get(type).getClass().getName());
            }
            providers.put(type, provider);
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
