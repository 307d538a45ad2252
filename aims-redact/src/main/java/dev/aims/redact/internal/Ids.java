package dev.aims.redact.internal;

/**
 * The detectors of national identifiers ({@link NationalIds} holds their check rules). Identifiers with a letter
 * in a fixed place or a check character (UK NINO, Spanish NIF/NIE, codice fiscale, PAN, NRIC/FIN, Finnish PIC) and
 * those in a distinctive grouping with a checksum (Aadhaar 4-4-4, ABN 2-3-3-3, Medicare 4-5-1, ITIN 9XX-XX-XXXX)
 * stand on their own; bare digit runs that many schemes share (a TFN, a PESEL, a passport, a driver's licence, a
 * bank account) count only after a word that names them.
 */
final class Ids {
    private static final int NO = -1;

    /** The schemes a bare run of digits may belong to, in order of preference, their lengths and their words. */
    private static final int[] BARE_TYPES = {Types.IN_AADHAAR, Types.AU_ABN, Types.AU_MEDICARE, Types.PL_PESEL,
        Types.AU_TFN, Types.US_ITIN, Types.US_PASSPORT, Types.US_DRIVER_LICENSE, Types.US_BANK_NUMBER};
    private static final int[] BARE_MIN = {12, 11, 10, 11, 9, 9, 9, 7, 8};
    private static final int[] BARE_MAX = {12, 11, 11, 11, 9, 9, 9, 13, 17};
    private static final Ascii.WordSet[] BARE_CONTEXT = {Context.AADHAAR, Context.ABN, Context.MEDICARE,
        Context.PESEL, Context.TFN, Context.ITIN, Context.PASSPORT, Context.DRIVER, Context.BANK};

    private Ids() {
    }

    private static boolean bareValid(int type, String s, int from, int to) {
        switch (type) {
            case Types.IN_AADHAAR:
                return NationalIds.inAadhaar(s, from, to);
            case Types.AU_ABN:
                return NationalIds.auAbn(s, from, to);
            case Types.AU_MEDICARE:
                return NationalIds.auMedicare(s, from, to);
            case Types.PL_PESEL:
                return NationalIds.plPesel(s, from, to);
            case Types.AU_TFN:
                return NationalIds.auTfn(s, from, to);
            case Types.US_ITIN:
                return NationalIds.usItin(s, from, to);
            default:
                return true;
        }
    }

    private static boolean on(long enabled, int type) {
        return (enabled & (1L << type)) != 0;
    }

    /** Whether a token may end at {@code e}: the text ends, or what follows is no letter, digit or underscore. */
    private static boolean ends(String s, int e, int n) {
        return e >= n || !(Chars.alnum(s.charAt(e)) || s.charAt(e) == '_');
    }

