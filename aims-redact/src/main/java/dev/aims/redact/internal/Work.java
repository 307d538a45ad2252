package dev.aims.redact.internal;

import java.util.Arrays;

/**
 * Per-thread scratch space of the scanner: the candidate hits of the text being scanned and the digit groups of the
 * number being parsed. Reused from scan to scan so that scanning a clean text allocates nothing.
 */
final class Work {
    private static final ThreadLocal<Work> CURRENT = ThreadLocal.withInitial(Work::new);

    /** Candidate hits: start, end (exclusive) and type id. */
    int[] hitStart = new int[16];
    int[] hitEnd = new int[16];
    int[] hitType = new int[16];
    int hits;

    /** Digit groups of the number being parsed: start and end of each group. */
    final int[] groupStart = new int[32];
    final int[] groupEnd = new int[32];
    int groups;
    /** Whether the last group read ran straight into a letter, as in a UUID or a hex id. */
    boolean letterTail;

    /** Digit groups of the phone number being parsed, which may sit in parentheses. */
    final int[] phoneStart = new int[32];
    final int[] phoneEnd = new int[32];
    int phoneGroups;
    /** Bit g set when phone group g was in parentheses. */
    int parenMask;

    static Work get() {
        Work w = CURRENT.get();
        w.hits = 0;
        return w;
    }

    void add(int start, int end, int type) {
        if (hits == hitStart.length) {
            int size = hits * 2;
            hitStart = Arrays.copyOf(hitStart, size);
            hitEnd = Arrays.copyOf(hitEnd, size);
            hitType = Arrays.copyOf(hitType, size);
        }
        hitStart[hits] = start;
        hitEnd[hits] = end;
        hitType[hits] = type;
        hits++;
    }
}
