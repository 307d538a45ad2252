package dev.aims.redact.internal;

/**
 * The check rules of national identifiers, from their public specifications: UK National Insurance number prefixes
 * and suffix, the Spanish DNI/NIF and NIE control letter (mod 23), the Italian codice fiscale check character, the
 * Indian PAN holder type and Aadhaar Verhoeff digit, the Singapore NRIC/FIN check letter, the Australian TFN
 * (mod 11), ABN (mod 89) and Medicare (mod 10) weights, the Polish PESEL date and weights, the Finnish personal
 * identity code (mod 31), and the US ITIN ranges. Each reads {@code s[from, to)} in place, skipping the separators
 * its layout allows.
 *
 * <p>Not a public API: this package may change without notice.
 */
public final class NationalIds {
    private static final String NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final String PAN_HOLDERS = "ABCFGHJLPT";
    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    /** Codice fiscale: the value of a character in an odd (1st, 3rd …) position, digits and letters alike. */
    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
        10, 22, 25, 24, 23};

    private NationalIds() {
    }

    /** @return the characters of {@code s[from, to)} other than spaces and dashes, upper-cased, or null if > max */
    private static char[] compact(CharSequence s, int from, int to, int max) {
        char[] out = new char[max];
        int k = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (k == max) {
                return null;
            }
            out[k++] = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        }
        return k == max ? out : null;
    }

    private static boolean digits(char[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (c[i] < '0' || c[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * UK National Insurance number: two prefix letters (neither D, F, I, Q, U, V; the second not O; not BG, GB,
     * KN, NK, NT, TN, ZZ), six digits, suffix A-D.
     */
    public static boolean ukNino(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 9);
        if (c == null || !letter(c[0]) || !letter(c[1]) || !digits(c, 2, 8) || c[8] < 'A' || c[8] > 'D') {
            return false;
        }
        if ("DFIQUV".indexOf(c[0]) >= 0 || "DFIQUVO".indexOf(c[1]) >= 0) {
            return false;
        }
        String prefix = "" + c[0] + c[1];
        return !(prefix.equals("BG") || prefix.equals("GB") || prefix.equals("KN") || prefix.equals("NK")
                || prefix.equals("NT") || prefix.equals("TN") || prefix.equals("ZZ"));
    }

    /** Spanish DNI/NIF: eight digits and the letter of their value mod 23. */
    public static boolean esNif(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 9);
        if (c == null || !digits(c, 0, 8) || !letter(c[8])) {
            return false;
        }
        return NIF_LETTERS.charAt(Integer.parseInt(new String(c, 0, 8)) % 23) == c[8];
    }

    /** Spanish NIE: X, Y or Z (for 0, 1, 2), seven digits, and the NIF letter of the eight-digit number. */
    public static boolean esNie(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 9);
        if (c == null || "XYZ".indexOf(c[0]) < 0 || !digits(c, 1, 8) || !letter(c[8])) {
            return false;
        }
        int v = ("XYZ".indexOf(c[0])) * 10_000_000 + Integer.parseInt(new String(c, 1, 7));
        return NIF_LETTERS.charAt(v % 23) == c[8];
    }

    /**
     * Italian codice fiscale: six letters, two digits, a month letter, two digits, a letter, three digits (digits
     * may be replaced by LMNPQRSTUV in homocodes), and the check letter.
     */
    public static boolean itFiscalCode(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 16);
        if (c == null) {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            boolean digitPlace = (i >= 6 && i <= 7) || (i >= 9 && i <= 10) || (i >= 12 && i <= 14);
            boolean ok = digitPlace ? (c[i] >= '0' && c[i] <= '9') || "LMNPQRSTUV".indexOf(c[i]) >= 0 : letter(c[i]);
            if (!ok) {
                return false;
            }
        }
        if ("ABCDEHLMPRST".indexOf(c[8]) < 0 || !letter(c[15])) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = c[i] <= '9' ? c[i] - '0' : c[i] - 'A';
            sum += (i % 2 == 0) ? CF_ODD[v] : v;
        }
        return 'A' + sum % 26 == c[15];
    }

    /** Indian PAN: five letters (the fourth the holder's type), four digits, a letter. */
    public static boolean inPan(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 10);
        if (c == null) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            if (!letter(c[i])) {
                return false;
            }
        }
        return PAN_HOLDERS.indexOf(c[3]) >= 0 && digits(c, 5, 9) && letter(c[9]);
    }

    /** Indian Aadhaar: twelve digits, the first 2-9, the last a Verhoeff check digit. */
    public static boolean inAadhaar(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 12);
        if (c == null || !digits(c, 0, 12) || c[0] < '2') {
            return false;
        }
        int check = 0;
        for (int i = 0; i < 12; i++) {
            check = VERHOEFF_D[check][VERHOEFF_P[i % 8][c[11 - i] - '0']];
        }
        return check == 0;
    }

    /** Singapore NRIC/FIN: S, T, F, G or M, seven digits, and the check letter of its series. */
    public static boolean sgNricFin(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 9);
        if (c == null || "STFGM".indexOf(c[0]) < 0 || !digits(c, 1, 8) || !letter(c[8])) {
            return false;
        }
        int[] weights = {2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (c[i + 1] - '0') * weights[i];
        }
        switch (c[0]) {
            case 'S':
                return "JZIHGFEDCBA".charAt(sum % 11) == c[8];
            case 'T':
                return "JZIHGFEDCBA".charAt((sum + 4) % 11) == c[8];
            case 'F':
                return "XWUTRQPNMLK".charAt(sum % 11) == c[8];
            case 'G':
                return "XWUTRQPNMLK".charAt((sum + 4) % 11) == c[8];
            default:
                return "XWUTRQPNJLK".charAt((sum + 3) % 11) == c[8];
        }
    }

    private static boolean weighted(char[] c, int[] weights, int modulus) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (c[i] - '0') * weights[i];
        }
        return sum % modulus == 0;
    }

    /** Australian tax file number: nine digits whose weighted sum (1 4 3 7 5 8 6 9 10) is a multiple of 11. */
    public static boolean auTfn(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 9);
        return c != null && digits(c, 0, 9) && weighted(c, new int[] {1, 4, 3, 7, 5, 8, 6, 9, 10}, 11);
    }

    /** Australian business number: eleven digits, the first less one, weighted 10 1 3 5 … 19, a multiple of 89. */
    public static boolean auAbn(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 11);
        if (c == null || !digits(c, 0, 11) || c[0] == '0') {
            return false;
        }
        int[] weights = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
        int sum = (c[0] - '0' - 1) * weights[0];
        for (int i = 1; i < 11; i++) {
            sum += (c[i] - '0') * weights[i];
        }
        return sum % 89 == 0;
    }

    /** Australian Medicare card: ten digits (an eleventh, the individual number, may follow), the first 2-6. */
    public static boolean auMedicare(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 10);
        if (c == null) {
            c = compact(s, from, to, 11);
        }
        if (c == null || !digits(c, 0, c.length) || c[0] < '2' || c[0] > '6') {
            return false;
        }
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (c[i] - '0') * weights[i];
        }
        return sum % 10 == c[8] - '0';
    }

    /** Polish PESEL: a birth date (the month carrying the century), a serial, and the weighted check digit. */
    public static boolean plPesel(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 11);
        if (c == null || !digits(c, 0, 11)) {
            return false;
        }
        int month = (c[2] - '0') * 10 + (c[3] - '0');
        int day = (c[4] - '0') * 10 + (c[5] - '0');
        if (month % 20 < 1 || month % 20 > 12 || day < 1 || day > 31) {
            return false;
        }
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (c[i] - '0') * weights[i];
        }
        return (10 - sum % 10) % 10 == c[10] - '0';
    }

    /**
     * Finnish personal identity code: a birth date DDMMYY, a century sign ({@code + - A B C D E F U V W X Y}),
     * three digits, and the check character of the nine digits mod 31.
     */
    public static boolean fiPic(CharSequence s, int from, int to) {
        return to - from == 11 && fiPic(s, from, to, s.charAt(from + 6));
    }

    /**
     * @param sign the century sign to read in place of the seventh character, which the caller knows was written
     *     differently (a URL query's {@code +} that the normalised view turned into a space)
     * @see #fiPic(CharSequence, int, int)
     */
    static boolean fiPic(CharSequence s, int from, int to, char sign) {
        if (to - from != 11) {
            return false;
        }
        if ("+-ABCDEFUVWXY".indexOf(sign) < 0) {
            return false;
        }
        long v = 0;
        for (int i = 0; i < 10; i++) {
            if (i == 6) {
                continue;
            }
            char c = s.charAt(from + i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        int day = (s.charAt(from) - '0') * 10 + (s.charAt(from + 1) - '0');
        int month = (s.charAt(from + 2) - '0') * 10 + (s.charAt(from + 3) - '0');
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return false;
        }
        char check = s.charAt(from + 10);
        return FI_CHECK.charAt((int) (v % 31)) == (check >= 'a' && check <= 'z' ? (char) (check - 32) : check);
    }

    /** US individual taxpayer identification number: 9XX, a group in 50-65, 70-88, 90-92 or 94-99, four digits. */
    public static boolean usItin(CharSequence s, int from, int to) {
        char[] c = compact(s, from, to, 9);
        if (c == null || !digits(c, 0, 9) || c[0] != '9') {
            return false;
        }
        int group = (c[3] - '0') * 10 + (c[4] - '0');
        return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92)
                || group >= 94;
    }
}
