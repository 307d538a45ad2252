package dev.aims.redact.internal;

/**
 * The detectors that start on a digit, a {@code +} or a {@code (}: phone numbers, cards, SSNs, NHS numbers, IPv4,
 * and the hexadecimal shapes (IPv6, MAC) and Base58 addresses that may begin with a digit. Each reads the text in
 * place and returns the end of what it accepted, or -1.
 */
final class Numbers {
    private static final int NO = -1;

    /** Two-digit country calling codes; other codes starting 2-9 have three digits, and 1 and 7 have one. */
    private static final boolean[] CC2 = new boolean[100];
    /** National number lengths, {@code min * 100 + max}, by country code; 0 for "6 to 12". */
    private static final short[] NATIONAL = new short[1000];

    static {
        int[] two = {20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57,
            58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98};
        for (int cc : two) {
            CC2[cc] = true;
        }
        String lengths = "1:10-10 7:10-10 20:9-10 27:9-9 30:10-10 31:9-9 32:8-9 33:9-9 34:9-9 36:8-9 39:6-11 40:9-9"
                + " 41:9-9 43:4-13 44:9-10 45:8-8 46:7-10 47:8-8 48:9-9 49:6-13 51:8-9 52:10-10 54:10-11 55:10-11"
                + " 56:9-9 57:10-10 58:10-10 60:8-10 61:9-9 62:8-12 63:8-10 64:8-10 65:8-8 66:8-9 81:9-10 82:8-10"
                + " 84:9-10 86:11-11 90:10-10 91:10-10 92:9-10 351:9-9 352:6-11 353:7-9 354:7-9 356:8-8 357:8-8"
                + " 358:5-12 359:7-9 370:8-8 371:8-8 372:7-8 380:9-9 385:8-9 386:8-8 420:9-9 421:9-9 852:8-8"
                + " 971:8-9 972:8-9 966:9-9";
        for (String entry : lengths.split(" ")) {
            int colon = entry.indexOf(':');
            int dash = entry.indexOf('-');
            int cc = Integer.parseInt(entry.substring(0, colon));
            int min = Integer.parseInt(entry.substring(colon + 1, dash));
            int max = Integer.parseInt(entry.substring(dash + 1));
            NATIONAL[cc] = (short) (min * 100 + max);
        }
    }

    private Numbers() {
    }

    // ------------------------------------------------------------------------------------------------ digit start

