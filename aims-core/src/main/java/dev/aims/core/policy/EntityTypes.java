package dev.aims.core.policy;

import java.util.List;
import java.util.Set;

/**
 * The entity types a policy file may name: the redactor's built-in types (Presidio names for personal data,
 * gitleaks-style names for secrets) plus the custom types a file declares under {@code entityTypes}.
 */
final class EntityTypes {
    /**
     * The built-in types of {@code aims-redact}, in its order: taken from the redactor, so that a type it learns
     * can be named in a policy file the same day.
     */
    static final List<String> BUILT_IN = List.copyOf(dev.aims.redact.EntityTypes.builtIn());

    static final Set<String> BUILT_IN_SET = Set.copyOf(BUILT_IN);

    private EntityTypes() {
    }

    /** @return whether {@code name} has the shape of a type name: upper-case letters, digits and underscores */
    static boolean wellFormed(String name) {
        if (name.isEmpty() || name.charAt(0) < 'A' || name.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }
}
