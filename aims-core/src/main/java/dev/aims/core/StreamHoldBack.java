package dev.aims.core;

/**
 * The part of a streamed answer not yet released to the caller, and how much of it may be released: all but a tail
 * in which an entity (personal data, a secret) may still be forming, so that the POST policies see every entity
 * whole before any character of it leaves. The tail held back is the longest of
 * <ul>
 *   <li>the last {@link #WINDOW} characters — entities that may contain spaces (grouped card numbers and IBANs,
 *       phone numbers, {@code password: value}, multi-word dictionary terms) are shorter than that;</li>
 *   <li>the trailing run without whitespace, up to {@link #MAX_RUN} characters — e-mail addresses, API keys, tokens
 *       and JWTs contain no whitespace and have no useful upper length;</li>
 *   <li>an unterminated PEM block from its {@code -----BEGIN}, up to {@link #MAX_PEM} characters.</li>
 * </ul>
 * Incremental: each appended character is looked at once (whitespace, PEM markers), whatever the chunking, so a
 * stream costs time linear in its length and memory bounded by the caps — a stream of repeated {@code -----BEGIN}
 * or of one endless token included. Not thread-safe; the streaming step serialises chunks.
 */
final class StreamHoldBack {
    /** Longer than any built-in entity that may contain whitespace. */
    static final int WINDOW = 128;
    /** The longest whitespace-free run held back whole (JWTs and keys are shorter). */
    static final int MAX_RUN = 4096;
    /** The longest PEM block held back whole (an 8192-bit RSA key is about 6,400 characters). */
    static final int MAX_PEM = 16384;

    private static final String PEM_BEGIN = "-----BEGIN";
    private static final String PEM_END = "-----END";
    private static final String PEM_DASHES = "-----";

    private final StringBuilder pending = new StringBuilder();
    /** Where the trailing run without whitespace starts. */
    private int runStart;
    /** The start of the last {@code -----BEGIN} whose block is not closed, or -1. */
    private int pemBegin = -1;
    /** The start of the {@code -----END} of that block, once seen, or -1; its closing dashes end the block. */
    private int pemEnd = -1;
    /** The first position not yet looked at for a marker; one is decided once the longest marker fits after it. */
    private int undecided;

    /** Appends the next chunk. */
    void append(CharSequence chunk) {
        int from = pending.length();
        pending.append(chunk);
        for (int i = from; i < pending.length(); i++) {
            if (Character.isWhitespace(pending.charAt(i))) {
                runStart = i + 1;
            }
        }
        markers(pending.length() - PEM_BEGIN.length());
    }

    /** Looks for PEM markers at every undecided position up to {@code last}, each position once. */
    private void markers(int last) {
        for (int p = undecided; p <= last; p++) {
            if (pending.charAt(p) != '-') {
                continue;
            }
            if (startsWith(PEM_BEGIN, p)) {
                pemBegin = p;
                pemEnd = -1;
            } else if (pemBegin >= 0 && pemEnd < 0 && startsWith(PEM_END, p)) {
                pemEnd = p;
            } else if (pemEnd >= 0 && p >= pemEnd + PEM_END.length() && startsWith(PEM_DASHES, p)) {
                pemBegin = -1;
                pemEnd = -1;
            }
        }
        undecided = Math.max(undecided, last + 1);
    }

    private boolean startsWith(String marker, int at) {
        if (at + marker.length() > pending.length()) {
            return false;
        }
        for (int i = 0; i < marker.length(); i++) {
            if (pending.charAt(at + i) != marker.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return how many of the pending characters may be released now, from the start; 0 when none */
    int releasable() {
        int len = pending.length();
        int cut = len - WINDOW;
        if (cut <= 0) {
            return 0;
        }
        cut = Math.min(cut, Math.max(runStart, len - MAX_RUN));
        if (pemBegin >= 0 && pemBegin >= len - MAX_PEM) {
            cut = Math.min(cut, pemBegin);
        }
        return Math.max(cut, 0);
    }

    /** @return the pending text, released and held alike */
    String pending() {
        return pending.toString();
    }

    /** @return the number of pending characters */
    int length() {
        return pending.length();
    }

    /**
     * Removes the first {@code n} pending characters, which the caller releases.
     *
     * @return them
     */
    String release(int n) {
        String out = pending.substring(0, n);
        pending.delete(0, n);
        runStart = Math.max(0, runStart - n);
        undecided = Math.max(0, undecided - n);
        if (pemBegin >= 0) {
            pemBegin -= n;
            pemEnd = pemEnd < 0 ? -1 : pemEnd - n;
            if (pemBegin < 0) {
                // The block outgrew its cap and was released; what follows is not held for it any longer.
                pemBegin = -1;
                pemEnd = -1;
            }
        }
        return out;
    }
}
