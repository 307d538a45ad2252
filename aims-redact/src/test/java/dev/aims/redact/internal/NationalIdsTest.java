package dev.aims.redact.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check rules against the examples their issuers publish, and the same numbers with one character changed. */
class NationalIdsTest {
    @Test
    void acceptsThePublishedExamples() {
        assertThat(NationalIds.esNif("12345678Z", 0, 9)).isTrue();
        assertThat(NationalIds.esNie("X1234567L", 0, 9)).isTrue();
        assertThat(NationalIds.itFiscalCode("RSSMRA85T10A562S", 0, 16)).isTrue();
        assertThat(NationalIds.fiPic("131052-308T", 0, 11)).isTrue();
        assertThat(NationalIds.sgNricFin("S1234567D", 0, 9)).isTrue();
        assertThat(NationalIds.auAbn("51 824 753 556", 0, 14)).isTrue();
        assertThat(NationalIds.auTfn("123 456 782", 0, 11)).isTrue();
        assertThat(NationalIds.auMedicare("2123 45670 1", 0, 12)).isTrue();
        assertThat(NationalIds.plPesel("44051401359", 0, 11)).isTrue();
        assertThat(NationalIds.ukNino("QQ 12 34 56 C", 0, 13)).isFalse(); // QQ is the published dummy prefix
        assertThat(NationalIds.ukNino("AB 12 34 56 C", 0, 13)).isTrue();
        assertThat(NationalIds.inPan("ABCPE1234F", 0, 10)).isTrue();
        assertThat(NationalIds.usItin("912-70-1234", 0, 11)).isTrue();
    }

    @Test
    void refusesTheSameNumbersWithACheckCharacterChanged() {
        assertThat(NationalIds.esNif("12345678A", 0, 9)).isFalse();
        assertThat(NationalIds.esNie("X1234567M", 0, 9)).isFalse();
        assertThat(NationalIds.itFiscalCode("RSSMRA85T10A562T", 0, 16)).isFalse();
        assertThat(NationalIds.fiPic("131052-308U", 0, 11)).isFalse();
        assertThat(NationalIds.fiPic("131052Q308T", 0, 11)).isFalse();
        assertThat(NationalIds.sgNricFin("S1234567E", 0, 9)).isFalse();
        assertThat(NationalIds.auAbn("51 824 753 557", 0, 14)).isFalse();
        assertThat(NationalIds.auTfn("123 456 783", 0, 11)).isFalse();
        assertThat(NationalIds.auMedicare("2123 45680 1", 0, 12)).isFalse();
        assertThat(NationalIds.plPesel("44051401358", 0, 11)).isFalse();
        assertThat(NationalIds.plPesel("44131401359", 0, 11)).isFalse(); // month 13
        assertThat(NationalIds.ukNino("AB 12 34 56 E", 0, 13)).isFalse();
        assertThat(NationalIds.ukNino("GB 12 34 56 A", 0, 13)).isFalse();
        assertThat(NationalIds.inPan("ABCZE1234F", 0, 10)).isFalse();
        assertThat(NationalIds.usItin("912-45-1234", 0, 11)).isFalse();
    }

    @Test
    void aadhaarNeedsItsVerhoeffDigit() {
        // 2341 2341 234x: the one check digit that passes, and the next one
        int passing = -1;
        for (int d = 0; d < 10; d++) {
            if (NationalIds.inAadhaar("23412341234" + d, 0, 12)) {
                assertThat(passing).as("only one check digit passes").isEqualTo(-1);
                passing = d;
            }
        }
        assertThat(passing).isBetween(0, 9);
        assertThat(NationalIds.inAadhaar("1341 2341 2346", 0, 14)).isFalse(); // starts with 1
    }
}
