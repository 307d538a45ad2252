package dev.aims.redact.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The checks that turn a well-shaped candidate into a finding: Luhn and issuer ranges for cards, per-country length
 * and mod-97 for IBANs, issued ranges for SSNs, mod-11 for NHS numbers, Base58Check and Bech32 for Bitcoin
 * addresses, the JOSE header of a JWT, and the entropy of a secret. Every method reads a range of a
 * {@link CharSequence} without copying it and ignores the separators named in its description, so the scanner and
 * the regex baseline of the benchmarks share exactly the same rules.
 *
 * <p>Not a public API: this package may change without notice.
 */
public final class Validators {
    /** IBAN length by country, index {@code (c1 - 'A') * 26 + (c2 - 'A')}; 0 when the country has no IBAN. */
    private static final byte[] IBAN_LENGTH = new byte[26 * 26];

    static {
        // The SWIFT IBAN registry, plus the countries that publish IBAN-format account numbers outside it.
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18"
                + " DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23"
                + " IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30"
                + " NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23"
                + " ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30"
                + " AO25 BF28 BJ28 CF27 CG27 CI28 CM27 CV25 DZ26 GA27 GQ27 GW25 IR26 KM27 MA28 MG27 ML28 MZ25 NE28"
                + " SN28 TD27 TG28";
        for (String entry : table.split(" ")) {
            IBAN_LENGTH[(entry.charAt(0) - 'A') * 26 + (entry.charAt(1) - 'A')] = Byte.parseByte(entry.substring(2));
        }
    }

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final byte[] BASE58_VALUE = new byte[128];
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final byte[] BECH32_VALUE = new byte[128];
    private static final byte[] BASE64URL_VALUE = new byte[128];