    /**
     * Tries every detector that can start on the digit at {@code i} and records the best hit.
     *
     * @return where the scan goes on
     */
    static int digit(String s, int i, int n, long enabled, Work w) {
        if (continues(s, i)) {
            return Scanner.skipWord(s, i + 1, n);
        }
        char c0 = s.charAt(i);
        int d = Chars.digitsEnd(s, i, n);
        int len = d - i;
        char after = d < n ? s.charAt(d) : '\0';
        if (len <= 4 && !Chars.alnum(after) && after != '_' && after != ':' && after != '.' && after != '-'
                && after != '/'
                && (after != ' ' && after != '\t' || gapEnd(s, d, n) < 0)) {
            // a short number on its own ("in 2014,", "90 percent"): nothing starts here (the scanner's window
            // decides most of these without a call, see shortEnd)
            return d;
        }
        int bestEnd = NO;
        int bestType = -1;

        if ((c0 == '1' || c0 == '3') && Chars.letter(after) && on(enabled, Types.CRYPTO)) {
            int e = base58(s, i, n);
            if (e > 0) {
                return Scanner.hit(w, i, e, Types.CRYPTO);
            }
        }
        if (len <= 4 && i + 5 < n && s.charAt(i + 5) == '~' && s.charAt(i + 4) == 'Q' && Chars.digit(s.charAt(i + 3))
                && on(enabled, Types.AZURE_AD_CLIENT_SECRET)) {
            int e = Words.azure(s, i, n);
            if (e > 0) {
                return Scanner.hit(w, i, e, Types.AZURE_AD_CLIENT_SECRET);
            }
        }
        int id = Ids.digitStart(s, i, len, after, n, enabled, w);
        if (id > 0) {
            return id;
        }
        if (len <= 4 && !midAddress(s, i) && (after == ':' || Chars.hex(after) && !Chars.digit(after)
                || (after == '-' && len == 2) || (after == '.' && len == 4))) {
            int e = on(enabled, Types.MAC) ? mac(s, i, n) : NO;
            if (e > 0) {
                bestEnd = e;
                bestType = Types.MAC;
            }
            e = on(enabled, Types.IP) ? ipv6(s, i, n, w) : NO;
            if (e > bestEnd) {
                bestEnd = e;
                bestType = Types.IP;
            }
            if (bestEnd > 0) {
                return Scanner.hit(w, i, bestEnd, bestType);
            }
        }
        if (Chars.letter(after) || after == '_') {
            return Scanner.skipWord(s, d, n);
        }
        if (after == '.' && len <= 3 && on(enabled, Types.IP)) {
            int e = ipv4(s, i, n);
            if (e > 0) {
                return Scanner.hit(w, i, e, Types.IP);
            }
        }
        int groups = readGroups(s, i, n, w);
        if (groups == 0) {
            return Scanner.skipWord(s, d, n);
        }
        int[] gs = w.groupStart;
        int[] ge = w.groupEnd;
        // cards
        if (on(enabled, Types.CARD)) {
            int e = card(s, w, 0);
            if (e > bestEnd) {
                bestEnd = e;
                bestType = Types.CARD;
            }
        }
        // SSN: 3-2-4 with one separator, or nine digits after an SSN word
        if (on(enabled, Types.SSN)) {
            int e = NO;
            if (groups >= 3 && ge[0] - gs[0] == 3 && ge[1] - gs[1] == 2 && ge[2] - gs[2] == 4
                    && sameSep(s, w, 3) && (groups == 3 || !sameSep(s, w, 4))) {
                e = ge[2];
            } else if (ge[0] - gs[0] == 9 && Context.near(s, i, Context.SSN)) {
                e = ge[0];
            }
            if (e > 0 && Validators.ssn(s, i, e) && better(e, Types.SSN, bestEnd, bestType)) {
                bestEnd = e;
                bestType = Types.SSN;
            }
        }
        // NHS: 3-3-4 spaced or dashed, or ten digits after an NHS word
        int nhsEnd = NO;
        if (on(enabled, Types.NHS)) {
            if (groups >= 3 && ge[0] - gs[0] == 3 && ge[1] - gs[1] == 3 && ge[2] - gs[2] == 4
                    && sameSep(s, w, 3) && sep(w, 0) != '/'
                    && (groups == 3 || !sameSep(s, w, 4))) {
                nhsEnd = ge[2];
            } else if (ge[0] - gs[0] == 10 && Context.near(s, i, Context.NHS)) {
                nhsEnd = ge[0];
            }
            if (nhsEnd > 0 && !Validators.nhs(s, i, nhsEnd)) {
                nhsEnd = NO;
            }
        }
        // phones without a +
        if (on(enabled, Types.PHONE)) {
            int e = nationalPhone(s, i, w);
            if (e > 0 && e == nhsEnd) {
                // the same spaced 3-3-4 digits: the checksum decides unless the words around say "phone"
                if (Context.near(s, i, Context.PHONE) && !Context.near(s, i, Context.NHS)) {
                    nhsEnd = NO;
                } else {
                    e = NO;
                }
            }
            if (better(e, Types.PHONE, bestEnd, bestType)) {
                bestEnd = e;
                bestType = Types.PHONE;
            }
        }
        if (better(nhsEnd, Types.NHS, bestEnd, bestType)) {
            bestEnd = nhsEnd;
            bestType = Types.NHS;
        }
        if (bestEnd > 0) {
            return Scanner.hit(w, i, bestEnd, bestType);
        }
        id = Ids.grouped(s, i, n, enabled, w, k -> sameSep(s, w, k));
        if (id > 0) {
            return id;
        }
        // A card written after another number ("order 12 4111 1111 1111 1111"): try it from each later group.
        if (on(enabled, Types.CARD)) {
            for (int g = 1; g < groups; g++) {
                int e = card(s, w, g);
                if (e > 0) {
                    return Scanner.hit(w, gs[g], e, Types.CARD);
                }
            }
        }
        // Nothing here. Groups joined by another separator start a new token ("7 536-56-1584"); the rest of a
        // run joined by one separator is skipped, so that the tail of a near miss is not read as something else.
        for (int g = 1; g < groups; g++) {
            if (w.groupGap[g - 1] != w.groupGap[0]) {
                return ge[g - 1];
            }
        }
        return w.letterTail ? Scanner.skipWord(s, ge[groups - 1], n) : ge[groups - 1];
    }

