package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.RedactionSession;
import dev.aims.redact.AimsRedactor;
import org.junit.jupiter.api.Test;

/** The seeded values are ones the built-in redactor finds: a leak test with values it misses would prove nothing. */
class SeedsTest {
    @Test
    void everySeededValueIsFoundAsItsTypeByTheBuiltInRedactor() {
        AimsRedactor redactor = AimsRedactor.create();
        Seeds.VALUES.forEach((type, value) -> {
            RedactionSession s = redactor.open();
            String out = s.redact("note: " + value + " (kept on file)");
            assertThat(s.counts()).as(type).containsKey(type);
            assertThat(Seeds.found(type, out)).isEmpty();
        });
    }

    @Test
    void theSeededTextIsRedactedWhole() {
        RedactionSession s = AimsRedactor.create().open();

        String out = s.redact(Seeds.ALL);

        assertThat(Seeds.found("seeded text", out)).isEmpty();
        assertThat(s.counts().keySet()).containsAll(Seeds.VALUES.keySet());
    }

    @Test
    void theSearchFindsEachValueAsWrittenCompactOrEscaped() {
        assertThat(Seeds.found("x", "card 4111111111111111")).isNotEmpty();
        assertThat(Seeds.found("x", "{\"k\":\"-----BEGIN PRIVATE KEY-----\\n" + Seeds.PEM_BODY)).isNotEmpty();
        assertThat(Seeds.found("x", "JANE.DOE@CORP.EXAMPLE")).isNotEmpty();
        assertThat(Seeds.found("x", "<EMAIL_ADDRESS_1> <CREDIT_CARD_1>")).isEmpty();
    }
}
