package dev.aims.redact.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidatorsTest {
    private static boolean luhn(String s) {
        return Validators.luhn(s, 0, s.length());
    }

    @Test
    void luhnAcceptsValidNumbersAndSkipsSeparators() {
        assertThat(luhn("4111111111111111")).isTrue();
        assertThat(luhn("4111 1111 1111 1111")).isTrue();
        assertThat(luhn("4111111111111112")).isFalse();
    }

    @Test
    void cardIssuerKnowsPrefixesAndLengths() {
        assertThat(Validators.cardIssuer("4111111111111111", 0, 16)).isTrue();
        assertThat(Validators.cardIssuer("378282246310005", 0, 15)).isTrue();
        assertThat(Validators.cardIssuer("3782822463100051", 0, 16)).as("Amex has 15 digits").isFalse();
        assertThat(Validators.cardIssuer("2221000000000009", 0, 16)).isTrue();
        assertThat(Validators.cardIssuer("1234567890123452", 0, 16)).as("no issuer starts with 1").isFalse();
        assertThat(Validators.cardIssuer("9111111111111111", 0, 16)).isFalse();
    }

    @Test
    void ibanChecksCountryLengthAndMod97() {
        String iban = "DE89 3704 0044 0532 0130 00";
        assertThat(Validators.iban(iban, 0, iban.length())).isTrue();
        assertThat(Validators.iban("DE89370400440532013001", 0, 22)).as("wrong check").isFalse();
        assertThat(Validators.iban("DE8937040044053201300", 0, 21)).as("one short").isFalse();
        assertThat(Validators.iban("QQ89370400440532013000", 0, 22)).as("no such country").isFalse();
        assertThat(Validators.ibanLength('N', 'O')).isEqualTo(15);
        assertThat(Validators.ibanLength('M', 'T')).isEqualTo(31);
    }

    @Test
    void ssnRefusesUnissuedRanges() {
        assertThat(Validators.ssn("536-56-1584", 0, 11)).isTrue();
        for (String bad : new String[] {"000-56-1584", "666-56-1584", "900-56-1584", "536-00-1584", "536-56-0000",
            "123-45-6789", "078-05-1120"}) {
            assertThat(Validators.ssn(bad, 0, 11)).as(bad).isFalse();
        }
    }

    @Test
    void nhsChecksMod11AndRefusesRepdigits() {
        assertThat(Validators.nhs("943 476 5919", 0, 12)).isTrue();
        assertThat(Validators.nhs("943 476 5918", 0, 12)).isFalse();
        assertThat(Validators.nhs("111 111 1111", 0, 12)).isFalse();
    }

    @Test
    void base58CheckVerifiesTheChecksum() {
        String ok = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
        assertThat(Validators.base58Check(ok, 0, ok.length())).isTrue();
        String bad = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3";
        assertThat(Validators.base58Check(bad, 0, bad.length())).isFalse();
        String p2sh = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
        assertThat(Validators.base58Check(p2sh, 0, p2sh.length())).isTrue();
    }

    @Test
    void bech32VerifiesChecksumVersionAndCase() {
        String v0 = "bc1qw508d6qejxtdg4y52mdq5mafutr2df8cpv5x3";
        String realV0 = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
        assertThat(Validators.bech32(realV0, 0, realV0.length())).isTrue();
        assertThat(Validators.bech32(realV0.toUpperCase(), 0, realV0.length())).isTrue();
        assertThat(Validators.bech32(v0, 0, v0.length())).isFalse();
        String mixed = "bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
        assertThat(Validators.bech32(mixed, 0, mixed.length())).isFalse();
        String taproot = "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297";
        assertThat(Validators.bech32(taproot, 0, taproot.length())).isTrue();
    }

    @Test
    void jwtHeaderMustBeJsonWithAlg() {
        String header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        assertThat(Validators.jwtHeader(header, 0, header.length())).isTrue();
        String noAlg = "eyJ0eXAiOiJKV1QifQ";
        assertThat(Validators.jwtHeader(noAlg, 0, noAlg.length())).isFalse();
        String notJson = "aGVsbG8gd29ybGQ";
        assertThat(Validators.jwtHeader(notJson, 0, notJson.length())).isFalse();
    }

    @Test
    void entropyAndDistinctMeasureRandomness() {
        assertThat(Validators.entropy("aaaaaaaa", 0, 8)).isZero();
        assertThat(Validators.entropy("abcdefgh", 0, 8)).isEqualTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Validators.distinct("aabbcc", 0, 6)).isEqualTo(3);
    }
}
