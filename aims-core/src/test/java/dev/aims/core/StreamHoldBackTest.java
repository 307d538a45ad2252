package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StreamHoldBackTest {
    static String prose(int chars) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < chars) {
            sb.append("word ");
        }
        sb.setLength(chars);
        return sb.toString();
    }

    static StreamHoldBack holding(String text) {
        StreamHoldBack h = new StreamHoldBack();
        h.append(text);
        return h;
    }

    @Test
    void textShorterThanTheWindowIsHeldWhole() {
        assertThat(holding(prose(StreamHoldBack.WINDOW)).releasable()).isZero();
    }

    @Test
    void proseIsReleasedOneWindowBehind() {
        String text = prose(1000) + " ";

        assertThat(holding(text).releasable()).isEqualTo(text.length() - StreamHoldBack.WINDOW);
    }

    @Test
    void aTrailingRunWithoutWhitespaceIsHeldFromItsStart() {
        String text = prose(400) + " ";
        int tokenStart = text.length();
        text += "eyJhbGciOiJIUzI1NiJ9.".repeat(20);

        assertThat(holding(text).releasable()).isEqualTo(tokenStart);
    }

    @Test
    void aRunLongerThanItsCapIsHeldOnlyUpToTheCap() {
        String text = prose(100) + " " + "x".repeat(StreamHoldBack.MAX_RUN + 500);

        assertThat(holding(text).releasable()).isEqualTo(text.length() - StreamHoldBack.MAX_RUN);
    }

    @Test
    void anUnterminatedPemBlockIsHeldFromItsBegin() {
        String text = prose(300) + " ";
        int begin = text.length();
        text += "-----BEGIN PRIVATE KEY-----\n" + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(30);

        assertThat(holding(text).releasable()).isEqualTo(begin);
    }

    @Test
    void aPemBlockWhoseEndLineIsIncompleteIsStillHeld() {
        String text = prose(300) + " ";
        int begin = text.length();
        text += "-----BEGIN PRIVATE KEY-----\n" + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(30)
                + "-----END PRIVATE KEY";

        assertThat(holding(text).releasable()).isEqualTo(begin);
    }

    @Test
    void aClosedPemBlockNoLongerHoldsTheStream() {
        String text = prose(300) + " -----BEGIN PRIVATE KEY-----\n" + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(30)
                + "-----END PRIVATE KEY-----\n" + prose(300) + " ";

        assertThat(holding(text).releasable()).isEqualTo(text.length() - StreamHoldBack.WINDOW);
    }

    @Test
    void aPemBlockLongerThanItsCapIsReleasedAndNoLongerHolds() {
        String text = "-----BEGIN PRIVATE KEY-----\n" + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(600);
        StreamHoldBack h = holding(text);
        int cut = h.releasable();
        assertThat(cut).isPositive();

        h.release(cut);
        h.append(prose(500) + " ");
        assertThat(h.releasable()).isEqualTo(h.length() - StreamHoldBack.WINDOW);
    }

    @Test
    void releaseHandsOverThePrefixAndKeepsTheRest() {
        String text = prose(300) + " ";
        StreamHoldBack h = holding(text);
        int cut = h.releasable();

        assertThat(h.release(cut)).isEqualTo(text.substring(0, cut));
        assertThat(h.pending()).isEqualTo(text.substring(cut));
        assertThat(h.releasable()).isZero();
    }

    /** Any chunking of a text gives the same releases as the text at once: markers split across chunks too. */
    @Property(tries = 300)
    void chunkingDoesNotChangeWhatIsHeld(@ForAll("texts") String text, @ForAll("cuts") List<Integer> cuts) {
        StreamHoldBack whole = holding(text);
        StreamHoldBack chunked = new StreamHoldBack();
        int at = 0;
        for (int c : cuts) {
            int end = Math.min(text.length(), at + c);
            chunked.append(text.substring(at, end));
            at = end;
        }
        chunked.append(text.substring(at));

        assertThat(chunked.releasable()).isEqualTo(whole.releasable());
        assertThat(chunked.pending()).isEqualTo(text);
    }

    /** What is released and what is held always add up to what arrived, in order. */
    @Property(tries = 200)
    void releasesInAnyChunkingReassembleTheText(@ForAll("texts") String text, @ForAll("cuts") List<Integer> cuts) {
        StreamHoldBack h = new StreamHoldBack();
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int c : cuts) {
            int end = Math.min(text.length(), at + c);
            h.append(text.substring(at, end));
            at = end;
            out.append(h.release(h.releasable()));
        }
        h.append(text.substring(at));
        out.append(h.release(h.releasable())).append(h.release(h.length()));

        assertThat(out.toString()).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("word ", "x", "\n", "-----BEGIN KEY-----\n", "-----END KEY-----",
                "-----", "-", "ab12", "  ", "eyJhbGciOiJ9.");
        return pieces.list().ofMinSize(0).ofMaxSize(200).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 40).list().ofMaxSize(60).map(ArrayList::new);
    }
}
