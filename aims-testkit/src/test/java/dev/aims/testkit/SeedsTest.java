package dev.aims.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.Finding;
import dev.aims.api.RedactionSession;
import dev.aims.redact.AimsRedactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seeded values are ones the built-in redactor finds — a leak test with values it misses would prove nothing —
 * and the search finds each of them in every spelling it claims, and nothing in redacted text.
 */
class SeedsTest {
    @Test
    void everySeededValueIsFoundAsItsTypeByTheBuiltInRedactor() {
        AimsRedactor redactor = AimsRedactor.create();
        Seeds.byType().forEach((type, value) -> {
            RedactionSession s = redactor.open();
            String out = s.redact("note: " + value + " (kept on file)");
            assertThat(s.counts()).as(type).containsKey(type);
            assertThat(Seeds.foundIn(type, out)).as(type).isEmpty();
        });
    }

    @Test
    void theSeededTextIsRedactedWhole() {
        RedactionSession s = AimsRedactor.create().open();

        String out = s.redact(Seeds.all());

        assertThat(Seeds.foundIn("seeded text", out)).isEmpty();
        assertThat(s.counts().keySet()).containsAll(Seeds.types());
    }

    @Test
    void everyValueAURLHoldsAsWrittenIsFoundThere() {
        String url = Seeds.url("https://files.example.org/scan.png");

        assertThat(AimsRedactor.create().scan(url)).extracting(Finding::type)
                .containsAll(Seeds.inUrls().values());
        assertThat(url).startsWith("https://files.example.org/scan.png?email_address=jane.doe@corp.example&");
    }

    @Test
    void theSearchFindsEachValueInEverySpellingAndNamesOnlyItsType() {
        assertThat(Seeds.foundIn("x", "card 4111111111111111")).containsExactly("CREDIT_CARD in x at offset 5");
        assertThat(typesIn("{\"k\":\"-----BEGIN PRIVATE KEY-----\\n" + Seeds.PEM_BODY)).containsExactly("PRIVATE_KEY");
        assertThat(typesIn("a key's body alone: " + Seeds.PEM_BODY)).containsExactly("PRIVATE_KEY");
        assertThat(Seeds.foundIn("x", "JANE.DOE@CORP.EXAMPLE")).containsExactly("EMAIL_ADDRESS in x at offset 0");
        assertThat(typesIn("to: jane.doe%40corp.example")).containsExactly("EMAIL_ADDRESS");
        assertThat(typesIn("to: jane.doe")).containsExactly("EMAIL_ADDRESS");
        assertThat(typesIn("q=%2B44+20+7946+0958")).containsExactly("PHONE_NUMBER");
        assertThat(typesIn("q=%2B44%2020%207946%200958")).containsExactly("PHONE_NUMBER");
        assertThat(typesIn("ssn 536224187")).containsExactly("US_SSN");
        assertThat(typesIn("iban DE89370400440532013000")).containsExactly("IBAN_CODE");
        assertThat(typesIn("mac 00-1a-2b-3c-4d-5e")).containsExactly("MAC_ADDRESS");
        assertThat(typesIn("secret Qy6k1qJAH4DxD%25")).containsExactly("GENERIC_SECRET");
        assertThat(typesIn("html Qy6k1qJAH4DxD&#37;")).containsExactly("GENERIC_SECRET");
        String jwt = Seeds.byType().get("JWT");
        assertThat(typesIn("a JWT's middle " + jwt.split("\\.")[1])).containsExactly("JWT");
        assertThat(typesIn("<EMAIL_ADDRESS_1> <CREDIT_CARD_1> <PRIVATE_KEY_1>")).isEmpty();
    }

    static List<String> typesIn(String text) {
        List<String> types = new ArrayList<>();
        for (String hit : Seeds.foundIn("x", text)) {
            assertThat(hit).contains(" in x at offset ").doesNotContainIgnoringCase(text.substring(2));
            types.add(hit.substring(0, hit.indexOf(' ')));
        }
        return types;
    }

    @Test
    void furtherStringsAreNamedByPositionNotByValue() {
        assertThat(Seeds.foundIn("log", "user Rita.Ortega@corp.example", "nobody", "rita.ortega@corp.example"))
                .containsExactly("more[1] in log at offset 5");
    }

    @Test
    void everyTypeHasSpellingsAndEverySpellingBelongsToASeededType() {
        assertThat(Seeds.types()).hasSize(19);
        assertThat(Seeds.needles()).allSatisfy(n -> assertThat(n).isLowerCase().hasSizeGreaterThanOrEqualTo(8));
        for (Map.Entry<String, String> e : Seeds.byType().entrySet()) {
            assertThat(Seeds.foundIn("x", e.getValue())).as(e.getKey()).isNotEmpty()
                    .allSatisfy(hit -> assertThat(hit).startsWith(e.getKey() + " in x"));
        }
    }
}
