package dev.aims.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.Finding;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the redactor over arbitrary Unicode, surrogate halves and control characters included. */
class AimsRedactorPropertiesTest {
    private static final AimsRedactor REDACTOR = AimsRedactor.builder()
            .dictionary("PROJECT", List.of("Falcon", "Blue Harbor"))
            .pattern("TICKET", "T-\\d{3,6}")
            .build();

    /** One valid value of each built-in type, with the type it must be found as. */
    private static final String[][] VALUES = {
        {"EMAIL_ADDRESS", "jane.doe@example.co.uk"},
        {"PHONE_NUMBER", "+44 20 7946 0958"},
        {"PHONE_NUMBER", "(415) 555-2671"},
        {"CREDIT_CARD", "5340 7816 1849 5934"},
        {"CREDIT_CARD", "4104332181960018"},
        {"IBAN_CODE", "DE64 9136 1939 9091 6998 54"},
        {"IBAN_CODE", "FR0668011280598262045053315"},
        {"US_SSN", "536-56-1584"},
        {"IP_ADDRESS", "192.168.10.254"},
        {"IP_ADDRESS", "2001:db8::8a2e:370:7334"},
        {"MAC_ADDRESS", "00:1A:2B:3C:4D:5E"},
        {"UK_NHS", "594 013 9906"},
        {"CRYPTO", "1GbiioFnw6ZUfKw3tHEsTXg4VB8bDz69rR"},
        {"CRYPTO", "bc1qc9l6quwzp56yfrppa4yhpcdj0s0s07dp0a2pce"},
        {"AWS_ACCESS_KEY_ID", "AKIA5RBQQ24IRDDAZ7Y2"},
        {"GITHUB_TOKEN", "ghp_59Jm1sTZnsKMRBRM5q1lzuaxzh0WcUplYl1r"},
        {"OPENAI_API_KEY", "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"},
        {"ANTHROPIC_API_KEY", "sk-ant-api03-cmI9Yv8yNQ0sjRSuVSe8c4OOFXpH4AnDgcUbSfLEeV6Fjoj5sjLszAB4O-AA"},
        {"SLACK_TOKEN", "xoxb-94406422255-211611561799-DXyQGZ0s6jjH0g8qbDzZOTVY"},
        {"STRIPE_API_KEY", "rk_live_LdnESFiagbqZkv53PNNh8fO3ZfOgPbdPcs"},
        {"GOOGLE_API_KEY", "AIzaYXz_JUtHJwkURsHGGSXJ7btqGCzjz2Er6Yz"},
        {"JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ"
            + ".lpT_qH3dJnKJe1hVjcOLYHTuUt4w-7I9kmI728ZpC1E"},
        {"PRIVATE_KEY", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5\n"
            + "-----END EC PRIVATE KEY-----"},
        {"PROJECT", "Blue Harbor"},
        {"TICKET", "T-40412"},
    };

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> tricky = Arbitraries.strings()
                .withChars(" \n\t0123456789-+().:=@/_<>abcdefxyzABCDEFXYZ\u00a0\u2009\u200b\uff10\uff19\ud83d\ude00")
                .ofMaxLength(200);
        return Arbitraries.oneOf(anyUnicode, tricky);
    }

    @Property(tries = 400)
    void findingsStayInsideTheTextInOrderWithoutOverlap(@ForAll("texts") String text) {
        List<Finding> findings = REDACTOR.scan(text);
        int last = 0;
        for (Finding f : findings) {
            assertThat(f.start()).isGreaterThanOrEqualTo(last);
            assertThat(f.end()).isLessThanOrEqualTo(text.length()).isGreaterThan(f.start());
            last = f.end();
        }
    }

    @Property(tries = 400)
    void redactingTwiceChangesNothingTheSecondTime(@ForAll("texts") String text) {
        String once = REDACTOR.open().redact(text);
        assertThat(REDACTOR.open().redact(once)).isEqualTo(once);
    }

    @Property(tries = 400)
    void aValidValueEmbeddedAnywhereIsFound(@ForAll("texts") String before, @ForAll("texts") String after,
            @ForAll("valueIndex") int which) {
        String type = VALUES[which][0];
        String value = VALUES[which][1];
        String text = before + "\n" + value + "\n" + after;
        int start = before.length() + 1;
        int end = start + value.length();
        assertThat(REDACTOR.scan(text)).as(type + " in %s", text).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.start()).isLessThanOrEqualTo(start);
            assertThat(f.end()).isGreaterThanOrEqualTo(end);
        });
        assertThat(REDACTOR.open().redact(text)).doesNotContain(value);
    }

    @Provide
    Arbitrary<Integer> valueIndex() {
        return Arbitraries.integers().between(0, VALUES.length - 1);
    }
}
