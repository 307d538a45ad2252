package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamHoldBackTest {
    static StringBuilder prose(int chars) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < chars) {
            sb.append("word ");
        }
        sb.setLength(chars);
        return sb;
    }

    @Test
    void textShorterThanTheWindowIsHeldWhole() {
        assertThat(StreamHoldBack.releasable(prose(StreamHoldBack.WINDOW), 0)).isZero();
    }

    @Test
    void proseIsReleasedOneWindowBehind() {
        StringBuilder text = prose(1000);
        text.append(' ');

        assertThat(StreamHoldBack.releasable(text, 0)).isEqualTo(text.length() - StreamHoldBack.WINDOW);
    }

    @Test
    void aTrailingRunWithoutWhitespaceIsHeldFromItsStart() {
        StringBuilder text = prose(400).append(' ');
        int tokenStart = text.length();
        text.append("eyJhbGciOiJIUzI1NiJ9.".repeat(20));

        assertThat(StreamHoldBack.releasable(text, 0)).isEqualTo(tokenStart);
    }

    @Test
    void aRunLongerThanItsCapIsHeldOnlyUpToTheCap() {
        StringBuilder text = prose(100).append(' ').append("x".repeat(StreamHoldBack.MAX_RUN + 500));

        assertThat(StreamHoldBack.releasable(text, 0)).isEqualTo(text.length() - StreamHoldBack.MAX_RUN);
    }

    @Test
    void anUnterminatedPemBlockIsHeldFromItsBegin() {
        StringBuilder text = prose(300).append(" ");
        int begin = text.length();
        text.append("-----BEGIN PRIVATE KEY-----\n").append("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(30));

        assertThat(StreamHoldBack.releasable(text, 0)).isEqualTo(begin);
    }

    @Test
    void aPemBlockWhoseEndLineIsIncompleteIsStillHeld() {
        StringBuilder text = prose(300).append(" ");
        int begin = text.length();
        text.append("-----BEGIN PRIVATE KEY-----\n").append("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(30))
                .append("-----END PRIVATE KEY");

        assertThat(StreamHoldBack.releasable(text, 0)).isEqualTo(begin);
    }

    @Test
    void aClosedPemBlockNoLongerHoldsTheStream() {
        StringBuilder text = prose(300).append(" -----BEGIN PRIVATE KEY-----\n")
                .append("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(30)).append("-----END PRIVATE KEY-----\n")
                .append(prose(300)).append(' ');

        assertThat(StreamHoldBack.releasable(text, 0)).isEqualTo(text.length() - StreamHoldBack.WINDOW);
    }

    @Test
    void neverGoesBackBehindWhatWasReleased() {
        StringBuilder text = prose(1000);
        int released = 990;

        assertThat(StreamHoldBack.releasable(text, released)).isEqualTo(released);
    }
}
