package dev.aims.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import dev.aims.api.ValueDigests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The session digests each value it finds, keyed, so that the evidence counts values apart from occurrences. */
class ValueDigesterTest {
    private static final String EMAIL = "jane.doe@example.com";
    private static final String OTHER = "bob.roe@example.org";
    private static final String CARD = "4104332181960018";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void oneValueSeenSixTimesIsSixOccurrencesOfOneDigest() {
        RedactionSession s = AimsRedactor.builder().hashKey(KEY).build().open();
        for (int i = 0; i < 6; i++) {
            s.redact("message " + i + " from " + EMAIL);
        }
        assertThat(s.counts()).containsEntry("EMAIL_ADDRESS", 6);
        assertThat(s.valueDigests().distinct("EMAIL_ADDRESS")).isEqualTo(1);
        assertThat(s.valueDigests().distinctTotal()).isEqualTo(1);
        assertThat(s.valueDigests().byType().get("EMAIL_ADDRESS").iterator().next()).matches("[0-9a-f]{32}");
    }

    @Test
    void twoValuesAreTwoDigestsAndEachTypeIsCountedApart() {
        RedactionSession s = AimsRedactor.builder().hashKey(KEY).build().open();
        s.redact("to " + EMAIL + ", cc " + OTHER + ", again " + EMAIL + ", card " + CARD);
        ValueDigests d = s.valueDigests();
        assertThat(s.counts()).containsEntry("EMAIL_ADDRESS", 3).containsEntry("CREDIT_CARD", 1);
        assertThat(d.distinct("EMAIL_ADDRESS")).isEqualTo(2);
        assertThat(d.distinct("CREDIT_CARD")).isEqualTo(1);
        assertThat(d.distinctTotal()).isEqualTo(3);
        assertThat(d.toString()).isEqualTo("{CREDIT_CARD=1, EMAIL_ADDRESS=2}");
    }

    @Test
    void theSameKeyGivesTheSameDigestInEverySessionAndRedactor() {
        RedactionSession a = AimsRedactor.builder().hashKey(KEY).build().open();
        RedactionSession b = AimsRedactor.builder().hashKey(KEY).defaultOperator(Operator.MASK).build().open();
        a.redact(EMAIL);
        b.redact("Dear " + EMAIL);
        assertThat(a.valueDigests()).isEqualTo(b.valueDigests());
        assertThat(a.valueDigests().keyId()).isEqualTo(b.valueDigests().keyId()).get().asString()
                .matches("[0-9a-f]{16}");
    }

    @Test
    void withoutAConfiguredKeyEachRedactorDigestsUnderItsOwnKeyAndSaysSo() {
        AimsRedactor one = AimsRedactor.create();
        RedactionSession first = one.open();
        RedactionSession second = one.open();
        RedactionSession elsewhere = AimsRedactor.create().open();
        first.redact(EMAIL);
        second.redact(EMAIL);
        elsewhere.redact(EMAIL);
        // Within one redactor (one process) the count is right; across redactors the key id tells them apart.
        assertThat(first.valueDigests()).isEqualTo(second.valueDigests());
        assertThat(elsewhere.valueDigests().byType()).isNotEqualTo(first.valueDigests().byType());
        assertThat(elsewhere.valueDigests().keyId()).isNotEqualTo(first.valueDigests().keyId());
    }

