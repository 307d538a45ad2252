package dev.aims.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AimsSessionTest {
    private static final String EMAIL = "jane.doe@example.com";
    private static final String CARD = "4104332181960018";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static RedactionSession session(Operator op) {
        AimsRedactor.Builder b = AimsRedactor.builder().defaultOperator(op);
        if (op == Operator.HASH) {
            b.hashKey(KEY);
        }
        return b.build().open();
    }

    @Test
    void placeholderNumbersEachValueOncePerSession() {
        RedactionSession s = session(Operator.PLACEHOLDER);
        assertThat(s.redact("to " + EMAIL + " and bob@example.org, cc " + EMAIL))
                .isEqualTo("to <EMAIL_ADDRESS_1> and <EMAIL_ADDRESS_2>, cc <EMAIL_ADDRESS_1>");
        assertThat(s.redact("again " + EMAIL)).isEqualTo("again <EMAIL_ADDRESS_1>");
        assertThat(AimsRedactor.create().open().redact("bob@example.org")).isEqualTo("<EMAIL_ADDRESS_1>");
    }

    @Test
    void maskKeepsTheLength() {
        assertThat(session(Operator.MASK).redact("card " + CARD + ".")).isEqualTo("card ****************.");
        AimsRedactor hashes = AimsRedactor.builder().defaultOperator(Operator.MASK).maskChar('#').build();
        assertThat(hashes.open().redact(CARD)).isEqualTo("################");
    }

    @Test
    void hashIsKeyedStableAndPrefixedWithTheType() {
        String a = session(Operator.HASH).redact(EMAIL);
        String b = session(Operator.HASH).redact(EMAIL);
        assertThat(a).isEqualTo(b).matches("<EMAIL_ADDRESS_[a-p]{16}>").doesNotContain(EMAIL);
        String other = AimsRedactor.builder().defaultOperator(Operator.HASH)
                .hashKey("another key of 32 bytes, really!".getBytes(StandardCharsets.US_ASCII)).build().open()
                .redact(EMAIL);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void aHashIsWrittenInLettersSoThatItNeverReadsAsANumber() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        // in hex, one digest in 1,850 is sixteen decimal digits, which read as an account number beside its label:
        // find account numbers whose digest is, and check what the redacted text holds
        String account = null;
        for (long n = 40_000_000_000L; account == null; n++) {
            byte[] h = mac.doFinal(Long.toString(n).getBytes(StandardCharsets.UTF_8));
            boolean digits = true;
            for (int k = 0; k < 8; k++) {
                digits &= ((h[k] >> 4) & 0xf) < 10 && (h[k] & 0xf) < 10;
            }
            account = digits ? Long.toString(n) : null;
        }
        String text = "Jane, account number " + account;
        AimsRedactor redactor = AimsRedactor.builder().defaultOperator(Operator.HASH).hashKey(KEY).build();
        String once = redactor.open().redact(text);
        assertThat(once).matches("Jane, account number <US_BANK_NUMBER_[a-p]{16}>");
        assertThat(redactor.scan(once)).isEmpty();
        assertThat(redactor.open().redact(once)).isEqualTo(once);
        assertThat(redactor.open().redact(text)).isEqualTo(once);
    }

    @Test
    void dropRemovesAndKeepRecordsOnly() {
        assertThat(session(Operator.DROP).redact("mail " + EMAIL + " now")).isEqualTo("mail  now");
        RedactionSession keep = session(Operator.KEEP);
        String text = "mail " + EMAIL + " now";
        assertThat(keep.redact(text)).isSameAs(text);
        assertThat(keep.findings()).singleElement().satisfies(f -> assertThat(f.type()).isEqualTo("EMAIL_ADDRESS"));
    }

    @Test
    void pseudonymsAreRestoredInTheAnswer() {
        RedactionSession s = session(Operator.PSEUDONYMIZE);
        String sent = s.redact("Write to " + EMAIL + " about card " + CARD);
        assertThat(sent).isEqualTo("Write to <EMAIL_ADDRESS_1> about card <CREDIT_CARD_1>");
        String answer = "I wrote to <EMAIL_ADDRESS_1>; <CREDIT_CARD_1> is blocked. <EMAIL_ADDRESS_9> is unknown.";
        assertThat(s.restore(answer)).isEqualTo("I wrote to " + EMAIL + "; " + CARD
                + " is blocked. <EMAIL_ADDRESS_9> is unknown.");
        String untouched = "nothing to restore <b>";
        assertThat(s.restore(untouched)).isSameAs(untouched);
    }

    @Test
    void placeholdersAreNotRestorable() {
        RedactionSession s = session(Operator.PLACEHOLDER);
        s.redact(EMAIL);
        assertThat(s.restore("<EMAIL_ADDRESS_1>")).isEqualTo("<EMAIL_ADDRESS_1>");
    }

    @Test
    void perTypeOperatorsAndOverridesApply() {
        AimsRedactor r = AimsRedactor.builder().operator(EntityTypes.CREDIT_CARD, Operator.MASK).build();
        assertThat(r.open().redact(EMAIL + " " + CARD)).isEqualTo("<EMAIL_ADDRESS_1> ****************");
        assertThat(r.open(Map.of(EntityTypes.EMAIL_ADDRESS, Operator.DROP)).redact(EMAIL + " " + CARD))
                .isEqualTo(" ****************");
    }

    @Test
    void countsAndFindingsAccumulateAcrossTexts() {
        RedactionSession s = session(Operator.PLACEHOLDER);
        s.redact(EMAIL + " " + CARD);
        s.redact("bob@example.org");
        assertThat(s.counts()).containsExactly(Map.entry("CREDIT_CARD", 1), Map.entry("EMAIL_ADDRESS", 2));
        assertThat(s.findings()).hasSize(3);
        assertThat(s.findings().get(2).start()).isZero();
    }

    @Test
    void vaultIsBoundedInSize() {
        RedactionSession s = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).vaultMaxEntries(1).build()
                .open();
        s.redact(EMAIL);
        assertThat(s.redact("again " + EMAIL)).isEqualTo("again <EMAIL_ADDRESS_1>");
        assertThatThrownBy(() -> s.redact("bob@example.org")).isInstanceOf(IllegalStateException.class)
                .hasMessage("pseudonym vault is full: vaultMaxEntries=1");
    }

    @Test
    void vaultIsWipedWhenItsTimeIsUp() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        RedactionSession s = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE)
                .vaultTtl(Duration.ofMinutes(1)).clock(clock).build().open();
        s.redact(EMAIL);
        assertThat(s.restore("<EMAIL_ADDRESS_1>")).isEqualTo(EMAIL);
        now.set(now.get().plusSeconds(61));
        assertThat(s.restore("<EMAIL_ADDRESS_1>")).isEqualTo("<EMAIL_ADDRESS_1>");
        assertThatThrownBy(() -> s.redact("bob@example.org")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void sessionNeverPrintsValues() {
        RedactionSession s = session(Operator.PSEUDONYMIZE);
        s.redact(EMAIL + " " + CARD);
        assertThat(s.toString()).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("jane");
        assertThat(s).isNotInstanceOf(java.io.Serializable.class);
    }

    @Test
    void errorsNeverCarryTheValue() {
        RedactionSession s = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).vaultMaxEntries(1).build()
                .open();
        s.redact(EMAIL);
        assertThatThrownBy(() -> s.redact("bob@example.org")).message().doesNotContain("bob");
    }

    @Test
    void foreignPlaceholdersAreRecognised() {
        RedactionSession s = session(Operator.PSEUDONYMIZE);
        s.redact(EMAIL);
        assertThat(s.hasForeignPlaceholder("hi <EMAIL_ADDRESS_1>")).isFalse();
        assertThat(s.hasForeignPlaceholder("hi <EMAIL_ADDRESS_2>")).isTrue();
        assertThat(s.hasForeignPlaceholder("hi <CREDIT_CARD_1>")).isTrue();
        assertThat(s.hasForeignPlaceholder("hi <b>bold</b> <EMAIL_ADDRESS_x>")).isFalse();
    }

    @Test
    void redactingTwiceChangesNothingTheSecondTime() {
        for (Operator op : new Operator[] {Operator.PLACEHOLDER, Operator.MASK, Operator.HASH, Operator.DROP,
            Operator.PSEUDONYMIZE}) {
            String once = session(op).redact("mail " + EMAIL + ", card " + CARD + ", ip 10.0.0.1");
            assertThat(session(op).redact(once)).as(op.name()).isSameAs(once);
        }
    }

    @Test
    void hashWithoutAKeyIsStableWithinARedactorAndDiffersBetweenRedactors() throws Exception {
        AimsRedactor one = AimsRedactor.builder().defaultOperator(Operator.HASH).build();
        AimsRedactor two = AimsRedactor.builder().defaultOperator(Operator.HASH).build();
        // without a configured key, sessions on several threads all hash with the redactor's one random key
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> hashes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                hashes.add(pool.submit(() -> one.open().redact(EMAIL)));
            }
            String a = hashes.get(0).get();
            for (Future<String> h : hashes) {
                assertThat(h.get()).isEqualTo(a);
            }
            assertThat(a).matches("<EMAIL_ADDRESS_[a-p]{16}>");
            assertThat(two.open().redact(EMAIL)).matches("<EMAIL_ADDRESS_[a-p]{16}>").isNotEqualTo(a);
        } finally {
            pool.shutdownNow();
        }
    }
}
