package dev.aims.redact.internal;

/** Case-insensitive search for a few short words, fast for ASCII text. */
final class Ascii {
    private Ascii() {
    }

    static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    static boolean containsIgnoreCase(String s, int from, int to, String word) {
        int last = to - word.length();
        char first = word.charAt(0);
        for (int p = from; p <= last; p++) {
            if (lower(s.charAt(p)) == first && matchesAt(s, p, word)) {
                return true;
            }
        }
        return false;
    }

    static boolean matchesAt(String s, int p, String word) {
        for (int k = 1; k < word.length(); k++) {
            if (lower(s.charAt(p + k)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A set of lower-case words, searched in one pass by their first character. */
    static final class WordSet {
        private final String[][] byFirst = new String[128][];
        private final String[] other;

        WordSet(String[] words) {
            java.util.List<String> rest = new java.util.ArrayList<>();
            java.util.Map<Character, java.util.List<String>> map = new java.util.HashMap<>();
            for (String w : words) {
                char c = w.charAt(0);
                if (c < 128) {
                    map.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add(w);
                } else {
                    rest.add(w);
                }
            }
            map.forEach((c, list) -> byFirst[c] = list.toArray(new String[0]));
            other = rest.toArray(new String[0]);
        }

        /** @return the end of the last occurrence of a word of the set in {@code s[from, to)}, or -1 */
        int lastEnd(String s, int from, int to) {
            int last = -1;
            for (int p = from; p < to; p++) {
                char c = lower(s.charAt(p));
                String[] candidates = c < 128 ? byFirst[c] : other;
                if (candidates == null) {
                    continue;
                }
                for (String w : candidates) {
                    if (p + w.length() <= to && (c < 128 || lower(s.charAt(p)) == w.charAt(0)) && matchesAt(s, p, w)) {
                        last = Math.max(last, p + w.length());
                    }
                }
            }
            return last;
        }

        /** @return whether a word of the set occurs in {@code s[from, to)}, ignoring case */
        boolean foundIn(String s, int from, int to) {
            for (int p = from; p < to; p++) {
                char c = lower(s.charAt(p));
                String[] candidates = c < 128 ? byFirst[c] : other;
                if (candidates == null) {
                    continue;
                }
                for (String w : candidates) {
                    if (p + w.length() <= to && (c < 128 || lower(s.charAt(p)) == w.charAt(0)) && matchesAt(s, p, w)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
