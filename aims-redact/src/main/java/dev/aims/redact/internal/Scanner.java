package dev.aims.redact.internal;

/**
 * The single pass over a text. Each character is looked up in a table; only a word start, a digit or one of a few
 * punctuation characters ({@code @ + ( = : - >}) hands control to the detectors that can start there, and the rest
 * of a word that starts nothing is skipped in a tight loop. Detectors validate before they record a hit.
 */
final class Scanner {
    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte AT = 3;
    private static final byte PLUS = 4;
    private static final byte PAREN = 5;
    private static final byte EQUALS = 6;
    private static final byte COLON = 7;
    private static final byte DASH = 8;
    private static final byte GREATER = 9;
    private static final byte LESS = 10;

    private static final byte[] CLASS = new byte[128];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] = LETTER;
            CLASS[c - 'a' + 'A'] = LETTER;
        }
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] = DIGIT;
        }
        CLASS['@'] = AT;
        CLASS['+'] = PLUS;
        CLASS['('] = PAREN;
        CLASS['='] = EQUALS;
        CLASS[':'] = COLON;
        CLASS['-'] = DASH;
        CLASS['>'] = GREATER;
        CLASS['<'] = LESS;
    }

    private Scanner() {
    }

    /**
     * Scans {@code s} and records the hits of the enabled built-in types in {@code w}.
     *
     * @param s       the text, already normalised if it needed to be (see {@code Evasion.firstTrigger})
     * @param enabled bit mask of enabled type ids
     * @param w       where hits go
     */
    static void scan(String s, long enabled, Work w) {
        final int n = s.length();
        w.newText();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 128) {
                i = Character.isLetterOrDigit(c) ? skipWord(s, i + 1, n) : i + 1;
                continue;
            }
            switch (CLASS[c]) {
                case LETTER:
                    i = letter(s, i, n, enabled, w);
                    break;
                case DIGIT:
                    i = Numbers.digit(s, i, n, enabled, w);
                    break;
                case AT:
                    i = Punct.email(s, i, n, enabled, w);
                    break;
                case PLUS:
                    i = phone(w, i, (enabled & (1L << Types.PHONE)) != 0 ? Numbers.plus(s, i, n, w) : -1);
                    break;
                case PAREN:
                    i = phone(w, i, (enabled & (1L << Types.PHONE)) != 0 ? Numbers.paren(s, i, n, w) : -1);
                    break;
                case COLON:
                    if (i + 2 < n && s.charAt(i + 1) == ':' && (enabled & (1L << Types.IP)) != 0
                            && (i == 0 || !(Chars.word(s.charAt(i - 1)) || s.charAt(i - 1) == ':'))) {
                        int e = Numbers.ipv6(s, i, n, w);
                        if (e > 0) {
                            i = hit(w, i, e, Types.IP);
                            break;
                        }
                    }
                    if ((enabled & (1L << Types.GENERIC_SECRET)) != 0) {
                        Punct.assignment(s, i, n, w);
                    }
                    i++;
                    break;
                case EQUALS:
                    if ((enabled & (1L << Types.GENERIC_SECRET)) != 0) {
                        Punct.assignment(s, i, n, w);
                    }
                    i++;
                    break;
                case GREATER:
                    if ((enabled & (1L << Types.GENERIC_SECRET)) != 0) {
                        Punct.xmlElement(s, i, n, w);
                    }
                    i++;
                    break;
                case DASH:
                    if (i + 10 < n && s.charAt(i + 1) == '-' && (enabled & (1L << Types.PRIVATE_KEY)) != 0) {
                        int e = Punct.pem(s, i, n, w);
                        if (e > 0) {
                            i = hit(w, i, e, Types.PRIVATE_KEY);
                            break;
                        }
                    }
                    i++;
                    break;
                case LESS:
                    // what the redactor wrote (<EMAIL_ADDRESS_1>, a HASH <US_SSN_3f9a…>) is never read again
                    i = replacementEnd(s, i, n);
                    break;
                default:
                    i++;
                    break;
            }
        }
        w.forget();
    }

    /**
     * @return the end of a placeholder or hash the redactor writes ({@code <TYPE_n>}, {@code <TYPE_hex16>}) at the
     *     {@code <} at {@code i}, or {@code i + 1} when none starts there
     */
    static int replacementEnd(String s, int i, int n) {
        int p = i + 1;
        if (p >= n || !Chars.upper(s.charAt(p))) {
            return i + 1;
        }
        int underscore = -1;
        while (p < n && p - i < 90) {
            char c = s.charAt(p);
            if (c == '_') {
                underscore = p;
            } else if (c == '>') {
                break;
            } else if (!(Chars.upper(c) || Chars.digit(c) || (underscore > 0 && c >= 'a' && c <= 'f'))) {
                return i + 1;
            }
            p++;
        }
        if (p >= n || s.charAt(p) != '>' || underscore < 0 || underscore + 1 == p) {
            return i + 1;
        }
        // a placeholder's number (a few digits), or a hash's 16 hex digits with a letter among them: a value
        // wrapped to look like one (<X_4111111111111111>) is still read
        int len = p - underscore - 1;
        boolean letter = false;
        for (int k = underscore + 1; k < p; k++) {
            char c = s.charAt(k);
            if (!Chars.hex(c) || Chars.upper(c)) {
                return i + 1;
            }
            letter |= !Chars.digit(c);
        }
        return (letter ? len == 16 : len <= 6) ? p + 1 : i + 1;
    }

    /**
     * A word start. Most words of prose are plain: letters only, at most 16 of them, followed by nothing that could
     * make them part of a key, an address or a label ({@code - _ . : ~}). No detector starts on such a word, so it is
     * skipped here without a call; any other word goes to the detectors.
     */
    private static int letter(String s, int i, int n, long enabled, Work w) {
        int e = i + 1;
        while (e < n) {
            char c = s.charAt(e);
            if (c >= 128 || CLASS[c] != LETTER) {
                break;
            }
            e++;
        }
        if (e - i <= 16) {
            char after = e < n ? s.charAt(e) : ' ';
            if (after >= 128 ? !Character.isLetterOrDigit(after) : CLASS[after] != DIGIT && after != '-'
                    && after != '_' && after != '.' && after != ':' && after != '~'
                    && !(e - i == 2 && after == ' ' && e + 1 < n && Chars.digit(s.charAt(e + 1)))) {
                return e;
            }
        }
        return Words.letter(s, i, n, enabled, w);
    }

    private static int phone(Work w, int i, int end) {
        return end > 0 ? hit(w, i, end, Types.PHONE) : i + 1;
    }

    /** Records a hit and returns its end, where the scan goes on. */
    static int hit(Work w, int start, int end, int type) {
        w.add(start, end, type);
        return end;
    }

    /** @return the end of the run of ASCII letters and digits from {@code i} */
    static int skipWord(String s, int i, int n) {
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 128 || CLASS[c] > DIGIT || CLASS[c] == OTHER) {
                break;
            }
            i++;
        }
        return i;
    }
}
