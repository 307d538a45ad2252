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

    @Test
    void decodesUrlJsonAndHtmlEscapesAndMapsEachBackToTheWholeEscape() {
        String s = "a%40b\\u0040c&#64;d&#x40;e&commat;f";
        Evasion.Folded f = Evasion.fold(s);
        assertThat(f.text()).isEqualTo("a@b@c@d@e@f");
        assertThat(f.start(1)).isEqualTo(1);
        assertThat(f.end(2)).isEqualTo(4);
        assertThat(f.start(3)).isEqualTo(s.indexOf("\\u0040"));
        assertThat(f.end(4)).isEqualTo(s.indexOf("\\u0040") + 6);
        assertThat(f.end(10)).isEqualTo(s.indexOf("&commat;") + 8);
    }

    @Test
    void aPlusBetweenDigitsInAUrlsQueryIsASpace() {
        String s = "https://x.example/pay?card=4111+1111+1111+1111&phone=+44+20+7946+0958";
        assertThat(Evasion.firstTrigger(s)).isEqualTo(s.indexOf("4111+") + 4);
        assertThat(Evasion.fold(s).text())
                .isEqualTo("https://x.example/pay?card=4111 1111 1111 1111&phone=+44 20 7946 0958");
    }

    @Test
    void aPlusOutsideAQueryOrNotBetweenDigitsStays() {
        assertThat(Evasion.firstTrigger("1+1=2, 4111+1111+1111+1111 and https://x.example/a+b?q=1")).isEqualTo(-1);
        assertThat(Evasion.firstTrigger("https://x.example/?to=jane.doe+tag@corp.example")).isEqualTo(-1);
        assertThat(Evasion.firstTrigger("what? 12+34")).isEqualTo(-1);
        assertThat(Evasion.firstTrigger("\"a?b\" 12+34")).isEqualTo(-1);
        // escaped for another reason: the plus outside a query is kept in the normalised view
        assertThat(Evasion.fold("a%40b 4111+1111 ?q=1+2").text()).isEqualTo("a@b 4111+1111 ?q=1 2");
    }

    @Test
    void manyPlusesBeforeAQueryDoNotHideIt() {
        String s = "1+".repeat(200_000) + "?q=4111+1111";
        assertThat(Evasion.firstTrigger(s)).isEqualTo(s.length() - 5);
    }

    @Test
    void leavesControlCharactersAndNonAsciiPercentEscapesAlone() {
        assertThat(Evasion.fold("a%0bb%C3%A9c%41").text()).isEqualTo("a%0bb%C3%A9cA");
        assertThat(Evasion.fold("x%0Ay").text()).isEqualTo("x\ny");
    }

    @Test
    void dropsEveryKindOfDefaultIgnorableCharacter() {
        String s = "4\u200e1\u20621\u034f1\u180e1\ufe0f1\u00ad1\u2060\udb40\udc411\u3164!";
        assertThat(Evasion.fold(s).text()).isEqualTo("41111111!");
    }

    @Test
    void foldsMathematicalAndSuperscriptDigits() {
        assertThat(Evasion.fold("\ud835\udfcf\u00b2\u2083").text()).isEqualTo("123");
    }
}
