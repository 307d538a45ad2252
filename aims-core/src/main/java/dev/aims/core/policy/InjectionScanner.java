package dev.aims.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Looks for signs of prompt injection in one pass over a text, without regular expressions and without allocating:
 * invisible text (Unicode tag characters U+E0000–U+E007F, runs of zero-width characters, bidirectional controls)
 * and a small set of instruction-override phrases. Phrase matching ignores case, treats a space in a phrase as any
 * run of whitespace, and skips zero-width characters, so that {@code "ig\u200Bnore  previous instructions"} still
 * matches.
 *
 * <p>Each signal has a weight; the risk of a set of signals is {@code 1 - Π(1 - weight)}. The weights are a
 * heuristic ranking, not a probability: they are tuned so that any invisible-tag payload or an explicit "ignore the
 * instructions" crosses the default threshold 0.5 alone, while one weak hint ("you are now", a bidi control) does
 * not.
 */
final class InjectionScanner {
    static final int TAG_CHARACTERS = 1;
    static final int ZERO_WIDTH_RUN = 1 << 1;
    static final int BIDI_CONTROL = 1 << 2;
    static final int INSTRUCTION_OVERRIDE = 1 << 3;
    static final int CHAT_TEMPLATE_TOKEN = 1 << 4;
    static final int ROLE_REASSIGNMENT = 1 << 5;
    static final int PROMPT_EXFILTRATION = 1 << 6;
    static final int JAILBREAK_MARKER = 1 << 7;

    private static final String[] NAMES = {"invisible_tag_characters", "zero_width_run", "bidi_control",
        "instruction_override", "chat_template_token", "role_reassignment", "prompt_exfiltration",
        "jailbreak_marker"};
    private static final double[] WEIGHTS = {0.9, 0.6, 0.3, 0.8, 0.7, 0.35, 0.45, 0.45};

    /** Zero-width characters in a row from which a run is a signal; emoji sequences never put two together. */
    private static final int RUN = 3;
    /** Scattered zero-width characters (other than the joiner emoji use) from which the count is a signal. */
    private static final int SCATTERED = 16;
    /** How far after an override verb ("ignore") its object ("instructions") may come. */
    private static final int OVERRIDE_REACH = 60;

    private static final String[] OVERRIDE_VERBS = {"ignore", "disregard", "forget", "override", "bypass"};
    private static final String[] OVERRIDE_OBJECTS = {"instruction", "rules", "prompt", "guideline", "directive",
        "the above", "everything above", "system message", "your programming"};

    /** A phrase and the signal it raises; {@code verb} phrases need an override object after them. */
    private static final class Phrase {
        final String text;
        final int signal;
        final boolean verb;
        Phrase(String text, int signal, boolean verb) {
            this.text = text;
            this.signal = signal;
            this.verb = verb;
        }
    }

    private static final Phrase[][] BY_FIRST_CHAR = new Phrase[128][];
    /** The high surrogate of the tag characters U+E0000–U+E007F. */
    private static final char TAG_HIGH_SURROGATE = '\uDB40';
    /** {@link #STEP} bit: the character is a letter or digit ({@link Character#isLetterOrDigit(char)}). */
    private static final int IN_WORD = 1;
    /** {@link #STEP} bit: the character needs a look: a phrase may start at it, or it is invisible or a control. */
    private static final int LOOK = 2;
    /** Characters copied out of the text at a time. */
    private static final int CHUNK = 1024;
    /**
     * What the scan does with a character, indexed by whether the previous one was a letter or digit (bit 16) and
     * the character: one table read and one branch per character, taken only where a word starts as a phrase does
     * and at invisible characters. Most characters are letters inside words or the gaps between words; whether such
     * a letter could start a phrase is then not a branch of its own, to be mispredicted letter after letter.
     */
    private static final byte[] STEP = new byte[2 << 16];
    /**
     * The second characters of the phrases that start with a character, as a bit set over ASCII: most words that
     * start like a phrase are rejected on their second character, before any phrase is tried.
     */
    private static final long[][] SECOND = new long[128][2];

    /**
     * The last text scanned and its signals: rules that scan the same message (a guard and its shadow trial) share
     * one scan. Replaced whole, so concurrent calls see a consistent pair; a miss only costs a scan.
     */
    private static volatile Memo last;