    /**
     * The first case of {@link #digit}, a short number on its own, read in the scanner's window so that it costs no
     * call: at most four digits not continuing a number ({@link #continues}), followed by nothing that joins them to
     * more ({@code _ : . - /}, a letter, or blanks and a digit: {@link #gapEnd}).
     *
     * @param a   the window
     * @param k   the index of a digit in it
     * @param len the end of the window
     * @return the end of the number when it is such, or -1 when {@link #digit} must decide (also when the window
     *     ends too soon to tell)
     */
    static int shortEnd(char[] a, int k, int len) {
        if (k < 2 || (a[k - 1] == '.' || a[k - 1] == '_') && Chars.digit(a[k - 2])) {
            return NO;
        }
        int d = k + 1;
        while (d < len && Chars.digit(a[d])) {
            d++;
        }
        if (d - k > 4 || d + 3 >= len) {
            return NO;
        }
        char after = a[d];
        if (Chars.alnum(after) || after == '_' || after == ':' || after == '.' || after == '-' || after == '/') {
            return NO;
        }
        if (after == ' ' || after == '\t') {
            // gapEnd on the window: up to three blanks with at most one of - . / among them, then a digit
            int p = d;
            boolean punct = false;
            while (p - d < 3) {
                char c = a[p];
                if (c == ' ' || c == '\t') {
                    p++;
                } else if (!punct && (c == '-' || c == '.' || c == '/')) {
                    punct = true;
                    p++;
                } else {
                    break;
                }
            }
            if (Chars.digit(a[p])) {
                return NO;
            }
        }
        return d;
    }

    /**
     * Whether the digits at {@code i} continue a number rather than start a value: after a digit and a {@code .}
     * (a decimal, a version, an address) or an {@code _}. After a letter, a quote, a bracket or any delimiter
     * ({@code ,} of a CSV cell, {@code -} of {@code card-}, {@code #}, {@code =}, {@code :}) a value may start.
     */
    private static boolean continues(String s, int i) {
        if (i < 2) {
            return false;
        }
        char prev = s.charAt(i - 1);
        return (prev == '.' || prev == '_') && Chars.digit(s.charAt(i - 2));
    }

    /**
     * Whether {@code i} is the third or a later group of a colon- or dash-joined hex run ({@code 00:11:22}): an
     * address never starts there. The second group may start one, after a label that reads as hex ({@code mac:}).
     */
    static boolean midAddress(String s, int i) {
        if (i < 2) {
            return false;
        }
        char sep = s.charAt(i - 1);
        if (sep != ':' && sep != '-') {
            return false;
        }
        int j = i - 2;
        while (j >= 0 && i - 2 - j < 4 && Chars.hex(s.charAt(j))) {
            j--;
        }
        return j < i - 2 && j >= 0 && s.charAt(j) == sep;
    }

    private static boolean on(long enabled, int type) {
        return (enabled & (1L << type)) != 0;
    }

    private static boolean better(int end, int type, int bestEnd, int bestType) {
        if (end <= 0) {
            return false;
        }
        return end > bestEnd || (end == bestEnd && Types.rank(type) > Types.rank(bestType));
    }

