package dev.aims.redact.internal;

import java.text.Normalizer;

/**
 * What can hide an entity from a scanner that only knows ASCII, and the normalised view that undoes it:
 * invisible (default-ignorable) characters inside a value (zero-width and bidi controls, invisible operators,
 * variation selectors, soft hyphen, word joiner, tag characters …), compatibility forms (full-width letters and
 * digits, digits of other scripts, superscripts, mathematical alphanumerics), no-break and thin spaces, Unicode
 * dashes, and escapes: URL ({@code %40}, and {@code +} for a space between digits in a URL's query, as forms
 * encode {@code ?card=4111+1111+1111+1111}), JSON and source code ({@code \u005Cu0040}, {@code \x40}) and HTML
 * ({@code &#64;}, {@code &#x40;}, {@code &commat;}). A text that holds one is scanned in a normalised copy whose
 * every character maps back to the exact range of the original it came from, so that a finding covers the disguised
 * value whole.
 */
public final class Evasion {
    /** HTML named character references that stand for a character an entity is written with. */
    private static final String[] ENTITY_NAMES = {"commat", "period", "comma", "colon", "semi", "equals", "plus",
        "minus", "dash", "hyphen", "lowbar", "num", "sol", "bsol", "excl", "quest", "lpar", "rpar", "lsqb",
        "rsqb", "lcub", "rcub", "dollar", "percnt", "ast", "amp", "lt", "gt", "quot", "apos", "nbsp", "Tab",
        "NewLine", "ndash", "mdash", "thinsp", "ensp", "emsp", "shy", "zwj", "zwnj", "lrm", "rlm", "NoBreak",
        "ZeroWidthSpace", "grave", "Hat", "verbar", "vert", "tilde", "AMP", "LT", "GT", "QUOT"};
    private static final char[] ENTITY_CHARS = {'@', '.', ',', ':', ';', '=', '+', '\u2212', '\u2010', '\u2010',
        '_', '#', '/', '\\', '!', '?', '(', ')', '[', ']', '{', '}', '$', '%', '*', '&', '<', '>', '"', '\'',
        '\u00a0', '\t', '\n', '\u2013', '\u2014', '\u2009', '\u2002', '\u2003', '\u00ad', '\u200d', '\u200c',
        '\u200e', '\u200f', '\u2060', '\u200b', '`', '^', '|', '|', '~', '&', '<', '>', '"'};

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
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            if (ignorable(cp)) {
                return asciiNeighbour(s, i, false);
            }
            return Character.isDigit(cp) || compatibility(cp);
        }
        if (ignorable(c)) {
            return asciiNeighbour(s, i, false);
        }
        if (space(c) || dash(c)) {
            return asciiNeighbour(s, i, true) && digitsAround(s, i) >= 7;
        }
        return Character.isDigit(c) || compatibility(c);
    }

    /**
     * @return the digits within 24 characters either side of {@code i}: a no-break space or a dash between digits
     *     joins the groups of a number only when there are enough of them for a card, an account or a phone
     *     ({@code 4111–1111–…}); prose typography ({@code 1992–98}, {@code 6,300 tons}) has fewer
     */
    private static int digitsAround(String s, int i) {
        int count = 0;
        for (int p = Math.max(0, i - 24); p < Math.min(s.length(), i + 25); p++) {
            char c = s.charAt(p);
            if ((c >= '0' && c <= '9') || (c >= '\uff10' && c <= '\uff19')) {
                count++;
            }
        }
        return count;
    }

    /**
     * The reference of what the scanner checks as it goes ({@code Scanner.scan} finds the same first trigger
     * without a pass of its own).
     *
     * @param s the text
     * @return the index of the first character that calls for the normalised view (see {@link #triggerAt}), or -1
     *     when the text can be scanned as it is
     */
    static int firstTrigger(String s) {
        Work w = new Work();
        for (int i = 0; i < s.length(); i++) {
            if (triggerAt(s, i, w)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the character at {@code i} calls for the normalised view: one that could hide an entity (see
     * {@link #hides}), the start of an escape, or a {@code +} between digits in a URL's query. Called for the
     * characters of a text in order, it reads each once however many {@code +} the text holds: {@code w} keeps the
     * last {@code +} between digits found outside a query, before which no {@code ?} of its token need be looked
     * for again.
     *
     * @param s the text
     * @param i an index of {@code s}, not before the last one asked about since {@link Work#newText}
     * @param w the scan's work area
     * @return whether the text must be scanned in its normalised view
     */
    static boolean triggerAt(String s, int i, Work w) {
        char c = s.charAt(i);
        if (c >= 128) {
            return hides(s, i, c);
        }
        if (c == '%' || c == '\\' || c == '&') {
            return escapes(s, i);
        }
        if (c == '+' && betweenDigits(s, i)) {
            if (inQuery(s, i, w.plainPlus)) {
                return true;
            }
            w.plainPlus = i;
        }
        return false;
    }

    /**
     * @param s    the text
     * @param from the first index to look at, not before the last one asked about since {@link Work#newText}
     * @param to   the index after the last
     * @param w    the scan's work area
     * @return whether a character of {@code s[from, to)} calls for the normalised view (see {@link #triggerAt})
     */
    static boolean triggerIn(String s, int from, int to, Work w) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if ((c >= 128 || c == '%' || c == '\\' || c == '&' || c == '+') && triggerAt(s, i, w)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the {@code +} at {@code i} stands between two ASCII digits, as between a number's groups */
    private static boolean betweenDigits(String s, int i) {
        return i > 0 && i + 1 < s.length() && Chars.digit(s.charAt(i - 1)) && Chars.digit(s.charAt(i + 1));
    }

    /**
     * Whether the character at {@code i} stands in a URL's query: a {@code ?} comes before it in the same token
     * (no space, quote or angle bracket between). Looks back no further than {@code stop}, a position before which
     * the token is known to hold no {@code ?}, so that a text of many {@code +} is read once, not once for each.
     */
    private static boolean inQuery(String s, int i, int stop) {
        for (int p = i - 1; p > stop; p--) {
            char c = s.charAt(p);
            if (c == '?') {
                return true;
            }
            if (endsToken(c)) {
                return false;
            }
        }
        return false;
    }

    /** @return whether {@code c} ends a URL written in text */
    private static boolean endsToken(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
    }

    /**
     * @param s the text
     * @param i the index of a {@code %}, {@code \} or {@code &} in it
     * @return whether an escape starts there
     */
    static boolean escapes(String s, int i) {
        return escapeLength(s, i) > 0;
    }

    private static boolean asciiNeighbour(String s, int i, boolean digitsOnly) {
        char prev = i > 0 ? s.charAt(i - 1) : ' ';
        int j = i + 1;
        if (j < s.length() && Character.isLowSurrogate(s.charAt(j))) {
            j++;
        }
        char next = j < s.length() ? s.charAt(j) : ' ';
        if (digitsOnly) {
            return Chars.digit(prev) || Chars.digit(next) || (next >= '\uff10' && next <= '\uff19');
        }
        return visible(prev) || visible(next);
    }

    private static boolean visible(char c) {
        return (c > ' ' && c < 127) || (c >= '\uff01' && c <= '\uff5e');
    }

    /**
     * Unicode's default-ignorable code points: drawn as nothing, so that a value with one inside still reads as the
     * value. The zero-width space and the word joiner, bidi controls, invisible operators, the combining grapheme
     * joiner, the Mongolian vowel separator and variation selectors, Hangul fillers, tag characters and the rest.
     *
     * @param cp a code point
     * @return whether it is default-ignorable
     */
    static boolean ignorable(int cp) {
        if (cp < 0xad) {
            return false;
        }
        return cp == 0xad || cp == 0x34f || cp == 0x61c || cp == 0x115f || cp == 0x1160 || cp == 0x17b4
                || cp == 0x17b5 || (cp >= 0x180b && cp <= 0x180f) || (cp >= 0x200b && cp <= 0x200f)
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp == 0x3164
                || (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xfeff || cp == 0xffa0 || (cp >= 0xfff0 && cp <= 0xfff8)
                || (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a)
                || (cp >= 0xe0000 && cp <= 0xe0fff);
    }

    /** Compatibility forms that fold to an ASCII letter, digit or symbol (superscripts, circled, mathematical). */
    private static boolean compatibility(int cp) {
        return (cp >= 0x2070 && cp <= 0x209f) || cp == 0xb2 || cp == 0xb3 || cp == 0xb9
                || (cp >= 0x2460 && cp <= 0x24ff) || (cp >= 0xfe50 && cp <= 0xfe6f)
                || (cp >= 0x1d400 && cp <= 0x1d7ff) || (cp >= 0x2100 && cp <= 0x214f);
    }

    static boolean space(char c) {
        return c == '\u00a0' || (c >= '\u2000' && c <= '\u200a') || c == '\u202f' || c == '\u205f'
                || c == '\u3000';
    }

    static boolean dash(char c) {
        return (c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\ufe63' || c == '\ufe58';
    }

    /**
     * @return the length of the escape at {@code i} ({@code %XX} of an ASCII character, {@code \}{@code uXXXX},
     *     {@code \xXX}, {@code &#NN;}, {@code &#xHH;}, {@code &name;}), or 0 when none starts there
     */
    private static int escapeLength(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        if (c == '%') {
            if (i + 2 >= n || !Chars.hex(s.charAt(i + 1)) || !Chars.hex(s.charAt(i + 2)) || s.charAt(i + 1) > '7') {
                return 0;
            }
            // ASCII only, and of the control characters only the line breaks and the tab
            int v = Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16);
            return v >= ' ' && v != 127 || v == '\t' || v == '\n' || v == '\r' ? 3 : 0;
        }
        if (c == '\\') {
            if (i + 5 < n + 0 && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U') && hex(s, i + 2, 4)) {
                return 6;
            }
            if (i + 3 < n && s.charAt(i + 1) == 'x' && hex(s, i + 2, 2)) {
                return 4;
            }
            return 0;
        }
        if (c != '&' || i + 3 >= n) {
            return 0;
        }
        if (s.charAt(i + 1) == '#') {
            int p = i + 2;
            boolean hexForm = p < n && (s.charAt(p) == 'x' || s.charAt(p) == 'X');
            if (hexForm) {
                p++;
            }
            int q = p;
            while (q < n && q - p < 7 && (hexForm ? Chars.hex(s.charAt(q)) : Chars.digit(s.charAt(q)))) {
                q++;
            }
            if (q == p || numericValue(s, p, q, hexForm) > Character.MAX_CODE_POINT) {
                return 0;
            }
            return q < n && s.charAt(q) == ';' ? q + 1 - i : q - i;
        }
        return entity(s, i) >= 0 ? s.indexOf(';', i) + 1 - i : 0;
    }

    private static boolean hex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int p = from; p < from + count; p++) {
            if (!Chars.hex(s.charAt(p))) {
                return false;
            }
        }
        return true;
    }

    private static long numericValue(String s, int from, int to, boolean hexForm) {
        long v = 0;
        for (int p = from; p < to; p++) {
            v = v * (hexForm ? 16 : 10) + Character.digit(s.charAt(p), 16);
        }
        return v;
    }

    /** @return the index in {@link #ENTITY_NAMES} of the named reference {@code &name;} at {@code i}, or -1 */
    private static int entity(String s, int i) {
        int p = i + 1;
        int q = p;
        while (q < s.length() && q - p <= 14 && Chars.letter(s.charAt(q))) {
            q++;
        }
        if (q == p || q >= s.length() || s.charAt(q) != ';') {
            return -1;
        }
        for (int k = 0; k < ENTITY_NAMES.length; k++) {
            if (ENTITY_NAMES[k].length() == q - p && s.startsWith(ENTITY_NAMES[k], p)) {
                return k;
            }
        }
        return -1;
    }

    /** @return the code point the escape of length {@code len} at {@code i} stands for */
    private static int decode(String s, int i, int len) {
        char c = s.charAt(i);
        if (c == '%') {
            return Integer.parseInt(s, i + 1, i + 3, 16);
        }
        if (c == '\\') {
            return Integer.parseInt(s, i + 2, i + len, 16);
        }
        if (s.charAt(i + 1) == '#') {
            boolean hexForm = s.charAt(i + 2) == 'x' || s.charAt(i + 2) == 'X';
            int from = i + (hexForm ? 3 : 2);
            int to = s.charAt(i + len - 1) == ';' ? i + len - 1 : i + len;
            return (int) numericValue(s, from, to, hexForm);
        }
        return ENTITY_CHARS[entity(s, i)];
    }

    /**
     * Builds the normalised view of {@code s}: escapes decoded (a {@code +} between digits in a URL's query to a
     * space), default-ignorable characters removed, full-width and other compatibility forms and digits of any
     * script folded to ASCII, Unicode spaces to a space and Unicode dashes to {@code -}.
     *
     * @param s the text
     * @return the normalised text and, for each of its characters, the range of {@code s} it came from
     */
    public static Folded fold(String s) {
        int n = s.length();
        char[] out = new char[n];
        int[] from = new int[n + 1];
        int[] to = new int[n + 1];
        int k = 0;
        int i = 0;
        boolean query = false;
        while (i < n) {
            char c = s.charAt(i);
            int width = 1;
            int cp = c;
            if (c == '?') {
                query = true;
            } else if (endsToken(c)) {
                query = false;
            } else if (c == '+' && query && betweenDigits(s, i)) {
                cp = ' ';
            }
            if (c == '%' || c == '\\' || c == '&') {
                int len = escapeLength(s, i);
                if (len > 0) {
                    cp = decode(s, i, len);
                    width = len;
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(i + 1));
                width = 2;
            }
            if (cp >= 128) {
                if (ignorable(cp)) {
                    i += width;
                    continue;
                }
                cp = foldCodePoint(cp);
            }
            if (Character.isBmpCodePoint(cp)) {
                from[k] = i;
                to[k] = i + width;
                out[k++] = (char) cp;
            } else {
                // a supplementary character that folds to nothing simpler: both halves map to the whole original
                from[k] = i;
                to[k] = i + width;
                out[k++] = Character.highSurrogate(cp);
                from[k] = i;
                to[k] = i + width;
                out[k++] = Character.lowSurrogate(cp);
            }
            i += width;
        }
        return new Folded(new String(out, 0, k), from, to, s);
    }

    private static int foldCodePoint(int cp) {
        if (cp >= 0xff01 && cp <= 0xff5e) {
            return cp - 0xfee0;
        }
        if (cp <= 0xffff && space((char) cp)) {
            return ' ';
        }
        if (cp <= 0xffff && dash((char) cp)) {
            return '-';
        }
        if (Character.isDigit(cp)) {
            return '0' + Character.digit(cp, 10);
        }
        if (compatibility(cp)) {
            String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
            if (nfkc.length() == 1 && nfkc.charAt(0) > ' ' && nfkc.charAt(0) < 127) {
                return nfkc.charAt(0);
            }
        }
        return cp;
    }

    /**
     * A normalised text and the map of its indices back to the original.
     *
     * @param text the normalised text
     * @param from {@code from[i]} is the index in the original where {@code text.charAt(i)} starts
     * @param to   {@code to[i]} is the index in the original where {@code text.charAt(i)} ends
     * @param original the text it was folded from
     */
    public record Folded(String text, int[] from, int[] to, String original) {
        /**
         * @param start a start index into the normalised text
         * @return the start index in the original
         */
        public int start(int start) {
            return from[start];
        }

        /**
         * @param end an end index (exclusive) into the normalised text, greater than 0
         * @return the end index (exclusive) in the original
         */
        public int end(int end) {
            return to[end - 1];
        }
    }
}
