package dev.aims.evidence.internal;

/**
 * Matches names against patterns: {@code *} any run of characters, {@code ?} one character. Used for the model
 * patterns of the inventory and the host and path patterns of the known AI endpoints. Not API: this package may
 * change in any release.
 */
public final class Glob {
    private Glob() {
    }

    /**
     * @param pattern the pattern
     * @param text    the text
     * @return whether the whole text matches the pattern
     */
    public static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star != -1) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
