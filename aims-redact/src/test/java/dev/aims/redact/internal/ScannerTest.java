package dev.aims.redact.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerTest {
    private static final long ALL = -1L;

    /** Values of several types in the places they are written, each read whole by its detector. */
    private static final List<String> TEXTS = List.of(
            "mail jane.doe@example.co.uk today",
            "card 4111 1111 1111 1111, exp 09/27",
            "ssn-536-56-1584;",
            "IBAN DE89 3704 0044 0532 0130 00.",
            "OPENAI_API_KEY=sk-4rAbK73pW8qjRBFFcDIJT3BlbkFJkAqX",
            "see https://bob:Tr0ub4dor3@db.example.net/x?a=1 now",
            "call +44 20 7946 0958 or (415) 555-2671",
            "ip 192.168.10.7 and 2001:db8::8a2e:370:7334",
            "<EMAIL_ADDRESS_1> wrote 1992-98 in prose, 12.5% of it");

    /** What may disguise a value: invisible, no-break, full-width, escapes, a form-encoded space. */
    private static final List<String> TRIGGERS = List.of("\u200b", "\u00ad", "\u00a0", "\uff11", "%40", "&#64;",
            "&commat;", "\\u0040", "+");

    @Test
    void stopsExactlyWhenTheTextHoldsATriggerWhereverItStands() {
        Work w = new Work();
        int stopped = 0;
        List<String> cases = new ArrayList<>(TEXTS);
        for (String text : TEXTS) {
            for (String trigger : TRIGGERS) {
                // at every place, so also inside what a detector consumes before the loop sees it
                for (int p = 0; p <= text.length(); p++) {
                    cases.add(text.substring(0, p) + trigger + text.substring(p));
                }
            }
        }
        for (String text : cases) {
            boolean expected = Evasion.firstTrigger(text) >= 0;
            assertThat(Scanner.scan(text, ALL, w, true)).as(text).isEqualTo(expected);
            if (expected) {
                assertThat(w.hits).as("hits dropped: " + text).isZero();
                stopped++;
            }
        }
        // the cases hold both kinds, and most insertions call for the normalised view
        assertThat(stopped).isGreaterThan(cases.size() / 2).isLessThan(cases.size());
    }

    @Test
    void theNormalisedViewIsScannedToTheEnd() {
        Work w = new Work();
        String folded = Evasion.fold("card 4111\u00a01111\u00a01111\u00a01111 and %40").text();
        assertThat(Scanner.scan(folded, ALL, w, false)).isFalse();
        assertThat(w.hits).isEqualTo(1);
    }

    @Test
    void aTextLongerThanTheWindowIsReadAcrossItsEdges() {
        Work w = new Work();
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3 * w.window.length) {
            sb.append("word after word, ");
        }
        // a value cut by every edge of the window in turn
        int found = 0;
        for (int shift = 0; shift < 40; shift++) {
            String text = sb.substring(0, w.window.length - 20 + shift)
                    + "jane.doe@example.com card 4111 1111 1111 1111 " + sb;
            w.hits = 0;
            assertThat(Scanner.scan(text, ALL, w, true)).isFalse();
            found += w.hits == 2 ? 1 : 0;
        }
        assertThat(found).isEqualTo(40);
    }
}