    static {
        java.util.Arrays.fill(BASE58_VALUE, (byte) -1);
        for (int i = 0; i < BASE58.length(); i++) {
            BASE58_VALUE[BASE58.charAt(i)] = (byte) i;
        }
        java.util.Arrays.fill(BECH32_VALUE, (byte) -1);
        for (int i = 0; i < BECH32.length(); i++) {
            BECH32_VALUE[BECH32.charAt(i)] = (byte) i;
            BECH32_VALUE[Character.toUpperCase(BECH32.charAt(i))] = (byte) i;
        }
        java.util.Arrays.fill(BASE64URL_VALUE, (byte) -1);
        String b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < b64.length(); i++) {
            BASE64URL_VALUE[b64.charAt(i)] = (byte) i;
        }
        BASE64URL_VALUE['+'] = 62;
        BASE64URL_VALUE['/'] = 63;
    }

    private Validators() {
    }

    /**
     * The Luhn check over the digits of {@code s[from, to)}; any other character is skipped.
     *
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return whether the digits pass
     */
    public static boolean luhn(CharSequence s, int from, int to) {
        int sum = 0;
        boolean dbl = false;
        for (int i = to - 1; i >= from; i--) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /**
     * Whether the digits of {@code s[from, to)} have the length and leading digits of a card of a major issuer:
     * Visa, Mastercard, American Express, Discover, Diners Club, JCB, UnionPay, Maestro, Mir, RuPay, Verve, Troy.
     *
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return whether an issuer issues such a number
     */
    public static boolean cardIssuer(CharSequence s, int from, int to) {
        int len = 0;
        int prefix = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            if (len < 6) {
                prefix = prefix * 10 + d;
            }
            len++;
        }
        if (len < 13 || len > 19) {
            return false;
        }
        int p1 = prefix / 100_000;
        int p2 = prefix / 10_000;
        int p3 = prefix / 1000;
        int p4 = prefix / 100;
        switch (p1) {
            case 4: // Visa
                return len == 13 || len == 16 || len == 19;
            case 3:
                if (p2 == 34 || p2 == 37) {
                    return len == 15; // American Express
                }
                if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
                    return len >= 14 && len <= 19; // Diners Club
                }
                if (p4 >= 3528 && p4 <= 3589) {
                    return len >= 16 && len <= 19; // JCB
                }
                return false;
            case 5:
                if (p2 >= 51 && p2 <= 55) {
                    return len == 16; // Mastercard
                }
                if (prefix >= 506_099 && prefix <= 506_198) {
                    return len >= 16 && len <= 19; // Verve
                }
                return p2 == 50 || (p2 >= 56 && p2 <= 58) ? len >= 13 && len <= 19 : false; // Maestro, RuPay
            case 2:
                if (p4 >= 2221 && p4 <= 2720) {
                    return len == 16; // Mastercard 2-series
                }
                return p4 >= 2200 && p4 <= 2204 && len >= 16 && len <= 19; // Mir
            case 6:
                // Discover, UnionPay, RuPay: 16-19 digits
                if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || p2 == 62 || p2 == 60) {
                    return len >= 16 && len <= 19;
                }
                return (p2 == 63 || p2 == 67) && len >= 13 && len <= 19; // Maestro
            case 8:
                return (p2 == 81 || p2 == 82) && len >= 16 && len <= 19; // UnionPay 81, RuPay 82
            case 9:
                return p4 == 9792 && len == 16; // Troy
            default:
                return false;
        }
    }

    /**
     * @param c1 the first letter of a country code
     * @param c2 the second letter
     * @return the IBAN length of that country, or 0 when it has none
     */
    public static int ibanLength(char c1, char c2) {
        if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') {
            return 0;
        }
        return IBAN_LENGTH[(c1 - 'A') * 26 + (c2 - 'A')];
    }

    /**
     * The IBAN check of {@code s[from, to)}, spaces and dashes skipped, in either case: a country with IBANs, its
     * length, letters and digits only, check digits 02..98, and the mod-97 remainder 1.
     *
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return whether it is a valid IBAN
     */
    public static boolean iban(CharSequence s, int from, int to) {
        int len = 0;
        int head = -1;
        for (int i = from; i < to; i++) {
            char c = upper(s.charAt(i));
            if (c == ' ' || c == '-') {
                continue;
            }
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
            if (head < 0) {
                head = i;
            }
            len++;
        }
        if (len < 5 || head < 0) {
            return false;
        }
        char c1 = upper(s.charAt(head));
        char c2 = upper(s.charAt(head + 1));
        if (ibanLength(c1, c2) != len) {
            return false;
        }
        int rem = 0;
        int seen = 0;
        int checkDigits = 0;
        // The first four characters (country and check digits) move to the end.
        for (int i = head; i < to; i++) {
            char c = upper(s.charAt(i));
            if (c == ' ' || c == '-') {
                continue;
            }
            if (seen < 4) {
                if (seen >= 2) {
                    if (c < '0' || c > '9') {
                        return false;
                    }
                    checkDigits = checkDigits * 10 + (c - '0');
                }
                seen++;
                continue;
            }
            rem = mod97Append(rem, c);
        }
        if (checkDigits < 2 || checkDigits > 98) {
            return false;
        }
        rem = mod97Append(rem, c1);
        rem = mod97Append(rem, c2);
        rem = (rem * 100 + checkDigits) % 97;
        return rem == 1;
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }

    private static int mod97Append(int rem, char c) {
        if (c <= '9') {
            return (rem * 10 + (c - '0')) % 97;
        }
        return (rem * 100 + (c - 'A' + 10)) % 97;
    }

    /**
     * The rules of an issued US social security number over the nine digits of {@code s[from, to)}: area not 000,
     * 666 or 900-999, group not 00, serial not 0000, and not one of the numbers made public in advertising.
     *
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return whether the number could have been issued
     */
    public static boolean ssn(CharSequence s, int from, int to) {
        int v = 0;
        int len = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            v = v * 10 + d;
            len++;
        }
        if (len != 9) {
            return false;
        }
        int area = v / 1_000_000;
        int group = (v / 10_000) % 100;
        int serial = v % 10_000;
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        return v != 78_051_120 && v != 219_099_999 && v != 123_456_789;
    }

    /**
     * The NHS number check (mod 11, weights 10 to 2) over the ten digits of {@code s[from, to)}; numbers of one
     * repeated digit are refused as placeholders.
     *
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return whether the check digit is right
     */
    public static boolean nhs(CharSequence s, int from, int to) {
        int sum = 0;
        int len = 0;
        int last = -1;
        int first = -1;
        boolean allSame = true;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            if (first < 0) {
                first = d;
            } else if (d != first) {
                allSame = false;
            }
            if (len < 9) {
                sum += d * (10 - len);
            }
            last = d;
            len++;
        }
        if (len != 10 || allSame) {
            return false;
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == last;
    }

    /**
     * Base58Check of a Bitcoin address {@code s[from, to)}: decodes to 25 bytes, version 0x00 (P2PKH) or 0x05
     * (P2SH), and the last four bytes are the double SHA-256 of the first 21.
     *
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return whether the address is valid
     */
    public static boolean base58Check(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 26 || len > 35) {
            return false;
        }
        byte[] out = new byte[25];
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? BASE58_VALUE[c] : -1;
            if (v < 0) {
                return false;
            }
            int carry = v;
            for (int k = 24; k >= 0; k--) {
                carry += 58 * (out[k] & 0xff);
                out[k] = (byte) carry;
                carry >>>= 8;
            }
            if (carry != 0) {
                return false;
            }
        }
        int leadingOnes = 0;
        while (leadingOnes < len && s.charAt(from + leadingOnes) == '1') {
            leadingOnes++;
        }
        int leadingZeroBytes = 0;
        while (leadingZeroBytes < 25 && out[leadingZeroBytes] == 0) {
            leadingZeroBytes++;
        }
        if (leadingOnes != leadingZeroBytes && !(leadingOnes == 0 && leadingZeroBytes == 0)) {
            return false;
        }
        if (out[0] != 0x00 && out[0] != 0x05) {
            return false;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(out, 0, 21);
            byte[] h = sha.digest(sha.digest());
            return h[0] == out[21] && h[1] == out[22] && h[2] == out[23] && h[3] == out[24];
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * A Bitcoin segwit address {@code s[from, to)} with human-readable part {@code bc}: one case throughout, the
     * Bech32 checksum for witness version 0 and Bech32m for versions 1-16, and a program of the right length.
     *
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return whether the address is valid
     */
    public static boolean bech32(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 14 || len > 90) {
            return false;
        }
        int sep = from + 2;
        if (Character.toLowerCase(s.charAt(from)) != 'b' || Character.toLowerCase(s.charAt(from + 1)) != 'c'
                || s.charAt(sep) != '1') {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            }
        }
        if (lower && upper) {
            return false;
        }
        // polymod over the expanded hrp "bc": high bits, a zero, low bits
        long chk = 1;
        chk = polymod(chk, 'b' >> 5);
        chk = polymod(chk, 'c' >> 5);
        chk = polymod(chk, 0);
        chk = polymod(chk, 'b' & 31);
        chk = polymod(chk, 'c' & 31);
        int dataLen = to - sep - 1;
        if (dataLen < 7) {
            return false;
        }
        int version = -1;
        long bits = 0;
        for (int i = sep + 1; i < to; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? BECH32_VALUE[c] : -1;
            if (v < 0) {
                return false;
            }
            if (version < 0) {
                version = v;
            }
            chk = polymod(chk, v);
        }
        int programChars = dataLen - 1 - 6;
        bits = programChars * 5L;
        long bytes = bits / 8;
        if (bits % 8 > 4 || bytes < 2 || bytes > 40 || version > 16) {
            return false;
        }
        // the padding bits of the last program character must be zero
        int padBits = (int) (bits % 8);
        if (padBits > 0) {
            int lastValue = BECH32_VALUE[s.charAt(to - 7)];
            if ((lastValue & ((1 << padBits) - 1)) != 0) {
                return false;
            }
        }
        if (version == 0) {
            return chk == 1 && (bytes == 20 || bytes == 32);
        }
        return chk == 0x2bc830a3L;
    }

    private static long polymod(long chk, int value) {
        long top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        if ((top & 1) != 0) {
            chk ^= 0x3b6a57b2L;
        }
        if ((top & 2) != 0) {
            chk ^= 0x26508e6dL;
        }
        if ((top & 4) != 0) {
            chk ^= 0x1ea119faL;
        }
        if ((top & 8) != 0) {
            chk ^= 0x3d4233ddL;
        }
        if ((top & 16) != 0) {
            chk ^= 0x2a1462b3L;
        }
        return chk;
    }

    /**
     * Whether the base64url text {@code s[from, to)} decodes to a JSON object that names an {@code "alg"}: the
     * header of a JWT. Decoded on the fly, without a copy.
     *
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return whether it is a JOSE header
     */
    public static boolean jwtHeader(CharSequence s, int from, int to) {
        int acc = 0;
        int nbits = 0;
        boolean started = false;
        int matched = 0;
        boolean alg = false;
        final byte[] needle = "\"alg\"".getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? BASE64URL_VALUE[c] : -1;
            if (v < 0) {
                return false;
            }
            acc = (acc << 6) | v;
            nbits += 6;
            if (nbits >= 8) {
                nbits -= 8;
                int b = (acc >>> nbits) & 0xff;
                if (!started) {
                    if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                        continue;
                    }
                    if (b != '{') {
                        return false;
                    }
                    started = true;
                    continue;
                }
                if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                    return false;
                }
                if (!alg) {
                    matched = b == needle[matched] ? matched + 1 : (b == needle[0] ? 1 : 0);
                    if (matched == needle.length) {
                        alg = true;
                    }
                }
            }
        }
        return started && alg;
    }

    /**
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return the Shannon entropy of the characters of {@code s[from, to)}, in bits per character
     */
    public static double entropy(CharSequence s, int from, int to) {
        int len = to - from;
        if (len <= 0) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / len;
                h -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = (double) other / len;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }

    /**
     * @param s    the text
     * @param from the first index
     * @param to   the end index, exclusive
     * @return the number of distinct characters in {@code s[from, to)} (non-ASCII characters count as one)
     */
    public static int distinct(CharSequence s, int from, int to) {
        long lo = 0;
        long hi = 0;
        boolean other = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 64) {
                lo |= 1L << c;
            } else if (c < 128) {
                hi |= 1L << (c - 64);
            } else {
                other = true;
            }
        }
        return Long.bitCount(lo) + Long.bitCount(hi) + (other ? 1 : 0);
    }
}
