package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** What is and is not readable in a media part. */
final class Media {
    private Media() {
    }

    /**
     * @param url a media URL
     * @return whether it carries the media itself ({@code data:}), which AIMS cannot read, rather than naming it
     */
    static boolean inline(String url) {
        return url.strip().toLowerCase(Locale.ROOT).startsWith("data:");
    }

    /**
     * A media part's setting ({@code detail}, {@code format}) travels unredacted, so only a short word of letters —
     * nothing that could hold a value — is let through as one; anything else makes it uninspected.
     *
     * @param node the setting's value
     * @return whether it is a plain word
     */
    static boolean setting(JsonNode node) {
        if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > 16) {
            return false;
        }
        String s = node.textValue();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '_') {
                return false;
            }
        }
        return true;
    }
}
