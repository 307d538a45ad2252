package dev.aims.redis;

import dev.aims.core.policy.QuotaStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Names the Redis key of a counter: {@code PREFIX:{SUBJECT}:KEY:SHAPE}, e.g.
 * {@code aims:{Xb2…}:q1V…:F:1749945600000:1750032000000}, or {@code PREFIX:{KEY}:SHAPE} for a counter that is its
 * own subject.
 *
 * <ul>
 *   <li>{@code SUBJECT} and {@code KEY} are the first 128 bits of the SHA-256 of the subject and of the store key,
 *       in URL-safe base64. Store keys and subjects name principals, tenants and systems, which are personal data;
 *       Redis, its monitoring and anyone with {@code KEYS} access see only hashes. It also keeps key lengths fixed
 *       and braces out of the tag.</li>
 *   <li>The braces make the subject's hash the key's hash tag: in a Redis Cluster every counter of one subject
 *       (a principal's daily budget and rate limits, say) lands in one slot, so that the counters one call touches
 *       for one subject change in one script call.</li>
 *   <li>{@code SHAPE} is the window's kind and size ({@code F:start:end}, {@code S:length:slices},
 *       {@code R:period}), so a rule whose window changes starts a fresh counter, as the contract asks.</li>
 * </ul>
 */
final class RedisKeys {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    });
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /**
     * @param subject whose usage the counter holds; when it is the key itself, the key's hash is the tag
     * @param key     the store key
     * @param window  the window
     */
    String of(String subject, String key, QuotaStore.Window window) {
        StringBuilder b = new StringBuilder(prefix.length() + 90).append(prefix).append(":{");
        if (subject.equals(key)) {
            b.append(hash(key)).append("}:");
        } else {
            b.append(hash(subject)).append("}:").append(hash(key)).append(':');
        }
        switch (window.kind()) {
            case FIXED:
                b.append("F:").append(window.start().toEpochMilli()).append(':').append(window.end().toEpochMilli());
                break;
            case SLIDING:
                b.append("S:").append(window.length().toMillis()).append(':').append(window.slices());
                break;
            default:
                b.append("R:").append(window.length().toMillis());
                break;
        }
        return b.toString();
    }

    static String hash(String key) {
        byte[] digest = SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        byte[] half = new byte[16];
        System.arraycopy(digest, 0, half, 0, 16);
        return BASE64.encodeToString(half);
    }
}
