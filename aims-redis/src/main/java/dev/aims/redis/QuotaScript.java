package dev.aims.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua script ({@code quota.lua}) that does every operation of the store in one atomic server-side step, and its
 * SHA-1, by which {@code EVALSHA} runs it once {@code SCRIPT LOAD} has put it in the server's script cache.
 */
final class QuotaScript {
    static final String TEXT = read();
    static final String SHA = sha1(TEXT);

    /** Operation codes (ARGV[1]). */
    static final String CONSUME = "c";
    static final String CHARGE = "a";
    static final String REFUND = "r";

    private QuotaScript() {
    }

    private static String read() {
        try (InputStream in = QuotaScript.class.getResourceAsStream("quota.lua")) {
            if (in == null) {
                throw new IllegalStateException("dev/aims/redis/quota.lua is missing from the aims-redis jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("dev/aims/redis/quota.lua cannot be read", e);
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    }
}