    /**
     * Identifiers that start with a letter, at the word {@code s[i, e)}.
     *
     * @return the end of the hit recorded, or -1
     */
    static int letterStart(String s, int i, int e, int n, long enabled, Work w) {
        int len = e - i;
        char c0 = Character.toUpperCase(s.charAt(i));
        if (len == 9 && Chars.digit(s.charAt(i + 1))) {
            if ("XYZ".indexOf(c0) >= 0 && on(enabled, Types.ES_NIE) && NationalIds.esNie(s, i, e)) {
                return Scanner.hit(w, i, e, Types.ES_NIE);
            }
            if ("STFGM".indexOf(c0) >= 0 && on(enabled, Types.SG_NRIC_FIN) && NationalIds.sgNricFin(s, i, e)) {
                return Scanner.hit(w, i, e, Types.SG_NRIC_FIN);
            }
            if (on(enabled, Types.US_PASSPORT) && Chars.letter(s.charAt(i)) && digits(s, i + 1, e)
                    && Context.near(s, i, Context.PASSPORT)) {
                return Scanner.hit(w, i, e, Types.US_PASSPORT);
            }
        }
        if (len == 8 && "XYZ".indexOf(c0) >= 0 && e + 1 < n && s.charAt(e) == '-' && Chars.letter(s.charAt(e + 1))
                && ends(s, e + 2, n) && on(enabled, Types.ES_NIE) && NationalIds.esNie(s, i, e + 2)) {
            return Scanner.hit(w, i, e + 2, Types.ES_NIE);
        }
        if (len == 9 && Chars.digit(s.charAt(i + 2)) && Chars.letter(s.charAt(i + 1)) && on(enabled, Types.UK_NINO)
                && NationalIds.ukNino(s, i, e)) {
            return Scanner.hit(w, i, e, Types.UK_NINO);
        }
        if (len == 2 && e + 10 < n && s.charAt(e) == ' ' && on(enabled, Types.UK_NINO)) {
            int end = i + 13; // AB 12 34 56 C
            if (s.charAt(i + 5) == ' ' && s.charAt(i + 8) == ' ' && s.charAt(i + 11) == ' ' && ends(s, end, n)
                    && NationalIds.ukNino(s, i, end)) {
                return Scanner.hit(w, i, end, Types.UK_NINO);
            }
        }
        if (len == 10 && Chars.digit(s.charAt(i + 5)) && on(enabled, Types.IN_PAN) && NationalIds.inPan(s, i, e)) {
            return Scanner.hit(w, i, e, Types.IN_PAN);
        }
        if (len == 16 && Chars.digit(s.charAt(i + 6)) && on(enabled, Types.IT_FISCAL_CODE)
                && NationalIds.itFiscalCode(s, i, e)) {
            return Scanner.hit(w, i, e, Types.IT_FISCAL_CODE);
        }
        if (len >= 5 && len <= 15 && on(enabled, Types.US_DRIVER_LICENSE) && Chars.letter(s.charAt(i))
                && digits(s, Chars.letter(s.charAt(i + 1)) ? i + 2 : i + 1, e) && Context.near(s, i, Context.DRIVER)) {
            return Scanner.hit(w, i, e, Types.US_DRIVER_LICENSE);
        }
        return NO;
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int p = from; p < to; p++) {
            if (!Chars.digit(s.charAt(p))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Identifiers that start with a digit run of {@code len} digits at {@code i} followed by {@code after}: the NIF
     * (eight digits and a letter) and the Finnish PIC (six digits, a century sign, four characters).
     *
     * @return the end of the hit recorded, or -1
     */
    static int digitStart(String s, int i, int len, char after, int n, long enabled, Work w) {
        int d = i + len;
        if (len == 8 && on(enabled, Types.ES_NIF)) {
            int end = Chars.letter(after) ? d + 1 : after == '-' && d + 1 < n && Chars.letter(s.charAt(d + 1))
                    ? d + 2 : NO;
            if (end > 0 && ends(s, end, n) && NationalIds.esNif(s, i, end)) {
                return Scanner.hit(w, i, end, Types.ES_NIF);
            }
        }
        if (len == 6 && i + 11 <= n && on(enabled, Types.FI_PIC) && ends(s, i + 11, n)
                && NationalIds.fiPic(s, i, i + 11, after == ' ' && w.queryPlus(d) ? '+' : after)) {
            return Scanner.hit(w, i, i + 11, Types.FI_PIC);
        }
        return NO;
    }

    /**
     * Identifiers written as digit groups, read by {@code Numbers.readGroups} into {@code w}, when no other type
     * claimed them.
     *
     * @param sameGap whether groups {@code 0..k-1} share one gap shape, by {@code k}
     * @return the end of the hit recorded, or -1
     */
    static int grouped(String s, int i, int n, long enabled, Work w, java.util.function.IntPredicate sameGap) {
        int[] gs = w.groupStart;
        int[] ge = w.groupEnd;
        int groups = w.groups;
        int l0 = ge[0] - gs[0];
        int l1 = groups > 1 ? ge[1] - gs[1] : 0;
        int l2 = groups > 2 ? ge[2] - gs[2] : 0;
        int l3 = groups > 3 ? ge[3] - gs[3] : 0;
        if (groups >= 3 && sameGap.test(3) && l0 == 4 && l1 == 4 && l2 == 4 && (groups == 3 || !sameGap.test(4))
                && on(enabled, Types.IN_AADHAAR) && NationalIds.inAadhaar(s, i, ge[2])) {
            return Scanner.hit(w, i, ge[2], Types.IN_AADHAAR);
        }
        if (groups >= 4 && sameGap.test(4) && l0 == 2 && l1 == 3 && l2 == 3 && l3 == 3
                && on(enabled, Types.AU_ABN) && NationalIds.auAbn(s, i, ge[3])) {
            return Scanner.hit(w, i, ge[3], Types.AU_ABN);
        }
        if (groups >= 3 && sameGap.test(3) && l0 == 4 && l1 == 5 && l2 == 1 && on(enabled, Types.AU_MEDICARE)
                && NationalIds.auMedicare(s, i, ge[2])) {
            return Scanner.hit(w, i, ge[2], Types.AU_MEDICARE);
        }
        if (groups >= 3 && sameGap.test(3) && l0 == 3 && l1 == 2 && l2 == 4 && on(enabled, Types.US_ITIN)
                && NationalIds.usItin(s, i, ge[2])) {
            return Scanner.hit(w, i, ge[2], Types.US_ITIN);
        }
        if (groups >= 3 && sameGap.test(3) && l0 == 3 && l1 == 3 && l2 == 3 && on(enabled, Types.AU_TFN)
                && NationalIds.auTfn(s, i, ge[2]) && Context.near(s, i, Context.TFN)) {
            return Scanner.hit(w, i, ge[2], Types.AU_TFN);
        }
        if (w.letterTail) {
            return NO;
        }
        int e = ge[0];
        // one bare run of digits: what it is depends on the nearest word before it that names a scheme
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int k = 0; k < BARE_TYPES.length; k++) {
            int type = BARE_TYPES[k];
            if (l0 < BARE_MIN[k] || l0 > BARE_MAX[k] || !on(enabled, type)) {
                continue;
            }
            int distance = Context.distance(s, i, BARE_CONTEXT[k]);
            if (distance < bestDistance && bareValid(type, s, i, e)) {
                best = type;
                bestDistance = distance;
            }
        }
        if (best >= 0) {
            return Scanner.hit(w, i, e, best);
        }
        return NO;
    }
}
