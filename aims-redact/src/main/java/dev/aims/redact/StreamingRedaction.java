package dev.aims.redact;

import dev.aims.api.Finding;
import dev.aims.api.RedactionSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Redacts and/or restores a text that arrives in chunks, such as a streamed model answer, so that an entity or a
 * placeholder split across chunks is still handled. It holds back only what could still grow into one:
 * <ul>
 *   <li>for restoring, a trailing {@code <…} that could still become a placeholder;</li>
 *   <li>for redacting, the trailing word (a key, token or address has no spaces and may not be complete), an
 *       unterminated {@code -----BEGIN} block, and the last characters that a multi-word entity (a grouped card,
 *       IBAN or phone number, a dictionary term, a user pattern match) can span.</li>
 * </ul>
 * The last characters already emitted stay available as context (the {@code password:} before a value), but are
 * never emitted twice. What the stream redacts is never put in the pseudonym vault ({@code PSEUDONYMIZE} writes a
 * plain placeholder here), so that a secret the model wrote is not restored again. Not thread-safe: one stream,
 * one instance, chunks in order.
 *
 * <pre>{@code
 * StreamingRedaction out = StreamingRedaction.redactingAndRestoring(session);
 * stream.forEach(chunk -> send(out.accept(chunk)));
 * send(out.finish());
 * }</pre>
 */
public final class StreamingRedaction {
    /** Emitted text kept as context for detection. */
    private static final int CONTEXT = 96;
    /** The longest multi-word built-in entity: a grouped 34-character IBAN with its spaces, or a spaced phone. */
    private static final int MULTI_WORD_SPAN = 48;
    /** A trailing word longer than this is emitted even if it may still grow. */
    private static final int MAX_HELD_WORD = 16_384;
    /** An unterminated PEM block longer than this is emitted, redacted as far as it goes. */
    private static final int MAX_HELD_BLOCK = 200_000;

    private final RedactionSession session;
    private final AimsSession redacting;
    private final boolean restoring;
    private final int span;
    private final StringBuilder pending = new StringBuilder();
    private String context = "";
    private final StringBuilder restorePending = new StringBuilder();

    private StreamingRedaction(RedactionSession session, boolean redact, boolean restore) {
        this.session = Objects.requireNonNull(session, "session");
        if (redact) {
            if (!(session instanceof AimsSession)) {
                throw new IllegalArgumentException("redacting a stream needs a session opened by AimsRedactor, but "
                        + "was " + session.getClass().getName());
            }
            this.redacting = (AimsSession) session;
            this.span = Math.max(MULTI_WORD_SPAN, redacting.redactor().engine().longestMultiWordSpan());
        } else {
            this.redacting = null;
            this.span = 0;
        }
        this.restoring = restore;
    }

    /**
     * @param session the session whose pseudonyms to restore
     * @return a stream that restores pseudonyms only
     * @throws NullPointerException if {@code session} is null
     */
    public static StreamingRedaction restoring(RedactionSession session) {
        return new StreamingRedaction(session, false, true);
    }

    /**
     * @param session a session opened by {@link AimsRedactor}; findings are added to it
     * @return a stream that redacts only
     * @throws NullPointerException     if {@code session} is null
     * @throws IllegalArgumentException if the session was not opened by {@link AimsRedactor}
     */
    public static StreamingRedaction redacting(RedactionSession session) {
        return new StreamingRedaction(session, true, false);
    }

    /**
     * Redacts what the model wrote by itself, then restores the pseudonyms of the session (which redaction leaves
     * alone, as a placeholder is not an entity).
     *
     * @param session a session opened by {@link AimsRedactor}
     * @return a stream that redacts, then restores
     * @throws NullPointerException     if {@code session} is null
     * @throws IllegalArgumentException if the session was not opened by {@link AimsRedactor}
     */
    public static StreamingRedaction redactingAndRestoring(RedactionSession session) {
        return new StreamingRedaction(session, true, true);
    }

    /**
     * Takes the next chunk.
     *
     * @param chunk the next piece of the text
     * @return the text that is safe to emit now, possibly empty
     * @throws NullPointerException if {@code chunk} is null
     */
    public String accept(String chunk) {
        Objects.requireNonNull(chunk, "chunk");
        String out = redacting == null ? chunk : redactStep(chunk, false);
        return restoring ? restoreStep(out, false) : out;
    }

    /**
     * Ends the stream.
     *
     * @return everything still held back, redacted and restored
     */
    public String finish() {
        String out = redacting == null ? "" : redactStep("", true);
        return restoring ? restoreStep(out, true) : out;
    }

    private String redactStep(String chunk, boolean last) {
        pending.append(chunk);
        if (pending.length() == 0) {
            return "";
        }
        String buffer = context + pending;
        int base = context.length();
        int len = buffer.length();
        List<Finding> found = redacting.redactor().scan(buffer);
        int cut = last ? len : holdFrom(buffer, base);
        for (Finding f : found) {
            if (f.start() < cut && f.end() > cut) {
                // a finding that reaches past the cut is either complete (its longest span fits) or held whole
                cut = f.start() < len - span && !touchesEnd(f, len) ? f.end() : f.start();
            }
        }
        cut = Math.max(cut, base);
        if (cut == base) {
            return "";
        }
        List<Finding> mine = new ArrayList<>();
        for (Finding f : found) {
            if (f.end() <= base || f.start() >= cut) {
                continue;
            }
            int start = Math.max(f.start(), base) - base;
            mine.add(new Finding(f.type(), start, f.end() - base, f.score()));
        }
        String part = buffer.substring(base, cut);
        String emitted = mine.isEmpty() ? part : redacting.apply(part, mine, part.length(), false);
        String done = buffer.substring(0, cut);
        context = done.length() > CONTEXT ? done.substring(done.length() - CONTEXT) : done;
        pending.delete(0, cut - base);
        return emitted;
    }

    private static boolean touchesEnd(Finding f, int len) {
        return f.end() == len;
    }

    /** Where the text that may still grow into an entity begins. */
    private int holdFrom(String buffer, int base) {
        int len = buffer.length();
        int cut = len - span;
        // the trailing word: keys, tokens and addresses have no spaces and may be incomplete
        int w = len;
        while (w > base && !Character.isWhitespace(buffer.charAt(w - 1)) && len - w < MAX_HELD_WORD) {
            w--;
        }
        cut = Math.min(cut, w);
        // an unterminated private key block
        int begin = buffer.lastIndexOf("-----BEGIN", len);
        if (begin >= base && len - begin < MAX_HELD_BLOCK) {
            int end = buffer.indexOf("-----END", begin);
            if (end < 0 || buffer.indexOf("-----", end + 8) < 0) {
                cut = Math.min(cut, begin);
            }
        }
        int dash = buffer.length() - 1;
        while (dash >= base && dash > len - 10 && buffer.charAt(dash) == '-') {
            dash--; // a run of dashes at the end may be the start of -----BEGIN
        }
        if (dash < len - 1) {
            cut = Math.min(cut, dash + 1);
        }
        return Math.max(cut, base);
    }

    private String restoreStep(String text, boolean last) {
        restorePending.append(text);
        int cut = restorePending.length();
        if (!last) {
            int open = restorePending.lastIndexOf("<");
            if (open >= 0 && Placeholders.couldStart(restorePending, open)) {
                cut = open;
            }
        }
        String out = restorePending.substring(0, cut);
        restorePending.delete(0, cut);
        return session.restore(out);
    }
}
