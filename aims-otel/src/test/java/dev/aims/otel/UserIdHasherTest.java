package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UserIdHasherTest {
    private static final byte[] KEY = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);

    @Test
    void pseudonymIsTheTruncatedHmacSha256OfTheId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("jane@example.com".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);

        assertThat(new UserIdHasher(KEY).hash("jane@example.com")).isEqualTo(expected).hasSize(32);
    }

    @Test
    void sameKeyGivesTheSamePseudonymAnotherKeyAnother() {
        byte[] other = "fedcba9876543210fedc".getBytes(StandardCharsets.UTF_8);

        assertThat(new UserIdHasher(KEY).hash("u-1")).isEqualTo(new UserIdHasher(KEY).hash("u-1"))
                .isNotEqualTo(new UserIdHasher(other).hash("u-1"))
                .isNotEqualTo(new UserIdHasher(KEY).hash("u-2"));
    }

    @Test
    void isSafeToShareBetweenThreads() {
        UserIdHasher hasher = new UserIdHasher(KEY);
        String expected = hasher.hash("u-1");
        Set<String> seen = ConcurrentHashMap.newKeySet();

        IntStream.range(0, 2_000).parallel().forEach(i -> seen.add(hasher.hash("u-1")));

        assertThat(seen).containsExactly(expected);
    }

    @Test
    void keyShorterThan16BytesIsRefused() {
        assertThatThrownBy(() -> new UserIdHasher(new byte[15])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pseudonymousUserIds key must be at least 16 bytes, but was 15");
    }
}
