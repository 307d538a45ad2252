package dev.aims.core;

import dev.aims.api.RedactionSession;

/**
 * Restores pseudonyms in a streamed answer whose placeholders may be split across chunks. It holds back only a
 * trailing {@code <…} that could still become a placeholder, at most {@link #MAX_PLACEHOLDER} characters, so the
 * first chunk is not delayed until the end of the generation. Not thread-safe; the caller serialises chunks.
 */
final class RestoringStream {
    /** Longer than any placeholder the redactor issues ({@code <GITHUB_TOKEN_12345>}). */
    static final int MAX_PLACEHOLDER = 64;

    private final RedactionSession session;
    private final StringBuilder pending = new StringBuilder();

    RestoringStream(RedactionSession session) {
        this.session = session;
    }

    /** @return the restored text that is safe to emit now, possibly empty */
    String accept(String chunk) {
        pending.append(chunk);
        int cut = safeCut();
        if (cut == 0) {
            return "";
        }
        String out = pending.substring(0, cut);
        pending.delete(0, cut);
        return session.restore(out);
    }

    /** @return whatever is still held back, restored */
    String flush() {
        String out = pending.toString();
        pending.setLength(0);
        return session.restore(out);
    }

    private int safeCut() {
        int open = pending.lastIndexOf("<");
        if (open < 0 || pending.indexOf(">", open) >= 0 || pending.length() - open > MAX_PLACEHOLDER) {
            return pending.length();
        }
        return open;
    }
}
