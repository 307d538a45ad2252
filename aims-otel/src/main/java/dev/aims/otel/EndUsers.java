package dev.aims.otel;

import io.opentelemetry.api.trace.Span;
import java.security.SecureRandom;

/**
 * How the principal reaches a span: by default as {@code enduser.pseudo.id}, a keyed pseudonym; as the raw
 * {@code enduser.id} only when the application switched that on. Thread-safe.
 */
final class EndUsers {
    private final UserIdHasher hasher;

    private EndUsers(UserIdHasher hasher) {
        this.hasher = hasher;
    }

    /** @return pseudonyms under the given key */
    static EndUsers pseudonymous(byte[] key) {
        return new EndUsers(new UserIdHasher(key));
    }

    /** @return pseudonyms under this process's random key */
    static EndUsers pseudonymousPerProcess() {
        return new EndUsers(ProcessKey.HASHER);
    }

    /** @return the principal as given, as {@code enduser.id} */
    static EndUsers raw() {
        return new EndUsers(null);
    }

    /** Sets the end-user attribute of the principal on the span. */
    void set(Span span, String principal) {
        if (hasher == null) {
            span.setAttribute(AimsAttributes.ENDUSER_ID, principal);
        } else {
            span.setAttribute(AimsAttributes.ENDUSER_PSEUDO_ID, hasher.hash(principal));
        }
    }

    /**
     * The key of the process, made on first use and never written anywhere: pseudonyms agree within the process
     * (across every AimsTelemetry in it) and cannot be linked across a restart, nor to an id, by anyone.
     */
    private static final class ProcessKey {
        static final UserIdHasher HASHER;

        static {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            HASHER = new UserIdHasher(key);
        }
    }
}
