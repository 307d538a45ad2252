package dev.aims.redis;

import dev.aims.core.policy.QuotaStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Names the Redis key of a counter: {@code PREFIX:{HASH}:SHAPE}, e.g.
 * {@code aims:{q1V…}:F:1749945600000:1750032000000}.
 *
 * <ul>
 *   <li>{@code HASH} is the first 128 bits of the SHA-256 of the store key, in URL-safe base64. Store keys name
 *       budget subjects (principal, tenant and system ids), which are personal data; Redis, its monitoring and
 *       anyone with {@code KEYS} access see only the hash. It also keeps key lengths fixed and braces out of
 *       the tag.</li>
 *   <li>The braces make {@code HASH} the key's hash tag: in a Redis Cluster every window of one counter lands in
 *       the same slot, so a script never needs keys of two shards.</li>
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

    String of(String key, QuotaStore.Window window) {
        StringBuilder b = new StringBuilder(prefix.length() + 64).append(prefix).append(":{").append(hash(key))
                .append("}:");
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
