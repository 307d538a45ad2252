package dev.aims.redact.internal;

/**
 * The single pass over a text. Each character is looked up in a table; only a word start, a digit or one of a few
 * punctuation characters ({@code @ + ( = : - > <}) hands control to the detectors that can start there, and a word
 * that starts nothing is skipped in a tight loop. Detectors validate before they record a hit. The same pass looks
 * for the characters that call for the normalised view ({@code % \ & +} and non-ASCII ones, see {@link Evasion}).
 */
final class Scanner {
    /** Blanks and punctuation that start nothing; a word followed by one is plain (but see {@link #plainWord}). */
    private static final byte OTHER = 0;
    /** {@code . _ ~}: they start nothing, but join a word to what follows. */
    private static final byte JOINER = 1;
    private static final byte LETTER = 2;
    private static final byte DIGIT = 3;
    private static final byte AT = 4;
    private static final byte PLUS = 5;
    private static final byte PAREN = 6;
    private static final byte EQUALS = 7;
    private static final byte COLON = 8;
    private static final byte DASH = 9;
    private static final byte GREATER = 10;
    private static final byte LESS = 11;
    private static final byte ESCAPE = 12;
    private static final byte NON_ASCII = 13;

    /** The class of every UTF-16 unit: a char indexes it without a bounds check. */
    private static final byte[] CLASS = new byte[65536];

