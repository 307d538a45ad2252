package dev.aims.api;

/**
 * Supplies the policy set in force, for sets that change while the application runs (a policy file reloaded on
 * change). Each call asks once and uses that one set throughout, so a call never sees a mix of two sets.
 */
@FunctionalInterface
public interface PolicySource {
    /** @return the set in force now, never null */
    PolicySet current();
}