    @Test
    void aDigestIsNeitherAnUnkeyedHashNorTheHashOperatorsOutput() throws Exception {
        RedactionSession s = AimsRedactor.builder().hashKey(KEY).defaultOperator(Operator.HASH).build().open();
        String hashed = s.redact(EMAIL);
        String digest = s.valueDigests().byType().get("EMAIL_ADDRESS").iterator().next();
        List<String> unkeyed = new ArrayList<>();
        for (String alg : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
            unkeyed.add(HexFormat.of().formatHex(MessageDigest.getInstance(alg)
                    .digest(EMAIL.getBytes(StandardCharsets.UTF_8))));
        }
        for (String u : unkeyed) {
            assertThat(u).doesNotContain(digest).doesNotContain(digest.substring(0, 16));
            assertThat(digest).isNotEqualTo(u.substring(0, 32));
        }
        // HASH sends the first 8 bytes of HMAC(key, value) to the provider; the evidence's digest is under a key
        // derived for it, so what the provider saw cannot be matched to the log.
        assertThat(hashed).doesNotContain(EMAIL);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String underTheHashKey = HexFormat.of().formatHex(mac.doFinal(EMAIL.getBytes(StandardCharsets.UTF_8)));
        assertThat(underTheHashKey).doesNotContain(digest).doesNotContain(digest.substring(0, 16));
        assertThat(digest).doesNotContain(underTheHashKey.substring(0, 16));
    }

    @Test
    void keptValuesAreDigestedToo() {
        RedactionSession s = AimsRedactor.builder().hashKey(KEY).defaultOperator(Operator.KEEP).build().open();
        assertThat(s.redact(EMAIL + " " + EMAIL)).isEqualTo(EMAIL + " " + EMAIL);
        assertThat(s.valueDigests().distinct("EMAIL_ADDRESS")).isEqualTo(1);
    }

    @Test
    void spellingsOfOneValueAreOneValue() {
        RedactionSession s = AimsRedactor.builder().hashKey(KEY).build().open();
        // Full-width digits read as the digits they stand for, as placeholders read them.
        String fullWidth = toFullWidth(CARD);
        s.redact("card " + CARD);
        s.redact("card " + fullWidth);
        assertThat(s.counts()).containsEntry("CREDIT_CARD", 2);
        assertThat(s.valueDigests().distinct("CREDIT_CARD")).isEqualTo(1);
    }

    @Test
    void aValueWrittenTwoWaysIsOneValueAndTwoValuesStayTwo() {
        RedactionSession s = AimsRedactor.builder().hashKey(KEY).build().open();
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        s.redact("key:\n" + pem + "\n");
        s.redact("{\"key\": \"" + pem.replace("\n", "\\n") + "\"}");
        s.redact("card 4104 3321 8196 0018 and 4104-3321-8196-0018 and " + CARD);
        s.redact("mail " + EMAIL.toUpperCase(java.util.Locale.ROOT));
        s.redact("mail " + EMAIL);
        s.redact("tokens ghp_" + "HBMUAPTT0aZN0dnruqXa71P2tD8vkQXRYO1N and ghp_"
                + "hbmuaptt0aZN0dnruqXa71P2tD8vkQXRYO1N");
        ValueDigests d = s.valueDigests();
        assertThat(s.counts()).containsEntry("PRIVATE_KEY", 2).containsEntry("CREDIT_CARD", 3)
                .containsEntry("EMAIL_ADDRESS", 2).containsEntry("GITHUB_TOKEN", 2);
        assertThat(d.distinct("PRIVATE_KEY")).isEqualTo(1);
        assertThat(d.distinct("CREDIT_CARD")).isEqualTo(1);
        assertThat(d.distinct("EMAIL_ADDRESS")).isEqualTo(1);
        // A secret's case is part of it: two tokens that differ in case are two secrets.
        assertThat(d.distinct("GITHUB_TOKEN")).isEqualTo(2);
    }

    @Test
    void nothingFoundIsNoDigestAndNothingPrinted() {
        RedactionSession s = AimsRedactor.create().open();
        s.redact("nothing to see here");
        assertThat(s.valueDigests()).isSameAs(ValueDigests.NONE);
        s.redact(EMAIL);
        assertThat(s.toString()).doesNotContain(EMAIL);
        for (Set<String> digests : s.valueDigests().byType().values()) {
            digests.forEach(d -> assertThat(s.valueDigests().toString()).doesNotContain(d));
        }
    }

    private static String toFullWidth(String digits) {
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            sb.append((char) (c - '0' + '\uFF10'));
        }
        return sb.toString();
    }
}
