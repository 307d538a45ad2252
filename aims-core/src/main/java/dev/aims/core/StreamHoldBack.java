package dev.aims.core;

/**
 * How much of a streamed answer may be released to the caller: all but a tail in which an entity (personal data, a
 * secret) may still be forming, so that the POST policies see every entity whole before any character of it leaves.
 * The tail held back is the longest of
 * <ul>
 *   <li>the last {@link #WINDOW} characters — entities that may contain spaces (grouped card numbers and IBANs,
 *       phone numbers, {@code password: value}, multi-word dictionary terms) are shorter than that;</li>
 *   <li>the trailing run without whitespace, up to {@link #MAX_RUN} characters — e-mail addresses, API keys, tokens
 *       and JWTs contain no whitespace and have no useful upper length;</li>
 *   <li>an unterminated PEM block from its {@code -----BEGIN}, up to {@link #MAX_PEM} characters.</li>
 * </ul>
 * The caps keep memory bounded: text beyond them is released. Prose is released one window behind the generation,
 * so the first chunk reaches the caller long before the generation ends.
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

    private StreamHoldBack() {
    }

    /**
     * @param text     the text received so far
     * @param released how much of it was released already; only the rest is looked at, so the cost of a chunk is
     *                 bounded by the tail held back, not by the length of the answer
     * @return the index up to which the text may be released, exclusive; never below {@code released}
     */
    static int releasable(StringBuilder text, int released) {
        int len = text.length();
        int cut = len - WINDOW;
        if (cut <= released) {
            return released;
        }
        int runFloor = Math.max(released, len - MAX_RUN);
        int run = len;
        while (run > runFloor && !Character.isWhitespace(text.charAt(run - 1))) {
            run--;
        }
        cut = Math.min(cut, run);
        int begin = lastPemBegin(text, Math.max(released, len - MAX_PEM));
        if (begin >= 0 && !pemClosed(text, begin)) {
            cut = Math.min(cut, begin);
        }
        return Math.max(cut, released);
    }

    private static int lastPemBegin(StringBuilder text, int from) {
        int last = -1;
        for (int i = text.indexOf(PEM_BEGIN, from); i >= 0; i = text.indexOf(PEM_BEGIN, i + 1)) {
            last = i;
        }
        return last;
    }

    private static boolean pemClosed(StringBuilder text, int begin) {
        int end = text.indexOf(PEM_END, begin + PEM_BEGIN.length());
        return end >= 0 && text.indexOf(PEM_DASHES, end + PEM_END.length()) >= 0;
    }
}
