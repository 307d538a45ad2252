package dev.aims.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.Finding;
import dev.aims.api.Operator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AimsRedactorTest {
    private static final AimsRedactor REDACTOR = AimsRedactor.create();

    /** @return "TYPE=value" for each finding */
    private static List<String> found(String text) {
        return REDACTOR.scan(text).stream().map(f -> f.type() + "=" + text.substring(f.start(), f.end()))
                .collect(Collectors.toList());
    }

    static Stream<Arguments> positives() {
        return Stream.of(
                // e-mail
                Arguments.of("write to jane.doe+news@mail.example.co.uk today", "EMAIL_ADDRESS",
                        "jane.doe+news@mail.example.co.uk"),
                Arguments.of("Kontakt: jürgen.müller@beispiel.de.", "EMAIL_ADDRESS", "jürgen.müller@beispiel.de"),
                Arguments.of("<mailto:ops@corp.internal>", "EMAIL_ADDRESS", "ops@corp.internal"),
                // phones
                Arguments.of("call +1 415-555-2671 now", "PHONE_NUMBER", "+1 415-555-2671"),
                Arguments.of("call +14155552671", "PHONE_NUMBER", "+14155552671"),
                Arguments.of("call (415) 555-2671", "PHONE_NUMBER", "(415) 555-2671"),
                Arguments.of("call 415.555.2671", "PHONE_NUMBER", "415.555.2671"),
                Arguments.of("call 1-800-555-0199", "PHONE_NUMBER", "1-800-555-0199"),
                Arguments.of("Tel. +44 20 7946 0958", "PHONE_NUMBER", "+44 20 7946 0958"),
                Arguments.of("Tel. +44 (0)20 7946 0958", "PHONE_NUMBER", "+44 (0)20 7946 0958"),
                Arguments.of("appelez le +33 1 23 45 67 89", "PHONE_NUMBER", "+33 1 23 45 67 89"),
                Arguments.of("appelez le 01 23 45 67 89", "PHONE_NUMBER", "01 23 45 67 89"),
                Arguments.of("Rufnummer 030 12345678", "PHONE_NUMBER", "030 12345678"),
                Arguments.of("Handy 0171/1234567", "PHONE_NUMBER", "0171/1234567"),
                Arguments.of("ring 020 7946 0958", "PHONE_NUMBER", "020 7946 0958"),
                Arguments.of("llame al +34 912 345 678", "PHONE_NUMBER", "+34 912 345 678"),
                Arguments.of("chiamare +39 06 1234 5678", "PHONE_NUMBER", "+39 06 1234 5678"),
                Arguments.of("bel 0031 20 123 4567", "PHONE_NUMBER", "0031 20 123 4567"),
                Arguments.of("phone: 4155552671", "PHONE_NUMBER", "4155552671"),
                // cards of the major issuers, contiguous and grouped
                Arguments.of("visa 4104332181960018.", "CREDIT_CARD", "4104332181960018"),
                Arguments.of("visa 4338908386378", "CREDIT_CARD", "4338908386378"),
                Arguments.of("visa 4940265423511615590", "CREDIT_CARD", "4940265423511615590"),
                Arguments.of("mc 5340 7816 1849 5934", "CREDIT_CARD", "5340 7816 1849 5934"),
                Arguments.of("mc 2720-1034-1316-4754", "CREDIT_CARD", "2720-1034-1316-4754"),
                Arguments.of("amex 3725 534192 83278", "CREDIT_CARD", "3725 534192 83278"),
                Arguments.of("discover 6011648350305645", "CREDIT_CARD", "6011648350305645"),
                Arguments.of("discover 6513953767242388", "CREDIT_CARD", "6513953767242388"),
                Arguments.of("diners 3684 969653 2876", "CREDIT_CARD", "3684 969653 2876"),
                Arguments.of("jcb 3530101226916699", "CREDIT_CARD", "3530101226916699"),
                Arguments.of("unionpay 6278480184514624", "CREDIT_CARD", "6278480184514624"),
                Arguments.of("maestro 6759704828148939", "CREDIT_CARD", "6759704828148939"),
                Arguments.of("mir 2202252880957013", "CREDIT_CARD", "2202252880957013"),
                Arguments.of("year 2024 4104332181960018", "CREDIT_CARD", "4104332181960018"),
                // IBANs of SEPA countries, contiguous and grouped
                Arguments.of("IBAN DE64913619399091699854", "IBAN_CODE", "DE64913619399091699854"),
                Arguments.of("IBAN DE64 9136 1939 9091 6998 54", "IBAN_CODE", "DE64 9136 1939 9091 6998 54"),
                Arguments.of("IBAN:NO2573799650752", "IBAN_CODE", "NO2573799650752"),
                Arguments.of("IBAN MT94NPDN04966319314919058651850", "IBAN_CODE", "MT94NPDN04966319314919058651850"),
                Arguments.of("IBAN HU59 CYHV 0443 6995 7773 8721 4895", "IBAN_CODE",
                        "HU59 CYHV 0443 6995 7773 8721 4895"),
                Arguments.of("IBAN GB50PHGO32260256342160", "IBAN_CODE", "GB50PHGO32260256342160"),
                Arguments.of("IBAN SE5900842710947775204711", "IBAN_CODE", "SE5900842710947775204711"),
                // SSN
                Arguments.of("SSN 536-56-1584", "US_SSN", "536-56-1584"),
                Arguments.of("SSN 536 56 1584", "US_SSN", "536 56 1584"),
                Arguments.of("social security number 536561584", "US_SSN", "536561584"),
                // IP
                Arguments.of("from 10.0.0.1:8080", "IP_ADDRESS", "10.0.0.1"),
                Arguments.of("host 2001:db8::8a2e:370:7334", "IP_ADDRESS", "2001:db8::8a2e:370:7334"),
                Arguments.of("host fe80::1 up", "IP_ADDRESS", "fe80::1"),
                Arguments.of("host ::ffff:192.0.2.128 up", "IP_ADDRESS", "::ffff:192.0.2.128"),
                Arguments.of("host 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "IP_ADDRESS",
                        "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
                // MAC
                Arguments.of("mac 00:1A:2b:3C:4d:5E", "MAC_ADDRESS", "00:1A:2b:3C:4d:5E"),
                Arguments.of("mac AA-1A-2B-3C-4D-5E", "MAC_ADDRESS", "AA-1A-2B-3C-4D-5E"),
                Arguments.of("mac 001a.2b3c.4d5e", "MAC_ADDRESS", "001a.2b3c.4d5e"),
                // NHS
                Arguments.of("NHS 594 013 9906", "UK_NHS", "594 013 9906"),
                Arguments.of("NHS number 4902787423", "UK_NHS", "4902787423"),
                // crypto
                Arguments.of("pay 1GbiioFnw6ZUfKw3tHEsTXg4VB8bDz69rR", "CRYPTO", "1GbiioFnw6ZUfKw3tHEsTXg4VB8bDz69rR"),
                Arguments.of("pay 39BDEkMqxEBmtPMiY5jsvf3S5tLYunpMUK", "CRYPTO", "39BDEkMqxEBmtPMiY5jsvf3S5tLYunpMUK"),
                Arguments.of("pay bc1qc9l6quwzp56yfrppa4yhpcdj0s0s07dp0a2pce", "CRYPTO",
                        "bc1qc9l6quwzp56yfrppa4yhpcdj0s0s07dp0a2pce"),
                Arguments.of("pay bc1plfuruaydy43rp6ues2l7zgkaz9rvtjk6dft7ljvpgnfqqj9efntqtz7679", "CRYPTO",
                        "bc1plfuruaydy43rp6ues2l7zgkaz9rvtjk6dft7ljvpgnfqqj9efntqtz7679"),
                // vendor secrets
                Arguments.of("key AKIA5RBQQ24IRDDAZ7Y2", "AWS_ACCESS_KEY_ID", "AKIA5RBQQ24IRDDAZ7Y2"),
                Arguments.of("t=ghp_59Jm1sTZnsKMRBRM5q1lzuaxzh0WcUplYl1r", "GITHUB_TOKEN",
                        "ghp_59Jm1sTZnsKMRBRM5q1lzuaxzh0WcUplYl1r"),
                Arguments.of("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", "OPENAI_API_KEY",
                        "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"),
                Arguments.of("sk-ant-api03-cmI9Yv8yNQ0sjRSuVSe8c4OOFXpH4AnDgcUbSfLEeV6Fjoj5sjLszAB4O-AA",
                        "ANTHROPIC_API_KEY", "sk-ant-api03-cmI9Yv8yNQ0sjRSuVSe8c4OOFXpH4AnDgcUbSfLEeV6Fjoj5sjLs"
                                + "zAB4O-AA"),
                Arguments.of("xoxb-94406422255-211611561799-DXyQGZ0s6jjH0g8qbDzZOTVY", "SLACK_TOKEN",
                        "xoxb-94406422255-211611561799-DXyQGZ0s6jjH0g8qbDzZOTVY"),
                Arguments.of("rk_live_LdnESFiagbqZkv53PNNh8fO3ZfOgPbdPcs", "STRIPE_API_KEY",
                        "rk_live_LdnESFiagbqZkv53PNNh8fO3ZfOgPbdPcs"),
                Arguments.of("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "STRIPE_API_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"),
                Arguments.of("AIzaYXz_JUtHJwkURsHGGSXJ7btqGCzjz2Er6Yz", "GOOGLE_API_KEY",
                        "AIzaYXz_JUtHJwkURsHGGSXJ7btqGCzjz2Er6Yz"),
                Arguments.of("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6I"
                        + "kphbmUifQ"
                        + ".lpT_qH3dJnKJe1hVjcOLYHTuUt4w-7I9kmI728ZpC1E", "JWT",
                        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ"
                        + ".lpT_qH3dJnKJe1hVjcOLYHTuUt4w-7I9kmI728ZpC1E"),
                Arguments.of("x -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- y",
                        "PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE"
                                + " KEY-----"),
                // generic secrets
                Arguments.of("DB_PASSWORD=Tr0ub4dor&3x", "GENERIC_SECRET", "Tr0ub4dor&3x"),
                Arguments.of("{\"client_secret\": \"9f8e7d6c5b4a3f2e1d0c\"}", "GENERIC_SECRET", "9f8e7d6c5b4a3f2e1d0c"),
                Arguments.of("api-key: q8Zr2Lm4Np6Vt0Xw", "GENERIC_SECRET", "q8Zr2Lm4Np6Vt0Xw"),
                Arguments.of("Authorization: Basic dXNlcjpwYXNzd29yZA==", "GENERIC_SECRET", "dXNlcjpwYXNzd29yZA=="),
                Arguments.of("passwort := 'S3hrG3heim!'", "GENERIC_SECRET", "S3hrG3heim!"),
                Arguments.of("<password>Zx9!kq2#Lm</password>", "GENERIC_SECRET", "Zx9!kq2#Lm"),
                Arguments.of("postgres://admin:s3cr3tPw@db.example.com:5432/app", "URL",
                        "postgres://admin:s3cr3tPw@db.example.com:5432/app"));
    }

    @ParameterizedTest
    @MethodSource("positives")
    void findsEachTypeByItsRules(String text, String type, String value) {
        assertThat(found(text)).contains(type + "=" + value);
    }

    static Stream<String> lookAlikes() {
        return Stream.of(
                "id 48899002-469c-4bb0-9865-1e7c7a8ec567 done",
                "commit 71472efd7957c226c83ae350268abc10a315b88f",
                "version v3.16.1 and 1.2.3",
                "on 2024-03-11T10:22:01Z and 11/03/2024 and 1994-12-03",
                "price $237,575.82 or EUR 1.234,56",
                "order ORD-2024-982219",
                "luhn fails 4655 7444 9841 0981 and 4111111111111112",
                "iban wrong check DE65913619399091699854 and CH7424769447777180135",
                "ssn 000-12-3456 666-12-3456 912-34-5678 123-00-4567 123-45-0000",
                "ip 256.1.1.1 and 786.223.135.3 and 1.2.3.4.5",
                "placeholders sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx AKIAIOSFODNN7EXAMPLE "
                        + "<OPENAI_API_KEY>",
                "password=your-api-key-here token=${API_TOKEN} secret: <KEY> api_key=xxxxxxxxxxxx",
                "max_tokens=4096 token_count: 123456789 password_policy: \"at least 12 chars\"",
                "short runs 1234 12345 123456 1234567 and 555-0100",
                "nhs-like 123 456 7890 fails mod 11",
                "a time 12:30:45 and C++ std::vector and a ratio 16:9",
                "call me maybe, see section 4.2.1 of RFC 5322",
                "ghp_short and sk-learn and xoxb-notatoken",
                "2x retina icon@2x.png and @mention and user@localhost",
                "jwt-like eyJub3RhbGciOiJ4In0.eyJzdWIiOiIxIn0.abc",
                "module a::b::c and const apiKey = process.env.API_KEY;");
    }

    @ParameterizedTest
    @MethodSource("lookAlikes")
    void leavesLookAlikesAlone(String text) {
        assertThat(found(text)).isEmpty();
    }

    @Test
    void cleanTextComesBackAsTheSameInstance() {
        String text = "Nothing sensitive here: please list three ideas for a team offsite in spring.";
        assertThat(REDACTOR.open().redact(text)).isSameAs(text);
        assertThat(REDACTOR.scan(text)).isEmpty();
    }

    @Test
    void privateKeySwallowsWhatIsInside() {
        String text = "-----BEGIN PRIVATE KEY-----\nuser@example.com 10.0.0.1\n-----END PRIVATE KEY-----";
        List<Finding> f = REDACTOR.scan(text);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.type()).isEqualTo("PRIVATE_KEY");
            assertThat(x.start()).isZero();
            assertThat(x.end()).isEqualTo(text.length());
        });
    }

    @Test
    void privateKeyWithoutEndLineStillCoversTheBody() {
        String text = "key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQyNTUxOQAAACD\n\nthanks";
        assertThat(found(text)).singleElement().asString().startsWith("PRIVATE_KEY=-----BEGIN")
                .endsWith("QyNTUxOQAAACD");
    }

    @Test
    void vendorSecretAbsorbsTheGenericAssignmentAroundIt() {
        assertThat(found("OPENAI_API_KEY=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"))
                .containsExactly("OPENAI_API_KEY=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");
    }

    @Test
    void evasionsDoNotHideEntitiesAndOffsetsMapBack() {
        String fullWidth = "card ４１０４３３２１８１９６００１８ ok";
        assertThat(found(fullWidth)).containsExactly("CREDIT_CARD=４１０４３３２１８１９６００１８");
        String nbsp = "card 5340\u00a07816\u20091849\u202f5934 ok";
        assertThat(found(nbsp)).containsExactly("CREDIT_CARD=5340\u00a07816\u20091849\u202f5934");
        String zeroWidth = "mail jane\u200b.doe@exam\u200dple.com now";
        assertThat(found(zeroWidth)).containsExactly("EMAIL_ADDRESS=jane\u200b.doe@exam\u200dple.com");
        String fullWidthLetters = "ＡＫＩＡ５ＲＢＱＱ２４ＩＲＤＤＡＺ７Ｙ２";
        assertThat(found(fullWidthLetters)).containsExactly("AWS_ACCESS_KEY_ID=" + fullWidthLetters);
    }

    @Test
    void numbersFormEncodedInAUrlsQueryAreFoundWhole() {
        String url = "https://files.example/scan?note=card+4111+1111+1111+1111+iban+DE89+3704+0044+0532+0130+00"
                + "+nhs+943+476+5919";
        assertThat(found(url)).containsExactly("CREDIT_CARD=4111+1111+1111+1111",
                "IBAN_CODE=DE89+3704+0044+0532+0130+00", "UK_NHS=943+476+5919");
    }

    @Test
    void typesRestrictsTheDetectors() {
        AimsRedactor emailOnly = AimsRedactor.builder().types(EntityTypes.EMAIL_ADDRESS).build();
        List<Finding> f = emailOnly.scan("a@b.com 4104332181960018");
        assertThat(f).extracting(Finding::type).containsExactly("EMAIL_ADDRESS");
    }

    @Test
    void disableTurnsOneTypeOff() {
        AimsRedactor noCards = AimsRedactor.builder().disable(EntityTypes.CREDIT_CARD).build();
        assertThat(noCards.scan("a@b.com 4104332181960018")).extracting(Finding::type)
                .containsExactly("EMAIL_ADDRESS");
    }

    @Test
    void dictionaryFindsWholeWordsInAnyCase() {
        AimsRedactor r = AimsRedactor.builder().dictionary("PROJECT", List.of("Falcon", "Blue Harbor")).build();
        String text = "FALCON and blue harbor, not Falconry or the harbor";
        assertThat(r.scan(text)).extracting(f -> text.substring(f.start(), f.end()))
                .containsExactly("FALCON", "blue harbor");
        assertThat(r.scan(text)).extracting(Finding::type).containsOnly("PROJECT");
    }

    @Test
    void userPatternFindsLongestMatches() {
        AimsRedactor r = AimsRedactor.builder().pattern("CUSTOMER_ID", "CUST-\\d{4,8}").build();
        String text = "cases CUST-1234 and CUST-12345678 and CUST-12";
        assertThat(r.scan(text)).extracting(f -> text.substring(f.start(), f.end()))
                .containsExactly("CUST-1234", "CUST-12345678");
    }

    @Test
    void unsafePatternIsRefusedNamingIt() {
        assertThatThrownBy(() -> AimsRedactor.builder().pattern("X", "(a+)\\1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(a+)\\1")
                .hasMessageContaining("back-reference");
        assertThatThrownBy(() -> AimsRedactor.builder().pattern("X", "foo(?=bar)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("look-ahead");
    }

    @Test
    void types_unknownName() {
        assertThatThrownBy(() -> AimsRedactor.builder().types("EMAIL"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was 'EMAIL'");
    }

    @Test
    void types_twice() {
        assertThatThrownBy(() -> AimsRedactor.builder().types("JWT").types("CRYPTO"))
                .isInstanceOf(IllegalStateException.class).hasMessage("types was already set to [JWT]");
    }

    @Test
    void defaultOperator_twice() {
        assertThatThrownBy(() -> AimsRedactor.builder().defaultOperator(Operator.MASK).defaultOperator(Operator.DROP))
                .isInstanceOf(IllegalStateException.class).hasMessage("defaultOperator was already set to MASK");
    }

    @Test
    void operator_twiceForOneType() {
        assertThatThrownBy(() -> AimsRedactor.builder().operator("JWT", Operator.MASK).operator("JWT", Operator.DROP))
                .isInstanceOf(IllegalStateException.class).hasMessage("operator for JWT was already set to MASK");
    }

    @Test
    void hashKey_tooShort() {
        assertThatThrownBy(() -> AimsRedactor.builder().hashKey(new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("hashKey must be at least 16 bytes, "
                        + "but was 4 bytes");
    }

    @Test
    void maskChar_letter() {
        assertThatThrownBy(() -> AimsRedactor.builder().maskChar('x'))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was U+0078");
    }

    @Test
    void vaultMaxEntries_notPositive() {
        assertThatThrownBy(() -> AimsRedactor.builder().vaultMaxEntries(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("vaultMaxEntries must be positive, but was 0");
    }

    @Test
    void dictionary_builtInName() {
        assertThatThrownBy(() -> AimsRedactor.builder().dictionary("JWT", List.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was 'JWT'");
    }

    @Test
    void dictionary_blankTerm() {
        assertThatThrownBy(() -> AimsRedactor.builder().dictionary("PROJECT", List.of("ok", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dictionary PROJECT term [1] must not "
                        + "be blank");
    }

    @Test
    void openIgnoresAnOverrideForATypeItDoesNotDetect() {
        String text = "mail bob.jones@example.org";

        String out = REDACTOR.open(java.util.Map.of("PROJECT_CODE", Operator.KEEP)).redact(text);

        assertThat(out).isEqualTo("mail <EMAIL_ADDRESS_1>");
    }

    @Test
    void hashWithoutAConfiguredKeyIsStableWithinTheRedactorOnly() {
        String text = "mail bob.jones@example.org";
        AimsRedactor one = AimsRedactor.builder().operator("EMAIL_ADDRESS", Operator.HASH).build();
        AimsRedactor two = AimsRedactor.builder().operator("EMAIL_ADDRESS", Operator.HASH).build();

        String first = one.open().redact(text);

        assertThat(first).startsWith("mail <EMAIL_ADDRESS_").doesNotContain("bob.jones");
        assertThat(one.open().redact(text)).isEqualTo(first);
        assertThat(two.open().redact(text)).isNotEqualTo(first);
        assertThat(REDACTOR.open(java.util.Map.of("JWT", Operator.HASH))).isNotNull();
    }

    @Test
    void anEscapeAfterAFindingsStartStillSendsTheTextToTheNormalisedView() {
        // the URL detector reads past the escape; the normalised view must be chosen before any detector runs
        String url = "mongodb+srv://admin:Sxv!I@cluster0.abcde.mongodb.net/test?retryWrites=tru&#101;";
        String text = "\"17\"\t\"" + url + "\"\t\"ok\"";
        assertThat(REDACTOR.scan(text)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("URL");
            assertThat(text.substring(f.start(), f.end())).isEqualTo(url);
        });
    }

    @Test
    void aHexKeyWithFiveEqualLettersIsNoPlaceholder() {
        // the six letters of a hex body are as frequent as its digits: a real key holds a run of five now and then
        assertThat(found("twilio: SK3f9a1ccccc7b2e4d8a6f0e1b2c3d4e5f ok")).singleElement().asString()
                .isEqualTo("TWILIO_API_KEY=SK3f9a1ccccc7b2e4d8a6f0e1b2c3d4e5f");
        assertThat(found("twilio: SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ok")).isEmpty();
        String atlassian = "ATATT3yt7rh6obEwSzBJ5v8elpE8kFPvrOkA6FcQlCh-MOw1KXKqaW0mFZCvN9Nt00kvKcVMCtaV7cqSE0cUiLVscylXnV"
                + "-guDQmPqLVz4aqeh5MI_DuOFFhr6AmIOgEGImxNclBRY9awr--Brdd-Ki7TrZ7rRhS939-XO5TfknP35mmEi6-Vsj-=7DCAAAAA";
        assertThat(found("17,Jane Roe," + atlassian + ",ok")).contains("ATLASSIAN_API_TOKEN=" + atlassian);
        String project = "sk-proj-_m9XpCxbt3SeG9Az02R80uSQDqNMW8NlZsqa84V3aVEBEp-GuAgfgxg_65Ejx8lf1go5e1k8kytbK4FK0hkxxxxaQ"
                + "cYY1LTgDW0mhiq7OaCQBl-X8wuVxTew";
        assertThat(found("17,Jane Roe," + project + ",ok")).containsExactly("OPENAI_API_KEY=" + project);
        assertThat(found("like sk-proj-" + "x".repeat(100) + " in the docs")).isEmpty();
        assertThat(found("aws_access_key_id,AKIAOSXXXXXVRIQ7OJ1J,ok")).contains("AWS_ACCESS_KEY_ID=AKIAOSXXXXXVRIQ7OJ1J");
        assertThat(found("like AKIAXXXXXXXXXXXXXXXX in the docs")).isEmpty();
    }

    @Test
    void aFinnishPicKeepsItsCenturySignInAUrlsQuery() {
        // in a query the normalised view reads + between digits as the space it encodes; the PIC's own + stays
        String text = "GET https://shop.example.net/api?henkil\u00f6tunnus=171016+7102&lang=en HTTP/1.1";
        assertThat(REDACTOR.open().redact(text)).doesNotContain("171016").doesNotContain("7102");
        assertThat(REDACTOR.scan("https://x.example/?n=171016+7103")).noneMatch(f -> f.type().equals("FI_PIC"));
    }

    @Test
    void aPasswordHoldingWhatReadsAsAnEscapeIsTakenWhole() {
        // decoded, %3c is '<', which ends an assignment value: the value is also read as written
        String text = "id,name,password,note\n17,Jane Roe,password=us2o%3cS0WSfPn,ok\n";
        assertThat(found(text)).containsExactly("GENERIC_SECRET=us2o%3cS0WSfPn");
        assertThat(found("pass: x%40y.example and password=hunter2%26Z9q")).contains("GENERIC_SECRET=hunter2%26Z9q");
        assertThat(found("password=&#50;aO%0Ar2kV9KVD,ok")).containsExactly("GENERIC_SECRET=&#50;aO%0Ar2kV9KVD");
        assertThat(found("{\"password\": \"ab\\u0022cd9Qz!x\"}")).containsExactly("GENERIC_SECRET=ab\\u0022cd9Qz!x");
    }
}
