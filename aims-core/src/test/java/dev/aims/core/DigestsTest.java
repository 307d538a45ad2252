package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DigestsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Texts that exercise every UTF-8 width, the unpaired surrogates String.getBytes replaces, and buffer flushes. */
    private static final List<String> TEXTS = List.of(
            "",
            "What are your opening hours on Saturdays?",
            "caf\u00e9 na\u00efve \u00df",
            "\u20ac \u4e2d\u6587 \uffff",
            "emoji \ud83d\ude00 and \ud83c\udf89",
            "lone high \ud83d then text",
            "lone low \ude00 here",
            "high at end \ud83d",
            "\ud83d\ud83d\ude00 double high",
            "x".repeat(4093) + "\u00e9\u20ac\ud83d\ude00" + "y".repeat(5000),
            "\u4e2d".repeat(3000),
            // ASCII is copied in runs: one that ends at the buffer's end, ones that span two and four buffers.
            "a".repeat(4096 - 43),
            "b".repeat(4097),
            "The quick brown fox, 4111 1111 1111 1111. ".repeat(400));

    @Test
    void requestDigestIsSha256OverLengthPrefixedUtf8Fields() throws Exception {
        Digests digests = new Digests(null);
        for (String text : TEXTS) {
            AiRequest request = AiRequest.builder().model("gpt-4o-mini")
                    .messages(List.of(Message.system("rules " + text), Message.user(text))).build();
            assertThat(digests.of(request)).as("text %s", text.length())
                    .isEqualTo(sha256(canonical("model", "gpt-4o-mini", "role", "SYSTEM", "text", "rules " + text,
                            "role", "USER", "text", text)));
        }
    }

    @Test
    void responseDigestCoversModelIdAndTexts() throws Exception {
        Digests digests = new Digests(null);
        for (String text : TEXTS) {
            AiResponse response = AiResponse.builder().message(Message.assistant(text)).usage(Usage.of(1, 2))
                    .finishReason(FinishReason.STOP).responseId("r-\u00e9").model("gpt-4o").build();
            assertThat(digests.of(response)).isEqualTo(sha256(canonical("model", "gpt-4o", "id", "r-\u00e9",
                    "role", "ASSISTANT", "text", text)));
        }
        AiResponse bare = AiResponse.builder().message(Message.assistant("hi")).build();
        assertThat(digests.of(bare)).isEqualTo(sha256(canonical("model", "", "id", "", "role", "ASSISTANT",
                "text", "hi")));
    }

    @Test
    void keyedDigestIsHmacSha256OverTheSameForm() throws Exception {
        Digests digests = new Digests(KEY);
        assertThat(digests.algorithm()).isEqualTo("hmac-sha-256");
        for (String text : TEXTS) {
            AiRequest request = AiRequest.of("m", text);
            assertThat(digests.of(request)).isEqualTo(hmac(canonical("model", "m", "role", "USER", "text", text)));
        }
    }

    @Test
    void equalInputsGiveEqualDigestsAcrossThreadsAndInstances() throws Exception {
        AiRequest request = AiRequest.of("gpt-4o-mini", TEXTS.get(9));
        String expected = new Digests(null).of(request);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> new Digests(null).of(request)));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new Digests(null).of(AiRequest.of("gpt-4o-mini", "other"))).isNotEqualTo(expected);
    }

    /** The canonical form as first written: each field a 4-byte big-endian length, then getBytes(UTF_8). */
    private static byte[] canonical(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String f : fields) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            out.write(b.length >>> 24);
            out.write(b.length >>> 16);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String hmac(byte[] bytes) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(bytes));
    }
}