    /**
     * Reads digit groups into the work area. Groups are joined by a gap of one to three characters: spaces or tabs,
     * with at most one of {@code - . /} among them ({@code 4111 1111}, {@code 4111.1111}, {@code 4111  1111},
     * {@code 4111 - 1111}); {@link Work#groupGap} keeps each gap's shape so that a layout can require one shape
     * throughout.
     *
     * @return the number of groups, 0 when the token is really an identifier (a UUID, a hex id)
     */
    static int readGroups(String s, int i, int n, Work w) {
        int g = 0;
        int p = i;
        w.letterTail = false;
        while (g < w.groupStart.length) {
            int e = Chars.digitsEnd(s, p, n);
            if (e < n && (Chars.letter(s.charAt(e)) || s.charAt(e) == '_')) {
                w.letterTail = true;
                if (g > 0 && (w.groupGap[g - 1] >> 8) != 0) {
                    return 0; // 1234-56ab: an identifier
                }
                break;
            }
            w.groupStart[g] = p;
            w.groupEnd[g] = e;
            g++;
            int next = gapEnd(s, e, n);
            if (next > 0) {
                w.groupGap[g - 1] = gap(s, e, next);
                p = next;
                continue;
            }
            break;
        }
        w.groups = g;
        return g;
    }

    /** @return the end of a gap between digit groups at {@code e}, followed by a digit, or -1 */
    private static int gapEnd(String s, int e, int n) {
        int p = e;
        boolean punct = false;
        while (p < n && p - e < 3) {
            char c = s.charAt(p);
            if (c == ' ' || c == '\t') {
                p++;
            } else if (!punct && (c == '-' || c == '.' || c == '/')) {
                punct = true;
                p++;
            } else {
                break;
            }
        }
        return p > e && p < n && Chars.digit(s.charAt(p)) ? p : -1;
    }

    /** @return a code of a gap's shape: its punctuation, the blanks before and the blanks after it */
    private static int gap(String s, int from, int to) {
        int before = 0;
        int after = 0;
        char punct = 0;
        for (int p = from; p < to; p++) {
            char c = s.charAt(p);
            if (c == ' ' || c == '\t') {
                if (punct == 0) {
                    before++;
                } else {
                    after++;
                }
            } else {
                punct = c;
            }
        }
        return punct << 8 | before << 4 | after;
    }

    /** @return the separator of the gap after group {@code g}: its punctuation, or a space */
    private static char sep(Work w, int g) {
        char punct = (char) (w.groupGap[g] >> 8);
        return punct == 0 ? ' ' : punct;
    }

    /** Whether the first {@code k} groups are joined by one and the same separator. */
    private static boolean sameSep(String s, Work w, int k) {
        return sameSep(s, w, 0, k);
    }

