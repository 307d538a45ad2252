package dev.aims.core.policy;

import java.util.List;
import java.util.Set;

/**
 * The entity types a policy file may name: the redactor's built-in types (Presidio names for personal data,
 * gitleaks-style names for secrets) plus the custom types a file declares under {@code entityTypes}.
 */
final class EntityTypes {
    /** The built-in types of {@code aims-redact}, in its order. */
    static final List<String> BUILT_IN = List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE",
            "US_SSN", "IP_ADDRESS", "MAC_ADDRESS", "UK_NHS", "CRYPTO", "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN",
            "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SLACK_TOKEN", "STRIPE_API_KEY", "GOOGLE_API_KEY", "JWT",
            "PRIVATE_KEY", "GENERIC_SECRET");

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
