package dev.aims.redact.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.Finding;
import dev.aims.api.Operator;
import dev.aims.redact.AimsRedactor;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the normalised view over generated values of every type: no invisible character and no escape
 * hides a value, redaction is idempotent under every operator that writes something, and findings cut the original
 * text at whole characters and whole escapes.
 */
class EvasionPropertiesTest {
    private static final AimsRedactor REDACTOR = AimsRedactor.create();

    /** Every default-ignorable character class the normalised view drops, one of each, tag characters included. */
    private static final String[] IGNORABLES = {"\u00ad", "\u034f", "\u061c", "\u115f", "\u17b4", "\u180b", "\u180e",
        "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060",
        "\u2061", "\u2062", "\u2063", "\u2064", "\u2066", "\u2067", "\u2068", "\u2069", "\u206f", "\u3164", "\ufe00",
        "\ufe0f", "\ufeff", "\uffa0", "\udb40\udc01", "\udb40\udc41", "\udb40\udc7f", "\udb40\udd00"};

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of(Values.types());
    }

    @Provide
    Arbitrary<String> ignorables() {
        return Arbitraries.of(IGNORABLES);
    }

    /** @return the text with a value of the type in a surrounding, and the value's range */
    private static Placed place(String type, long seed, int surrounding) {
        Random r = new Random(seed);
        String value = Values.VALID.get(type).apply(r);
        int mark = value.indexOf(Values.LEAD);
        Surroundings.Surrounding sur = Surroundings.ALL.get(Math.floorMod(surrounding, Surroundings.ALL.size()));
        return new Placed(sur.place(Values.LABEL.get(type), value.replace(Values.LEAD, "")), value.replace(Values.LEAD,
                ""), Math.max(0, mark));
    }

    /** A placed value; {@code lead} characters of it name the value and are not part of it. */
    private record Placed(Surroundings.Placed placed, String value, int lead) {
        String text() {
            return placed.text();
        }

        int start() {
            return placed.start();
        }

        int end() {
            return placed.start() + value.length();
        }
    }

    private static boolean covered(String text, int start, int end) {
        for (Finding f : REDACTOR.scan(text)) {
            if (f.start() <= start && f.end() >= end) {
                return true;
            }
        }
        return false;
    }

    /** Where the value proper starts, after a word that names it. */
    private static int secretStart(String type, Placed p) {
        return p.start() + p.lead();
    }

    @Property(tries = 1000)
    void anInvisibleCharacterInsideAFoundValueNeverHidesIt(@ForAll("types") String type, @ForAll long seed,
            @ForAll int surrounding, @ForAll("ignorables") String invisible, @ForAll int where) {
        Placed p = place(type, seed, surrounding);
        int start = secretStart(type, p);
        if (!covered(p.text(), start, p.end())) {
            return; // only values found as they are
        }
        int at = start + 1 + Math.floorMod(where, p.end() - start - 1);
        String text = p.text().substring(0, at) + invisible + p.text().substring(at);
        assertThat(covered(text, start, p.end() + invisible.length())).as(show(text)).isTrue();
    }

    @Property(tries = 1000)
    void escapingACharacterOfAFoundValueNeverHidesIt(@ForAll("types") String type, @ForAll long seed,
            @ForAll int surrounding, @ForAll int which, @ForAll("escapes") int kind) {
        Placed p = place(type, seed, surrounding);
        int start = secretStart(type, p);
        if (!covered(p.text(), start, p.end())) {
            return;
        }
        int at = start + Math.floorMod(which, p.end() - start);
        char c = p.text().charAt(at);
        if (c < ' ' || c > '~') {
            return; // escapes of line breaks inside a PEM block are not what this property is about
        }
        String escape = List.of(String.format("%%%02X", (int) c), String.format("\\u%04x", (int) c),
                "&#" + (int) c + ";", "&#x" + Integer.toHexString(c) + ";").get(kind);
        String text = p.text().substring(0, at) + escape + p.text().substring(at + 1);
        assertThat(covered(text, start, p.end() + escape.length() - 1)).as(show(text)).isTrue();
    }

    @Provide
    Arbitrary<Integer> escapes() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<Operator> writingOperators() {
        return Arbitraries.of(Operator.PLACEHOLDER, Operator.MASK, Operator.HASH, Operator.PSEUDONYMIZE);
    }

    @Property(tries = 1000)
    void redactedTextHoldsNothingNewToFind(@ForAll("types") String type, @ForAll long seed, @ForAll int surrounding,
            @ForAll("writingOperators") Operator op) {
        Placed p = place(type, seed, surrounding);
        AimsRedactor redactor = AimsRedactor.builder().defaultOperator(op).build();
        String once = redactor.open().redact(p.text());
        assertThat(redactor.scan(once)).as(show(once)).isEmpty();
        assertThat(redactor.open().redact(once)).isEqualTo(once);
    }

    @Property(tries = 1000)
    void findingsCutTheOriginalAtWholeCharactersAndWholeEscapes(@ForAll("types") String type, @ForAll long seed,
            @ForAll int surrounding, @ForAll int evasion) {
        Random r = new Random(seed);
        String value = Values.VALID.get(type).apply(r).replace(Values.LEAD, "");
        Evasions.Evasion ev = Evasions.ALL.get(Math.floorMod(evasion, Evasions.ALL.size()));
        String disguised = ev.apply(type, value, r);
        if (disguised == null) {
            return;
        }
        Surroundings.Surrounding sur = Surroundings.ALL.get(Math.floorMod(surrounding, Surroundings.ALL.size()));
        String text = sur.place(Values.LABEL.get(type), disguised).text();
        for (Finding f : REDACTOR.scan(text)) {
            for (int cut : new int[] {f.start(), f.end()}) {
                assertThat(cut).isBetween(0, text.length());
                if (cut > 0 && cut < text.length()) {
                    assertThat(Character.isHighSurrogate(text.charAt(cut - 1))
                            && Character.isLowSurrogate(text.charAt(cut))).as("cut inside a pair: " + show(text))
                            .isFalse();
                    assertThat(insideEscape(text, cut)).as("cut inside an escape: " + show(text)).isFalse();
                }
            }
        }
        String redacted = REDACTOR.open().redact(text);
        assertThat(redacted).doesNotContain(disguised);
    }

    /** Whether {@code cut} falls strictly inside a {@code %XX}, a backslash-u escape or an HTML reference. */
    private static boolean insideEscape(String text, int cut) {
        for (int back = 1; back <= 9 && cut - back >= 0; back++) {
            int a = cut - back;
            char c = text.charAt(a);
            int len = 0;
            if (c == '%' && a + 2 < text.length() && isHex(text.charAt(a + 1)) && isHex(text.charAt(a + 2))) {
                len = 3;
            } else if (c == '\\' && a + 5 < text.length() && text.charAt(a + 1) == 'u') {
                len = 6;
            } else if (c == '&' && text.indexOf(';', a) > 0 && text.indexOf(';', a) - a < 10
                    && text.substring(a + 1, text.indexOf(';', a)).matches("#?[xX]?[0-9A-Za-z]+")) {
                len = text.indexOf(';', a) + 1 - a;
            }
            if (len > back) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String show(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }
}