    /** Whether groups {@code first} to {@code k - 1} are joined by gaps of one and the same shape. */
    private static boolean sameSep(String s, Work w, int first, int k) {
        if (k > w.groups) {
            return false;
        }
        for (int g = first + 2; g < k; g++) {
            if (w.groupGap[g - 1] != w.groupGap[first]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A card number from group {@code first}: 13-19 digits, contiguous or in the printed groupings (4-4-4-4[-3],
     * 4-6-5, 4-6-4), one separator, Luhn, and an issuer's prefix and length. Every grouping starts with four
     * digits, so only a handful of candidates are ever checked.
     */
    private static int card(String s, Work w, int first) {
        int[] gs = w.groupStart;
        int[] ge = w.groupEnd;
        int len0 = ge[first] - gs[first];
        if (len0 >= 13 && len0 <= 19) {
            return cardValid(s, gs[first], ge[first]) ? ge[first] : NO;
        }
        if (len0 != 4) {
            return NO;
        }
        for (int k = Math.min(w.groups, first + 5); k >= first + 3; k--) {
            if (cardGrouping(w, first, k) && sameSep(s, w, first, k) 
                    && cardValid(s, gs[first], ge[k - 1])) {
                return ge[k - 1];
            }
        }
        return NO;
    }

    private static boolean cardValid(String s, int from, int to) {
        return Validators.luhn(s, from, to) && Validators.cardIssuer(s, from, to);
    }

    private static boolean cardGrouping(Work w, int first, int k) {
        int[] gs = w.groupStart;
        int[] ge = w.groupEnd;
        int count = k - first;
        if (count == 3 && ge[first] - gs[first] == 4 && ge[first + 1] - gs[first + 1] == 6) {
            int last = ge[first + 2] - gs[first + 2];
            return last == 5 || last == 4;
        }
        if (count < 4) {
            return false;
        }
        for (int g = first; g < k - 1; g++) {
            if (ge[g] - gs[g] != 4) {
                return false;
            }
        }
        int last = ge[k - 1] - gs[k - 1];
        return last >= 1 && last <= (count == 5 ? 3 : 4);
    }

    /**
     * A phone number without a leading {@code +}: North American (NXX NXX XXXX with spaces, dots or dashes,
     * optionally after a 1), a national number starting with a single 0 in the groupings of European numbering
     * plans, or an international number after {@code 00}. Bare digit runs count only after a phone word.
     */
    private static int nationalPhone(String s, int i, Work w) {
        int[] gs = w.groupStart;
        int[] ge = w.groupEnd;
        int groups = w.groups;
        int len0 = ge[0] - gs[0];
        char c0 = s.charAt(i);
        if (c0 == '0' && len0 >= 2 && s.charAt(i + 1) == '0') {
            return international(s, i + 2, w);
        }
        if (groups >= 3 && len0 == 3 && ge[1] - gs[1] == 2 && ge[2] - gs[2] == 4
                && (groups == 3 || !sameSep(s, w, 4))) {
            return NO; // the layout of an SSN, not of a phone number
        }
        if (c0 == '0') {
            // national European: 0 + area, 9-12 digits in all, one separator throughout
            int best = NO;
            int digits = 0;
            for (int k = 1; k <= groups; k++) {
                int glen = ge[k - 1] - gs[k - 1];
                if ((k == 1 && (glen < 2 || glen > 5) && groups > 1) || (k > 1 && (glen < 2 || glen > 8))) {
                    break;
                }
                if (k > 1 && !sameSep(s, w, k)) {
                    break;
                }
                digits += glen;
                if (digits > 12) {
                    break;
                }
                if (digits >= 9 && (k > 1 || Context.near(s, i, Context.PHONE))) {
                    best = ge[k - 1];
                }
            }
            return best;
        }
        // North American Numbering Plan
        int first = 0;
        if (len0 == 1 && c0 == '1' && groups >= 4) {
            first = 1;
        }
        if (groups - first >= 3 && ge[first] - gs[first] == 3 && ge[first + 1] - gs[first + 1] == 3
                && ge[first + 2] - gs[first + 2] == 4 && sameSep(s, w, first + 3) && sep(w, first) != '/'
                && (groups == first + 3 || !sameSep(s, w, first + 4))) {
            return nanp(s, gs[first], gs[first + 1]) ? ge[first + 2] : NO;
        }
        if (len0 == 10 && nanp(s, i, i + 3) && Context.near(s, i, Context.PHONE)) {
            return ge[0];
        }
        if (len0 == 11 && c0 == '1' && nanp(s, i + 1, i + 4) && Context.near(s, i, Context.PHONE)) {
            return ge[0];
        }
        return NO;
    }

    /** Area code and exchange both start with 2-9. */
    private static boolean nanp(String s, int area, int exchange) {
        return s.charAt(area) >= '2' && s.charAt(exchange) >= '2';
    }

    // ------------------------------------------------------------------------------------------------ + and (

    /** A phone number at a {@code +}. */
    static int plus(String s, int i, int n, Work w) {
        if (i > 0 && (Chars.word(s.charAt(i - 1)) || s.charAt(i - 1) == '+')) {
            return NO;
        }
        if (i + 1 >= n || s.charAt(i + 1) < '1' || s.charAt(i + 1) > '9') {
            return NO;
        }
        return international(s, i + 1, w);
    }

    /** A phone number at a {@code (}: {@code (NXX) NXX-XXXX} or a national {@code (0…)} area code. */
    static int paren(String s, int i, int n, Work w) {
        if (i + 2 >= n || !Chars.digit(s.charAt(i + 1)) || (i > 0 && Chars.word(s.charAt(i - 1)))
                || (s.charAt(i + 1) == '0' && s.charAt(i + 2) == '0')) {
            return NO; // (00…) is an area code nowhere
        }
        int groups = readPhoneGroups(s, i, n, w);
        if (groups < 2) {
            return NO;
        }
        int[] gs = w.phoneStart;
        int[] ge = w.phoneEnd;
        if (s.charAt(i + 1) != '0') {
            if (groups >= 3 && ge[0] - gs[0] == 3 && ge[1] - gs[1] == 3 && ge[2] - gs[2] == 4
                    && nanp(s, gs[0], gs[1])) {
                return ge[2];
            }
            if (groups >= 2 && ge[0] - gs[0] == 3 && ge[1] - gs[1] == 7 && nanp(s, gs[0], gs[1])) {
                return ge[1];
            }
            return NO;
        }
        int digits = 0;
        int best = NO;
        for (int g = 0; g < groups; g++) {
            digits += ge[g] - gs[g];
            if (digits > 12) {
                break;
            }
            if (digits >= 9) {
                best = ge[g];
            }
        }
        return best;
    }

    /**
     * Digit groups of a written phone number: single separators ({@code space - . /}), and parenthesised groups
     * such as {@code (415)} or the {@code (0)} trunk prefix.
     */
    private static int readPhoneGroups(String s, int p, int n, Work w) {
        int g = 0;
        w.letterTail = false;
        int parenMask = 0;
        while (g < w.phoneStart.length) {
            boolean open = false;
            int q = p;
            if (q < n && s.charAt(q) == '(') {
                open = true;
                q++;
            }
            int e = Chars.digitsEnd(s, q, n);
            if (e == q) {
                break;
            }
            if (e < n && (Chars.letter(s.charAt(e)) || s.charAt(e) == '_')) {
                w.letterTail = true;
                break;
            }
            if (open) {
                if (e >= n || s.charAt(e) != ')') {
                    break;
                }
                parenMask |= 1 << g;
            }
            w.phoneStart[g] = q;
            w.phoneEnd[g] = e;
            g++;
            int gap = open ? e + 1 : e;
            int next = gap;
            if (next < n) {
                char c = s.charAt(next);
                if (c == ' ' || c == '-' || c == '.' || c == '/') {
                    next++;
                }
            }
            if (next < n && (Chars.digit(s.charAt(next)) || (s.charAt(next) == '(' && next + 1 < n
                    && Chars.digit(s.charAt(next + 1))))) {
                if (next == gap && !open && s.charAt(next) != '(') {
                    break; // cannot happen: digits would have continued the group
                }
                p = next;
                continue;
            }
            break;
        }
        w.phoneGroups = g;
        w.parenMask = parenMask;
        return g;
    }

    /**
     * An international number whose country code starts at {@code p}, over the groups read by
     * {@link #readPhoneGroups}: a valid country code, a national number of that country's length (6-12 digits for
     * countries not in the table), at most 15 digits in all.
     */
    private static int international(String s, int p, Work w) {
        int n = s.length();
        if (p >= n || !Chars.digit(s.charAt(p)) || s.charAt(p) == '0') {
            return NO;
        }
        if (readPhoneGroups(s, p, n, w) == 0) {
            return NO;
        }
        int[] gs = w.phoneStart;
        int[] ge = w.phoneEnd;
        int groups = w.phoneGroups;
        // country code from the leading digits
        int d1 = s.charAt(p) - '0';
        int ccLen;
        int cc;
        if (d1 == 1 || d1 == 7) {
            ccLen = 1;
            cc = d1;
        } else {
            int two = leadingDigits(s, w, 2);
            if (two < 0) {
                return NO;
            }
            if (CC2[two]) {
                ccLen = 2;
                cc = two;
            } else {
                cc = leadingDigits(s, w, 3);
                if (cc < 0) {
                    return NO;
                }
                ccLen = 3;
            }
        }
        int min = 6;
        int max = 15 - ccLen;
        if (NATIONAL[cc] != 0) {
            min = NATIONAL[cc] / 100;
            max = NATIONAL[cc] % 100;
        }
        int digits = 0;
        int best = NO;
        for (int g = 0; g < groups; g++) {
            int glen = ge[g] - gs[g];
            boolean trunk = (w.parenMask & (1 << g)) != 0 && glen == 1 && s.charAt(gs[g]) == '0' && g > 0;
            if (!trunk) {
                digits += glen;
            }
            int national = digits - ccLen;
            if (national > max) {
                break;
            }
            if (national >= min && digits >= 8) {
                if (cc == 1 && !(s.charAt(nthDigit(s, w, 1)) >= '2' && s.charAt(nthDigit(s, w, 4)) >= '2')) {
                    return NO;
                }
                best = ge[g];
            }
        }
        return best;
    }

    /** @return the number formed by the first {@code k} digits of the groups, or -1 if there are fewer */
    private static int leadingDigits(String s, Work w, int k) {
        int v = 0;
        int got = 0;
        for (int g = 0; g < w.phoneGroups && got < k; g++) {
            for (int j = w.phoneStart[g]; j < w.phoneEnd[g] && got < k; j++) {
                v = v * 10 + (s.charAt(j) - '0');
                got++;
            }
        }
        return got == k ? v : -1;
    }

    /** @return the index of the {@code k}-th digit (0-based) of the groups */
    private static int nthDigit(String s, Work w, int k) {
        int got = 0;
        for (int g = 0; g < w.phoneGroups; g++) {
            int glen = w.phoneEnd[g] - w.phoneStart[g];
            if (got + glen > k) {
                return w.phoneStart[g] + (k - got);
            }
            got += glen;
        }
        return w.phoneStart[0];
    }

    // ------------------------------------------------------------------------------------------------ addresses

    /** IPv4: four decimal octets 0-255 without leading zeros, not part of a longer dotted run. */
    static int ipv4(String s, int i, int n) {
        int p = i;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (p >= n || s.charAt(p) != '.') {
                    return NO;
                }
                p++;
            }
            int e = Chars.digitsEnd(s, p, n);
            int len = e - p;
            if (len == 0 || len > 3 || (len > 1 && s.charAt(p) == '0')) {
                return NO;
            }
            int v = 0;
            for (int j = p; j < e; j++) {
                v = v * 10 + (s.charAt(j) - '0');
            }
            if (v > 255) {
                return NO;
            }
            p = e;
        }
        if (p < n) {
            char c = s.charAt(p);
            if (Chars.alnum(c) || c == '_' || ((c == '.' || c == '-') && p + 1 < n && Chars.alnum(s.charAt(p + 1)))) {
                return NO;
            }
        }
        return p;
    }

    /**
     * IPv6: eight groups of 1-4 hex digits, or fewer with one {@code ::}, optionally ending in an IPv4 address.
     */
    static int ipv6(String s, int i, int n, Work w) {
        if (w.known(Types.IP, i)) {
            return NO;
        }
        int e = ipv6(s, i, n);
        if (e < 0) {
            // a start inside the colon-joined run just read would begin mid-address
            w.failUntil(Types.IP, -e - 2);
            return NO;
        }
        return e;
    }

    /** @return the end of the address, or {@code -2 - p} where {@code p} is where reading stopped */
    private static int ipv6(String s, int i, int n) {
        int p = i;
        int groups = 0;
        boolean compressed = false;
        boolean leading = false;
        if (s.startsWith("::", p)) {
            compressed = true;
            leading = true;
            p += 2;
            if (p >= n || !Chars.hex(s.charAt(p))) {
                return -2 - p;
            }
        }
        while (true) {
            int q = p;
            while (q < n && q - p < 5 && Chars.hex(s.charAt(q))) {
                q++;
            }
            int len = q - p;
            if (len == 0 || len > 4) {
                return -2 - p;
            }
            if (q + 1 < n && s.charAt(q) == '.' && Chars.digit(s.charAt(q + 1)) && groups <= 6
                    && (compressed || groups == 6)) {
                int e4 = ipv4(s, p, n);
                if (e4 < 0) {
                    return -2 - p;
                }
                groups += 2;
                p = e4;
                break;
            }
            groups++;
            p = q;
            if (groups > 8) {
                return -2 - p;
            }
            if (p + 1 < n && s.charAt(p) == ':' && s.charAt(p + 1) == ':') {
                if (compressed) {
                    return -2 - p;
                }
                compressed = true;
                p += 2;
                if (p < n && Chars.hex(s.charAt(p))) {
                    continue;
                }
                break;
            }
            if (p + 1 < n && s.charAt(p) == ':' && Chars.hex(s.charAt(p + 1))) {
                p++;
                continue;
            }
            break;
        }
        if (compressed ? groups > 7 || (groups < 2 && !leading) : groups != 8) {
            return -2 - p;
        }
        if (p + 1 < n && s.charAt(p) == '%' && Chars.alnum(s.charAt(p + 1))) {
            // a zone id: fe80::1%eth0
            int q = p + 1;
            while (q < n && (Chars.alnum(s.charAt(q)) || s.charAt(q) == '_' || s.charAt(q) == '-'
                    || s.charAt(q) == '.')) {
                q++;
            }
            while (s.charAt(q - 1) == '.' || s.charAt(q - 1) == '-') {
                q--;
            }
            p = q;
        }
        if (p < n) {
            char c = s.charAt(p);
            if (Chars.alnum(c) || c == '_' || (c == '.' && p + 1 < n && Chars.alnum(s.charAt(p + 1)))) {
                return -2 - p;
            }
        }
        return p;
    }

    /** MAC: six pairs of hex digits joined by all colons or all dashes, or three quads joined by dots. */
    static int mac(String s, int i, int n) {
        if (i + 14 <= n && s.charAt(i + 4) == '.') {
            for (int g = 0; g < 3; g++) {
                int p = i + g * 5;
                for (int j = p; j < p + 4; j++) {
                    if (!Chars.hex(s.charAt(j))) {
                        return NO;
                    }
                }
                if (g < 2 && s.charAt(p + 4) != '.') {
                    return NO;
                }
            }
            int end = i + 14;
            return macEnd(s, end, n, '.') ? end : NO;
        }
        if (i + 17 > n) {
            return NO;
        }
        char sep = s.charAt(i + 2);
        if (sep != ':' && sep != '-') {
            return NO;
        }
        for (int g = 0; g < 6; g++) {
            int p = i + g * 3;
            if (!Chars.hex(s.charAt(p)) || !Chars.hex(s.charAt(p + 1))) {
                return NO;
            }
            if (g < 5 && s.charAt(p + 2) != sep) {
                return NO;
            }
        }
        int end = i + 17;
        return macEnd(s, end, n, sep) ? end : NO;
    }

    private static boolean macEnd(String s, int end, int n, char sep) {
        if (end >= n) {
            return true;
        }
        char c = s.charAt(end);
        return !(Chars.alnum(c) || c == '_' || (c == sep && end + 1 < n && Chars.hex(s.charAt(end + 1))));
    }

    /** A Base58Check Bitcoin address (P2PKH or P2SH). */
    static int base58(String s, int i, int n) {
        int e = Chars.runEnd(s, i, n, Chars.BASE58);
        if (e - i < 26 || e - i > 35 || (e < n && (Chars.alnum(s.charAt(e)) || s.charAt(e) == '_'))) {
            return NO;
        }
        return Validators.base58Check(s, i, e) ? e : NO;
    }
}