    private record Memo(String text, int signals) {
    }

    static {
        List<Phrase> all = new ArrayList<>();
        for (String v : OVERRIDE_VERBS) {
            all.add(new Phrase(v, INSTRUCTION_OVERRIDE, true));
        }
        for (String s : new String[] {"you are now", "from now on you", "from now on, you", "pretend you are",
            "pretend to be", "new instructions", "updated instructions"}) {
            all.add(new Phrase(s, ROLE_REASSIGNMENT, false));
        }
        for (String s : new String[] {"system prompt", "initial instructions", "repeat the text above",
            "repeat everything above", "reveal your instructions", "print your instructions"}) {
            all.add(new Phrase(s, PROMPT_EXFILTRATION, false));
        }
        for (String s : new String[] {"developer mode", "jailbreak", "do anything now", "dan mode",
            "without any restrictions", "no longer bound by"}) {
            all.add(new Phrase(s, JAILBREAK_MARKER, false));
        }
        for (String s : new String[] {"<|im_start|>", "<|im_end|>", "<|system|>", "<|endoftext|>", "[inst]",
            "[/inst]", "<<sys>>", "</system>", "<system>", "### system", "### instruction"}) {
            all.add(new Phrase(s, CHAT_TEMPLATE_TOKEN, false));
        }
        List<List<Phrase>> buckets = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            buckets.add(new ArrayList<>());
        }
        for (Phrase p : all) {
            buckets.get(p.text.charAt(0)).add(p);
            char second = p.text.charAt(1);
            SECOND[p.text.charAt(0)][second >> 6] |= 1L << (second & 63);
        }
        for (int i = 0; i < 128; i++) {
            BY_FIRST_CHAR[i] = buckets.get(i).isEmpty() ? null : buckets.get(i).toArray(new Phrase[0]);
        }
        for (int c = 0; c < 1 << 16; c++) {
            char ch = (char) c;
            boolean word = Character.isLetterOrDigit(ch);
            boolean phraseStart = c < 128 && BY_FIRST_CHAR[lower(ch)] != null;
            boolean invisible = isZeroWidth(ch) || isBidiControl(ch) || c == TAG_HIGH_SURROGATE;
            for (int inWord = 0; inWord < 2; inWord++) {
                // A phrase that starts with a letter or digit starts a word; one that starts with '<' starts anywhere.
                boolean look = invisible || (phraseStart && (inWord == 0 || !word));
                STEP[inWord << 16 | c] = (byte) ((word ? IN_WORD : 0) | (look ? LOOK : 0));
            }
        }
    }

    private InjectionScanner() {
    }

    /** @return the signals found in {@code text}, as a bit set of the constants above */
    static int scan(String text) {
        Memo m = last;
        if (m != null && m.text == text) {
            return m.signals;
        }
        int signals = scanText(text);
        last = new Memo(text, signals);
        return signals;
    }

    /**
     * One pass over the text, a chunk at a time: reading a copied {@code char[]} instead of {@link String#charAt}
     * (a coder test and a bounds check per character), and deciding each character with one read of {@link #STEP}.
     * This scan runs on every governed prompt beside the redactor's.
     */
    private static int scanText(String text) {
        int signals = 0;
        int run = 0;
        int lastZeroWidth = -2;
        int scattered = 0;
        int inWord = 0;
        int n = text.length();
        char[] chunk = new char[Math.min(n, CHUNK)];
        for (int base = 0; base < n; base += CHUNK) {
            int len = Math.min(CHUNK, n - base);
            text.getChars(base, base + len, chunk, 0);
            for (int j = 0; j < len; j++) {
                char c = chunk[j];
                int step = STEP[inWord << 16 | c];
                inWord = step & IN_WORD;
                if ((step & LOOK) == 0) {
                    continue;
                }
                int i = base + j;
                if (c < 128) {
                    int first = lower(c);
                    if (j + 1 < len && chunk[j + 1] < 128 ? second(first, chunk[j + 1])
                            : mayContinue(text, i + 1, first)) {
                        signals |= phrases(text, i, BY_FIRST_CHAR[first]);
                    }
                } else if (isZeroWidth(c)) {
                    // Zero-width characters in a row: counted here, as every other character ends a run.
                    run = lastZeroWidth == i - 1 ? run + 1 : 1;
                    lastZeroWidth = i;
                    if (c != '\u200D') {
                        scattered++;
                    }
                    if (run >= RUN || scattered >= SCATTERED) {
                        signals |= ZERO_WIDTH_RUN;
                    }
                } else if (isBidiControl(c)) {
                    signals |= BIDI_CONTROL;
                } else if (i + 1 < n) {
                    // The high surrogate of the tag block: a tag character when a low surrogate in range follows.
                    char d = j + 1 < len ? chunk[j + 1] : text.charAt(i + 1);
                    if (d >= '\uDC00' && d <= '\uDC7F') {
                        signals |= TAG_CHARACTERS;
                    }
                }
            }
        }
        return signals;
    }

    /** @return whether the ASCII character {@code c} can follow {@code first} in a phrase */
    private static boolean second(int first, char c) {
        char l = lowerChar(c);
        return (SECOND[first][l >> 6] & (1L << (l & 63))) != 0 || (Character.isWhitespace(l)
                && (SECOND[first][0] & (1L << ' ')) != 0);
    }

    /**
     * @return whether the character at {@code next} (zero-width characters skipped, as phrases skip them) can
     *         follow {@code first} in a phrase; a non-ASCII one never can
     */
    private static boolean mayContinue(String text, int next, int first) {
        int n = text.length();
        while (next < n && isZeroWidth(text.charAt(next))) {
            next++;
        }
        if (next >= n) {
            return false;
        }
        char c = text.charAt(next);
        return c < 128 && second(first, c);
    }

    private static int phrases(String text, int at, Phrase[] candidates) {
        int signals = 0;
        for (Phrase p : candidates) {
            int end = matchAt(text, at, p.text);
            if (end < 0) {
                continue;
            }
            if (!p.verb) {
                signals |= p.signal;
            } else if (objectFollows(text, end)) {
                signals |= p.signal;
            }
        }
        return signals;
    }

    private static boolean objectFollows(String text, int from) {
        int limit = Math.min(text.length(), from + OVERRIDE_REACH);
        for (int i = from; i < limit; i++) {
            char c = lowerChar(text.charAt(i));
            for (String o : OVERRIDE_OBJECTS) {
                if (o.charAt(0) == c && wordStart(text, i) && matchAt(text, i, o) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the index after the match of {@code phrase} at {@code at}, or -1 */
    static int matchAt(String text, int at, String phrase) {
        int i = at;
        int n = text.length();
        for (int k = 0; k < phrase.length(); k++) {
            char want = phrase.charAt(k);
            while (i < n && isZeroWidth(text.charAt(i))) {
                i++;
            }
            if (want == ' ') {
                int start = i;
                while (i < n && (Character.isWhitespace(text.charAt(i)) || isZeroWidth(text.charAt(i)))) {
                    i++;
                }
                if (i == start) {
                    return -1;
                }
                continue;
            }
            if (i >= n || lowerChar(text.charAt(i)) != want) {
                return -1;
            }
            i++;
        }
        return i;
    }

    private static boolean wordStart(String text, int i) {
        return i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private static char lowerChar(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    static boolean isZeroWidth(char c) {
        return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u180E'
                || (c >= '\u2061' && c <= '\u2064');
    }

    /** @return the risk of a set of signals, in [0, 1] */
    static double risk(int signals) {
        double clean = 1;
        for (int b = 0; b < WEIGHTS.length; b++) {
            if ((signals & (1 << b)) != 0) {
                clean *= 1 - WEIGHTS[b];
            }
        }
        return 1 - clean;
    }

    /** @return the signal names, comma-separated */
    static String names(int signals) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < NAMES.length; b++) {
            if ((signals & (1 << b)) != 0) {
                sb.append(sb.length() == 0 ? "" : ",").append(NAMES[b]);
            }
        }
        return sb.toString();
    }

    /** @return the risk with two decimals, independent of the default locale */
    static String format(double risk) {
        long hundredths = Math.round(risk * 100);
        return String.format(Locale.ROOT, "%d.%02d", hundredths / 100, hundredths % 100);
    }
}
