package dev.aims.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a principal into a keyed pseudonym (HMAC-SHA-256, the first 16 bytes in hex) for evidence lines, when the
 * log is configured to keep pseudonyms rather than the audit identity: calls stay countable and groupable by user,
 * and only the key holder can link a pseudonym to a person. Used by the writer thread only.
 */
final class PrincipalPseudonyms {
    /** The shortest key accepted: an HMAC key shorter than 128 bits invites guessing. */
    static final int MIN_KEY_BYTES = 16;

    private static final int KEPT_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;

    PrincipalPseudonyms(byte[] key) {
        try {
            this.mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is required by every JDK", e);
        }
    }

    /** @return the lower-case hex pseudonym of the principal */
    String of(String principal) {
        byte[] digest = mac.doFinal(principal.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, KEPT_BYTES);
    }
}
