package dev.aims.core.policy;

/** One validated rule of a policy file: the common fields, the type's parameters and the canonical form. */
final class RuleSpec {
    final int index;
    final String path;
    final String id;
    final RuleType type;
    final String version;
    final boolean shadow;
    final Scope scope;
    final Object params;
    final String group;
    final String fingerprint;

    RuleSpec(int index, String path, String id, RuleType type, String version, boolean shadow, Scope scope,
            Object params, String fingerprint) {
        this.index = index;
        this.path = path;
        this.id = id;
        this.type = type;
        this.version = version;
        this.shadow = shadow;
        this.scope = scope;
        this.params = params;
        this.group = type.group(params);
        this.fingerprint = fingerprint;
    }

    /** @return whether this rule wins over {@code other} of the same group when both are in scope */
    boolean beats(RuleSpec other) {
        int a = scope.specificity();
        int b = other.scope.specificity();
        return a > b || (a == b && index < other.index);
    }

    String mode() {
        return shadow ? "shadow" : "enforce";
    }

    @Override
    public String toString() {
        return id + " (" + type.wireName + ", " + mode() + ", " + scope.describe() + ")";
    }
}
