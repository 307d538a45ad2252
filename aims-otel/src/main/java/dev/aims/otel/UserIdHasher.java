package dev.aims.otel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an end user's id into a keyed pseudonym (HMAC-SHA-256, the first 16 bytes in hex), so that a trace back-end
 * can group calls by user without learning who the user is; only the key holder can link a pseudonym to an id.
 * Thread-safe.
 */
final class UserIdHasher {
    /** The shortest key accepted: an HMAC key shorter than 128 bits invites guessing. */
    static final int MIN_KEY_BYTES = 16;

    private static final int KEPT_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Mac prototype;

    UserIdHasher(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("pseudonymousUserIds key must be at least " + MIN_KEY_BYTES
                    + " bytes, but was " + key.length);
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.prototype = keyedMac(this.key);
    }

    /** @return the lower-case hex pseudonym of the id */
    String hash(String userId) {
        byte[] digest = newMac().doFinal(userId.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, KEPT_BYTES);
    }

    private Mac newMac() {
        // A Mac is not thread-safe; cloning the keyed prototype is cheaper than looking up and keying a new one.
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return keyedMac(key);
        }
    }

    private static Mac keyedMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is required by every JDK", e);
        }
    }
}
