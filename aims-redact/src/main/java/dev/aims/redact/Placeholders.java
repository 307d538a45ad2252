package dev.aims.redact;

/** The shape of a placeholder, {@code <TYPE_n>}: an upper-case type name, an underscore, a number. */
final class Placeholders {
    /** Longer than any placeholder: {@code <} + a 63-character type + {@code _} + 10 digits + {@code >}. */
    static final int MAX_LENGTH = 76;

    private Placeholders() {
    }

    /**
     * @param text a text
     * @param i    an index of a {@code <} in it
     * @return the end (exclusive) of the placeholder that starts at {@code i}, or -1 if none does
     */
    static int end(CharSequence text, int i) {
        int n = text.length();
        int p = i + 1;
        if (p >= n || text.charAt(p) < 'A' || text.charAt(p) > 'Z') {
            return -1;
        }
        int lastUnderscore = -1;
        while (p < n && p - i < MAX_LENGTH) {
            char c = text.charAt(p);
            if (c == '>') {
                break;
            }
            if (c == '_') {
                lastUnderscore = p;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return -1;
            }
            p++;
        }
        if (p >= n || text.charAt(p) != '>' || lastUnderscore < 0 || lastUnderscore + 1 == p) {
            return -1;
        }
        for (int k = lastUnderscore + 1; k < p; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return p + 1;
    }

    /**
     * @param text a text
     * @param i    an index of a {@code <} in it
     * @return whether {@code text[i, length)} could still grow into a placeholder
     */
    static boolean couldStart(CharSequence text, int i) {
        int n = text.length();
        if (n - i >= MAX_LENGTH) {
            return false;
        }
        for (int p = i + 1; p < n; p++) {
            char c = text.charAt(p);
            if (p == i + 1 ? c < 'A' || c > 'Z' : !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