    static {
        java.util.Arrays.fill(CLASS, 128, CLASS.length, NON_ASCII);
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] = LETTER;
            CLASS[c - 'a' + 'A'] = LETTER;
        }
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] = DIGIT;
        }
        CLASS['.'] = JOINER;
        CLASS['_'] = JOINER;
        CLASS['~'] = JOINER;
        CLASS['@'] = AT;
        CLASS['+'] = PLUS;
        CLASS['('] = PAREN;
        CLASS['='] = EQUALS;
        CLASS[':'] = COLON;
        CLASS['-'] = DASH;
        CLASS['>'] = GREATER;
        CLASS['<'] = LESS;
        CLASS['%'] = ESCAPE;
        CLASS['\\'] = ESCAPE;
        CLASS['&'] = ESCAPE;
    }

    private Scanner() {
    }

    /**
     * Scans {@code s} and records the hits of the enabled built-in types in {@code w}.
     *
     * <p>With {@code checkTriggers}, the scan also looks at every character for one that calls for the normalised
     * view ({@link Evasion#triggerAt}): the characters this loop steps over as it goes, and those a detector
     * consumed right after it returns. At the first such character the scan stops and returns {@code true}; its hits
     * are then worthless, since a detector may have read over the disguise, and the caller scans the normalised view
     * instead. A clean text is thus read once, not once for the check and once for the scan.
     *
     * <p>The loop reads the text through a window of {@code w}'s, a few thousand characters copied at a time, so
     * that the per-character work is an array read and a table look-up; detectors read the string itself.
     *
     * @param s             the text
     * @param enabled       bit mask of enabled type ids
     * @param w             where hits go
     * @param checkTriggers whether to stop at a character that calls for the normalised view
     * @return whether the scan stopped at such a character (only with {@code checkTriggers})
     */
    static boolean scan(String s, long enabled, Work w, boolean checkTriggers) {
        final int n = s.length();
        w.newText();
        final char[] a = w.window;
        // the text index of a[k] is base + k, for k < len
        int base = 0;
        int len = 0;
        int k = 0;
        while (true) {
            if (k >= len) {
                base += k;
                if (base >= n) {
                    break;
                }
                k = 0;
                len = Math.min(a.length, n - base);
                s.getChars(base, base + len, a, 0);
            }
            k = skipPlain(a, k, len);
            if (k < len) {
                // anything else is rare enough for a call
                int next = step(s, base + k, n, enabled, w, checkTriggers);
                if (next < 0) {
                    return stop(w);
                }
                k = next - base;
            }
        }
        w.forget();
        return false;
    }

    /**
     * Skips what starts nothing: blanks and plain punctuation, words of at most 16 ASCII letters followed by a blank,
     * plain punctuation or a {@code - . :} that joins them to nothing ({@link Words#mayStart}), short numbers on
     * their own ({@link Numbers#shortEnd}), and the few punctuation characters that start something only before
     * a digit or a letter ({@link #startsNothing}). A loop of its own, without a call, so that what it keeps stays in
     * registers; it stops one character short of the window's end, where the next one cannot be seen.
     *
     * @return the index of the first character from {@code k} on that needs a closer look ({@link #step}), or
     *     {@code len}
     */
    private static int skipPlain(char[] a, int k, int len) {
        while (k < len) {
            char c = a[k];
            byte cls = CLASS[c];
            if (cls <= JOINER) {
                k++;
                continue;
            }
            if (k + 1 >= len) {
                return k;
            }
            if (cls == LETTER) {
                int e = k + 1;
                while (e < len && CLASS[a[e]] == LETTER) {
                    e++;
                }
                if (e + 1 >= len || e - k > 16) {
                    return k;
                }
                char after = a[e];
                byte next = CLASS[after];
                if (next == OTHER) {
                    // and for two letters those after the blank: "AB 12 34 56 C", a UK NINO
                    if (e - k == 2 && after == ' ' && CLASS[a[e + 1]] == DIGIT && (e + 3 >= len || a[e + 3] == ' ')) {
                        return k;
                    }
                    k = e + 1;
                } else if ((after == '.' || after == '-' || after == ':')
                        && !Words.mayStart(c, a[k + 1], e - k > 2 ? a[k + 2] : after, e - k, after)) {
                    k = e; // what follows is read on its own
                } else {
                    return k;
                }
                continue;
            }
            if (cls == DIGIT) {
                int d = Numbers.shortEnd(a, k, len);
                if (d < 0) {
                    return k;
                }
                k = d;
                continue;
            }
            if (!startsNothing(c, a[k + 1])) {
                return k;
            }
            k++;
        }
        return len;
    }

    /**
     * Whether the punctuation character {@code c} starts nothing before {@code next}: a {@code -} not followed by
     * another (a PEM header), a {@code + (} not followed by a digit (a phone number, a form-encoded space), a
     * {@code % \ &} that starts no escape ({@code 50% of}, {@code R&D}).
     */
    private static boolean startsNothing(char c, char next) {
        switch (c) {
            case '-':
                return next != '-';
            case '+':
            case '(':
                return CLASS[next] != DIGIT;
            case '%':
                return !Chars.hex(next);
            case '\\':
                return next != 'u' && next != 'U' && next != 'x';
            case '&':
                return next != '#' && CLASS[next] != LETTER;
            default:
                return false;
        }
    }

    /**
     * Whether two digits and a blank follow the blank at {@code e}, as after the letters of "AB 12 34 56 C", a UK
     * NINO written in groups; "in 2014" and "to 10 of" are not.
     */
    private static boolean nino(String s, int e, int n) {
        return e + 3 < n && Chars.digit(s.charAt(e + 1)) && s.charAt(e + 3) == ' ';
    }

    /**
     * Reads the text at {@code i}, where the fast loop of {@link #scan} could not go on by itself: runs the detectors
     * that may start there, and with {@code checkTriggers} looks at the characters at {@code i} and at those a
     * detector consumed for a trigger of the normalised view.
     *
     * @return where the scan goes on, or -1 at a trigger
     */
    private static int step(String s, int i, int n, long enabled, Work w, boolean checkTriggers) {
        char c = s.charAt(i);
        int next;
        switch (CLASS[c]) {
            case NON_ASCII:
                if (checkTriggers && Evasion.triggerAt(s, i, w)) {
                    return -1;
                }
                // a word of another script starts nothing; its ASCII letters and digits go with it
                return Character.isLetterOrDigit(c) ? skipWord(s, i + 1, n) : i + 1;
            case LETTER: {
                int e = letterRunEnd(s, i + 1, n);
                if (plainWord(s, i, e, n, e < n ? s.charAt(e) : ' ')) {
                    return e;
                }
                next = Words.letter(s, i, n, enabled, w);
                break;
            }
            case DIGIT:
                next = Numbers.digit(s, i, n, enabled, w);
                break;
            case AT:
                next = Punct.email(s, i, n, enabled, w);
                break;
            case PLUS:
                if (checkTriggers && Evasion.triggerAt(s, i, w)) {
                    return -1;
                }
                next = phone(w, i, (enabled & (1L << Types.PHONE)) != 0 ? Numbers.plus(s, i, n, w) : -1);
                break;
            case PAREN:
                next = phone(w, i, (enabled & (1L << Types.PHONE)) != 0 ? Numbers.paren(s, i, n, w) : -1);
                break;
            case COLON:
                next = colon(s, i, n, enabled, w);
                break;
            case EQUALS:
                if ((enabled & (1L << Types.GENERIC_SECRET)) != 0) {
                    Punct.assignment(s, i, n, w);
                }
                next = i + 1;
                break;
            case GREATER:
                if ((enabled & (1L << Types.GENERIC_SECRET)) != 0) {
                    Punct.xmlElement(s, i, n, w);
                }
                next = i + 1;
                break;
            case DASH:
                next = i + 1;
                if (i + 10 < n && s.charAt(i + 1) == '-' && (enabled & (1L << Types.PRIVATE_KEY)) != 0) {
                    int e = Punct.pem(s, i, n, w);
                    if (e > 0) {
                        next = hit(w, i, e, Types.PRIVATE_KEY);
                    }
                }
                break;
            case LESS:
                // what the redactor wrote (<EMAIL_ADDRESS_1>, a HASH <US_SSN_3f9a…>) is never read again
                next = replacementEnd(s, i, n);
                break;
            case ESCAPE:
                return checkTriggers && Evasion.triggerAt(s, i, w) ? -1 : i + 1;
            default:
                return i + 1;
        }
        if (checkTriggers && next > i + 1 && Evasion.triggerIn(s, i + 1, next, w)) {
            return -1; // inside what the detector consumed
        }
        return next;
    }

    private static boolean stop(Work w) {
        w.hits = 0; // a detector may have read over the disguise
        w.forget();
        return true;
    }

    /**
     * Whether the ASCII word {@code s[i, e)} followed by {@code after} starts nothing, so that no detector need see
     * it. Most words of prose are such: letters only, at most 16 of them, followed by a blank or by punctuation
     * that makes them part of no key, address or label. A word followed by {@code - . :} is plain too unless its
     * first characters may begin a key or an address ({@link Words#mayStart}).
     */
    private static boolean plainWord(String s, int i, int e, int n, char after) {
        if (e - i > 16) {
            return false;
        }
        if (after >= 128) {
            return !Character.isLetterOrDigit(after);
        }
        switch (after) {
            case '-':
            case '.':
            case ':':
                return !Words.mayStart(s.charAt(i), s.charAt(i + 1), e - i > 2 ? s.charAt(i + 2) : after, e - i,
                        after);
            case '_':
            case '~':
                return false;
            case ' ':
                return e - i != 2 || !nino(s, e, n);
            default:
                return CLASS[after] != DIGIT;
        }
    }

    /** {@code ::} may start a compressed IPv6 address; any {@code :} may assign a secret. */
    private static int colon(String s, int i, int n, long enabled, Work w) {
        if (i + 2 < n && s.charAt(i + 1) == ':' && (enabled & (1L << Types.IP)) != 0
                && (i == 0 || !(Chars.word(s.charAt(i - 1)) || s.charAt(i - 1) == ':'))) {
            int e = Numbers.ipv6(s, i, n, w);
            if (e > 0) {
                return hit(w, i, e, Types.IP);
            }
        }
        if ((enabled & (1L << Types.GENERIC_SECRET)) != 0) {
            Punct.assignment(s, i, n, w);
        }
        return i + 1;
    }

    /** @return the end of the run of ASCII letters from {@code i} */
    private static int letterRunEnd(String s, int i, int n) {
        while (i < n) {
            char c = s.charAt(i);
            if (CLASS[c] != LETTER) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * @return the end of a placeholder or hash the redactor writes ({@code <TYPE_n>}, {@code <TYPE_abcdefghijklmnop>}) at the
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
            } else if (!(Chars.upper(c) || Chars.digit(c) || (underscore > 0 && c >= 'a' && c <= 'p'))) {
                return i + 1;
            }
            p++;
        }
        if (p >= n || s.charAt(p) != '>' || underscore < 0 || underscore + 1 == p) {
            return i + 1;
        }
        // a placeholder's number (a few digits), or a hash's 16 letters a-p: a value wrapped to look like one
        // (<X_4111111111111111>) is still read
        int len = p - underscore - 1;
        boolean digits = true;
        boolean letters = true;
        for (int k = underscore + 1; k < p; k++) {
            char c = s.charAt(k);
            digits &= Chars.digit(c);
            letters &= c >= 'a' && c <= 'p';
        }
        return digits && len <= 6 || letters && len == 16 ? p + 1 : i + 1;
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
            byte k = CLASS[c];
            if (k != LETTER && k != DIGIT) {
                break;
            }
            i++;
        }
        return i;
    }
}
