package dev.aims.redact.internal;

/**
 * Characters that can hide an entity from a scanner that only knows ASCII: full-width letters and digits, digits of
 * other scripts, no-break and thin spaces, Unicode dashes, and zero-width characters inside a value. A text that
 * holds one is scanned in a normalised copy whose offsets map back to the original.
 */
public final class Evasion {
    private Evasion() {
    }

    /**
     * @param s the text
     * @param i an index of {@code s}
     * @param c {@code s.charAt(i)}, at least U+0080
     * @return whether the character, where it stands, could hide an entity
     */
    static boolean hides(String s, int i, char c) {
        if (c >= '\uff01' && c <= '\uff5e') {
            return true;
        }
        if (zeroWidth(c)) {
            return asciiNeighbour(s, i, false);
        }
        if (space(c) || dash(c)) {
            return asciiNeighbour(s, i, true);
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
            return Character.isDigit(Character.toCodePoint(c, s.charAt(i + 1)));
        }
        return Character.isDigit(c);
    }

    private static boolean asciiNeighbour(String s, int i, boolean digitsOnly) {
        char prev = i > 0 ? s.charAt(i - 1) : ' ';
        char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        if (digitsOnly) {
            return Chars.digit(prev) || Chars.digit(next) || (next >= '\uff10' && next <= '\uff19');
        }
        return visible(prev) || visible(next);
    }

    private static boolean visible(char c) {
        return (c > ' ' && c < 127) || (c >= '\uff01' && c <= '\uff5e');
    }

    static boolean zeroWidth(char c) {
        return c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff' || c == '\u00ad';
    }

    static boolean space(char c) {
        return c == '\u00a0' || (c >= '\u2000' && c <= '\u200a') || c == '\u202f' || c == '\u205f'
                || c == '\u3000';
    }

    static boolean dash(char c) {
        return (c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\ufe63';
    }

    /**
     * Folds the evasive characters of {@code s}: full-width forms to ASCII, digits of any script to ASCII digits,
     * Unicode spaces to a space, Unicode dashes to {@code -}, zero-width characters removed.
     *
     * @param s the text
     * @return the folded text and, for each of its characters, the index in {@code s} it came from
     */
    public static Folded fold(String s) {
        int n = s.length();
        char[] out = new char[n];
        int[] from = new int[n + 1];
        int[] to = new int[n + 1];
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int width = 1;
            char f = c;
            if (c >= 128) {
                if (zeroWidth(c)) {
                    continue;
                }
                if (c >= '\uff01' && c <= '\uff5e') {
                    f = (char) (c - 0xfee0);
                } else if (space(c)) {
                    f = ' ';
                } else if (dash(c)) {
                    f = '-';
                } else if (Character.isHighSurrogate(c) && i + 1 < n) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    if (Character.isDigit(cp)) {
                        f = (char) ('0' + Character.digit(cp, 10));
                        width = 2;
                    }
                } else if (Character.isDigit(c)) {
                    f = (char) ('0' + Character.digit(c, 10));
                }
            }
            from[k] = i;
            to[k] = i + width;
            out[k++] = f;
            i += width - 1;
        }
        return new Folded(new String(out, 0, k), from, to);
    }

    /**
     * A folded text and the map of its indices back to the original.
     *
     * @param text the folded text
     * @param from {@code from[i]} is the index in the original where {@code text.charAt(i)} starts
     * @param to   {@code to[i]} is the index in the original where {@code text.charAt(i)} ends
     */
    public record Folded(String text, int[] from, int[] to) {
        /**
         * @param start a start index into the folded text
         * @return the start index in the original
         */
        public int start(int start) {
            return from[start];
        }

        /**
         * @param end an end index (exclusive) into the folded text, greater than 0
         * @return the end index (exclusive) in the original
         */
        public int end(int end) {
            return to[end - 1];
        }
    }
}
