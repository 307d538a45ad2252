package dev.aims.redact.internal;

/** Character classes of the scanner, as table look-ups for ASCII. */
final class Chars {
    /** ASCII letter or digit. */
    static final int ALNUM = 1;
    /** A hexadecimal digit. */
    static final int HEX = 2;
    /** A base64url character ({@code A-Z a-z 0-9 - _}). */
    static final int B64URL = 4;
    /** A character of an e-mail local part ({@code A-Z a-z 0-9 . _ % + -}). */
    static final int LOCAL = 8;
    /** A character of a domain label ({@code A-Z a-z 0-9 -}). */
    static final int DOMAIN = 16;
    /** A character of a config key ({@code A-Z a-z 0-9 _ . -}). */
    static final int KEY = 32;
    /** A base58 character. */
    static final int BASE58 = 64;

    /** A character of a Slack token body ({@code A-Z a-z 0-9 -}). */
    static final int DASHED = 128;

    /** A base64 character ({@code A-Z a-z 0-9 + / =}, and the url-safe {@code - _}). */
    static final int BASE64 = 256;
    /** A character of a URL path ({@code A-Z a-z 0-9 - _ / + . ~ =}). */
    static final int PATH = 512;

    private static final int[] FLAGS = new int[128];

    static {
        for (int c = 0; c < 128; c++) {
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lower = c >= 'a' && c <= 'z';
            int f = 0;
            if (digit || upper || lower) {
                f |= ALNUM | B64URL | LOCAL | DOMAIN | KEY;
            }
            if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                f |= HEX;
            }
            if (c == '-' || c == '_') {
                f |= B64URL | KEY;
            }
            if (c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
                f |= LOCAL;
            }
            if (c == '-') {
                f |= DOMAIN | DASHED;
            }
            if (digit || upper || lower) {
                f |= DASHED | BASE64 | PATH;
            }
            if (c == '+' || c == '/' || c == '=' || c == '-' || c == '_') {
                f |= BASE64 | PATH;
            }
            if (c == '.' || c == '~') {
                f |= PATH;
            }
            if (c == '.') {
                f |= KEY;
            }
            if ((digit && c != '0') || ((upper || lower) && c != 'O' && c != 'I' && c != 'l')) {
                f |= BASE58;
            }
            FLAGS[c] = f;
        }
    }

    private Chars() {
    }

    static boolean is(char c, int flag) {
        return c < 128 && (FLAGS[c] & flag) != 0;
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean alnum(char c) {
        return c < 128 && (FLAGS[c] & ALNUM) != 0;
    }

    static boolean letter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean hex(char c) {
        return c < 128 && (FLAGS[c] & HEX) != 0;
    }

    /** A letter or digit in any script: what makes a word go on. */
    static boolean word(char c) {
        return c < 128 ? (FLAGS[c] & ALNUM) != 0 : Character.isLetterOrDigit(c);
    }

    /** @return the end of the run of ASCII digits starting at {@code i} */
    static int digitsEnd(String s, int i, int n) {
        while (i < n && digit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** @return the end of the run of characters of class {@code flag} starting at {@code i} */
    static int runEnd(String s, int i, int n, int flag) {
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 128 || (FLAGS[c] & flag) == 0) {
                break;
            }
            i++;
        }
        return i;
    }

    static boolean startsWith(String s, int i, String prefix) {
        return s.startsWith(prefix, i);
    }
}
