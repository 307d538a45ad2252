package dev.aims.core;

import java.util.Objects;

/**
 * A name pattern with {@code *} (any run, possibly empty) and {@code ?} (one character); everything else is
 * literal. Matching is linear-time greedy with backtracking to the last star only, so no pattern can blow up.
 */
public final class Glob {
    private final String pattern;

    private Glob(String pattern) {
        this.pattern = pattern;
    }

    /**
     * @param pattern the glob, e.g. {@code gpt-4o*}
     * @return the compiled glob
     * @throws NullPointerException     if null
     * @throws IllegalArgumentException if blank
     */
    public static Glob of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("glob must not be blank, but was '" + pattern + "'");
        }
        return new Glob(pattern);
    }

    /** @return whether the pattern has a wildcard */
    public boolean isLiteral() {
        return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
    }

    /**
     * @param name the name to test
     * @return whether the whole name matches
     */
    public boolean matches(String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob && ((Glob) o).pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
