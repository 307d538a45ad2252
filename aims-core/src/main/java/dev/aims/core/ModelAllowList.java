package dev.aims.core;

import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A PRE policy that denies any model not named by the list, by exact name or {@link Glob}. */
public final class ModelAllowList implements Policy {
    private final String id;
    private final String version;
    private final Set<String> exact;
    private final List<Glob> globs;
    private final List<String> patterns;
    /** Immutable and free of call data, so one instance serves every allowed call. */
    private final PolicyDecision allowed;

    private ModelAllowList(String id, String version, Collection<String> patterns) {
        this.id = requireText(id, "id");
        this.version = requireText(version, "version");
        Objects.requireNonNull(patterns, "models");
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("models must name at least one model or glob");
        }
        Set<String> exact = new HashSet<>();
        List<Glob> globs = new ArrayList<>();
        for (String p : patterns) {
            Glob g = Glob.of(Objects.requireNonNull(p, "models must not contain null"));
            if (g.isLiteral()) {
                exact.add(p);
            } else {
                globs.add(g);
            }
        }
        this.exact = Set.copyOf(exact);
        this.globs = List.copyOf(globs);
        this.patterns = List.copyOf(patterns);
        this.allowed = PolicyDecision.allow(this, PolicyStage.PRE);
    }

    /**
     * @param models exact names or globs ({@code gpt-4o*})
     * @return a policy with id {@code model-allow-list}, version 1
     * @throws IllegalArgumentException if the list is empty or holds a blank pattern
     */
    public static ModelAllowList of(String... models) {
        return new ModelAllowList("model-allow-list", "1", List.of(models));
    }

    /**
     * @param id      the policy id
     * @param version the policy version
     * @param models  exact names or globs
     * @return the policy
     * @throws IllegalArgumentException if the id or version is blank, the list empty or a pattern blank
     */
    public static ModelAllowList of(String id, String version, Collection<String> models) {
        return new ModelAllowList(id, version, models);
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
        return id + "@" + version + ":" + patterns;
    }

    /** @param model a model name @return whether the list allows it */
    public boolean allows(String model) {
        if (exact.contains(model)) {
            return true;
        }
        for (Glob g : globs) {
            if (g.matches(model)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public PolicyDecision evaluate(PolicyInput input) {
        String model = input.request().model();
        if (allows(model)) {
            return allowed;
        }
        return PolicyDecision.deny(this, PolicyStage.PRE, "model_not_allowed",
                "model '" + model + "' is not in the allow-list");
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, but was '" + value + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ModelAllowList{id=" + id + ", version=" + version + ", models=" + patterns + "}";
    }
}
