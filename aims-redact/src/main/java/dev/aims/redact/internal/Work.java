package dev.aims.redact.internal;

import java.util.Arrays;

/**
 * Per-thread scratch space of the scanner: the candidate hits of the text being scanned and the digit groups of the
 * number being parsed. Reused from scan to scan so that scanning a clean text allocates nothing.
 */
final class Work {
    private static final ThreadLocal<Work> CURRENT = ThreadLocal.withInitial(Work::new);

    /** The scanner's window on the text: a few thousand characters at a time, copied out of the string. */
    final char[] window = new char[4096];

    /** Candidate hits: start, end (exclusive) and type id. */
    int[] hitStart = new int[16];
    int[] hitEnd = new int[16];
    int[] hitType = new int[16];
    int hits;

    /** Digit groups of the number being parsed: start and end of each group. */
    final int[] groupStart = new int[32];
    final int[] groupEnd = new int[32];
    /** The shape of the gap after each digit group, see {@code Numbers.gap}. */
    final int[] groupGap = new int[32];
    int groups;
    /** Whether the last group read ran straight into a letter, as in a UUID or a hex id. */
    boolean letterTail;

    /** Digit groups of the phone number being parsed, which may sit in parentheses. */
    final int[] phoneStart = new int[32];
    final int[] phoneEnd = new int[32];
    int phoneGroups;
    /** Bit g set when phone group g was in parentheses. */
    int parenMask;

    /**
     * The last run measured by {@link #runEnd} for each character class: its text, a start and its end. A run is
     * maximal, so any later start inside it ends at the same place; remembering it keeps detectors that are set off
     * again and again inside one long run ({@code sk-sk-sk-…}) linear in the text.
     */
    private final String[] runText = new String[32];
    private final int[] runFrom = new int[32];
    private final int[] runTo = new int[32];

    /** The end of the text that ends the assignment value last measured, and the range it was measured from. */
    private String valueText;
    private int valueFrom;
    private int valueTo;

    /** The text and the position of the last {@code @} read backwards for a URL's credentials. */
    private String urlText;
    private int urlAt;

    /** Where the next {@code -----END } is, at or after {@link #pemFrom}; -1 when there is none. */
    private String pemText;
    private int pemFrom;
    private int pemAt;

    /**
     * Per detector (by type id), the text position before which it need not try again: a candidate starting there
     * would hold the flaw that made the last one fail (too few distinct characters, too long a run). Stamped with
     * the text generation, so that nothing needs clearing between texts.
     */
    private final int[] memoText = new int[Types.MEMO_SLOTS];
    private final int[] memoUntil = new int[Types.MEMO_SLOTS];
    private int generation;

    /**
     * The normalised view being scanned, null while the original text is: a detector asks it what a character of
     * the view was written as (see {@link #queryPlus}).
     */
    Evasion.Folded folded;

    static Work get() {
        Work w = CURRENT.get();
        w.hits = 0;
        w.folded = null;
        return w;
    }

    /**
     * @param at an index into the text being scanned
     * @return whether the space at {@code at} was a {@code +} of a URL's query in the original, which the normalised
     *     view reads as the space it encodes; a value whose own syntax holds a {@code +} (the Finnish PIC's century
     *     sign) takes it back
     */
    boolean queryPlus(int at) {
        return folded != null && folded.original().charAt(folded.start(at)) == '+';
    }

    /**
     * @param at an index into the text being scanned
     * @return whether the character at {@code at} stands in the original as it is written here, not as an escape,
     *     a compatibility form or a query's {@code +}: only such a character can end a value; a decoded one is a
     *     part of it ({@code password=us2o%3cS0W…} holds a {@code <} that ends nothing)
     */
    boolean asWritten(int at) {
        return folded == null || folded.original().charAt(folded.start(at)) == folded.text().charAt(at);
    }

    /**
     * The last {@code +} between digits that the scan found outside a URL's query, -1 if none: the text before it
     * holds no {@code ?} of its token (see {@code Evasion.triggerAt}).
     */
    int plainPlus = -1;

    /** Starts a new text: what was remembered about the previous one no longer applies. */
    void newText() {
        generation++;
        plainPlus = -1;
    }

    /** Drops the references to the text just scanned, so that this thread's work area does not keep it alive. */
    void forget() {
        java.util.Arrays.fill(runText, null);
        valueText = null;
        pemText = null;
        urlText = null;
    }

    /** @return the position of the last {@code @} of {@code s} read backwards for a URL, or 0 */
    int urlScanned(String s) {
        return s == urlText ? urlAt : 0;
    }

    void urlScanned(String s, int at) {
        urlText = s;
        urlAt = at;
    }

    /** @return whether detector {@code type} already knows that no candidate starting at {@code i} can pass */
    boolean known(int type, int i) {
        return memoText[type] == generation && i < memoUntil[type];
    }

    /** Remembers that detector {@code type} need not try again before {@code until}. */
    void failUntil(int type, int until) {
        memoText[type] = generation;
        memoUntil[type] = until;
    }

    /**
     * @param flag one class of {@link Chars}, a single bit
     * @return the end of the run of characters of class {@code flag} that starts at {@code i}, in amortised
     *     constant time for starts that move forward through one run
     */
    int runEnd(String s, int i, int n, int flag) {
        int slot = Integer.numberOfTrailingZeros(flag);
        if (s == runText[slot] && i >= runFrom[slot] && i <= runTo[slot]) {
            return runTo[slot];
        }
        int e = Chars.runEnd(s, i, n, flag);
        runText[slot] = s;
        runFrom[slot] = i;
        runTo[slot] = e;
        return e;
    }

    /** @return the remembered end of an unquoted value that contains {@code v}, or -1 */
    int valueEnd(String s, int v) {
        return s == valueText && v >= valueFrom && v <= valueTo ? valueTo : -1;
    }

    void valueEnd(String s, int from, int to) {
        valueText = s;
        valueFrom = from;
        valueTo = to;
    }

    /** @return the index of the first {@code -----END } at or after {@code from}, or -1; each text read once */
    int pemEnd(String s, int from) {
        if (s != pemText || from < pemFrom || (pemAt >= 0 && from > pemAt)) {
            pemText = s;
            pemFrom = from;
            pemAt = s.indexOf("-----END ", from);
        }
        return pemAt;
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
