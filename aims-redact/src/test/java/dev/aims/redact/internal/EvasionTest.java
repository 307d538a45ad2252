package dev.aims.redact.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvasionTest {
    @Test
    void foldsFullWidthSpacesDashesAndDigitsOfOtherScripts() {
        assertThat(Evasion.fold("４１\u00a0ＡＢ\u2013\u0663\u0664").text()).isEqualTo("41 AB-34");
    }

    @Test
    void dropsZeroWidthCharactersAndMapsOffsetsBack() {
        String s = "a\u200bb\u200dc";
        Evasion.Folded f = Evasion.fold(s);
        assertThat(f.text()).isEqualTo("abc");
        assertThat(f.start(1)).isEqualTo(2);
        assertThat(f.end(3)).isEqualTo(5);
    }

    @Test
    void foldsSupplementaryDigitsToOneCharacter() {
        String s = "x\ud835\udfcf\ud835\udfd0y"; // mathematical bold digits 1 and 2
        Evasion.Folded f = Evasion.fold(s);
        assertThat(f.text()).isEqualTo("x12y");
        assertThat(f.end(3)).isEqualTo(5);
        assertThat(f.start(3)).isEqualTo(5);
    }

    @Test
    void aNoBreakSpaceBetweenWordsIsNoEvasion() {
        String s = "Bonjour\u00a0: merci";
        assertThat(Evasion.hides(s, 7, s.charAt(7))).isFalse();
        String n = "4111\u00a01111";
        assertThat(Evasion.hides(n, 4, n.charAt(4))).isTrue();
    }
}
