package dev.aims.api;

import java.util.List;
import java.util.Map;

/**
 * Finds personal data and secrets in text and masks, hashes or pseudonymises them. The default implementation lives
 * in {@code aims-redact}; {@link #none()} finds nothing. Implementations must be thread-safe; each call opens its own
 * {@link RedactionSession}.
 */
public interface Redactor {
    /**
     * Opens the redaction state of one call.
     *
     * @param operatorOverrides operators to use for this call instead of the configured ones, by entity type
     * @return a new session
     */
    RedactionSession open(Map<String, Operator> operatorOverrides);

    /** @return a new session with the configured operators */
    default RedactionSession open() {
        return open(Map.of());
    }

    /**
     * Turns redaction off. A client given this sends every text as the application wrote it, personal data and
     * secrets included; every record, span and evidence entry of its calls says so ({@code redactionEnabled=false})
     * and the evidence report lists it as a control gap. Use it only where nothing sensitive can be in the text, or
     * another component already redacted it.
     *
     * @return the redactor that finds nothing and changes nothing; always the same instance
     */
    static Redactor none() {
        return NoRedaction.REDACTOR;
    }

    /** The session of {@link #none()}: stateless, so one instance serves every call. */
    final class NoRedaction implements RedactionSession {
        static final NoRedaction INSTANCE = new NoRedaction();
        static final Redactor REDACTOR = new Redactor() {
            @Override
            public RedactionSession open(Map<String, Operator> operatorOverrides) {
                return INSTANCE;
            }

            @Override
            public String toString() {
                return "Redactor.none()";
            }
        };

        private NoRedaction() {
        }

        @Override
        public String redact(String text) {
            return text;
        }

        @Override
        public List<Finding> findings() {
            return List.of();
        }

        @Override
        public Map<String, Integer> counts() {
            return Map.of();
        }

        @Override
        public String restore(String text) {
            return text;
        }
    }
}
