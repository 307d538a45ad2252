package dev.aims.testkit;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;

/**
 * Every text a request or a response carries, one a line, as {@code mapText} visits them: what a leak test searches
 * for seeded values, over the same channels the redactor scans.
 */
public final class Texts {
    private Texts() {
    }

    /**
     * @param request a request
     * @return its texts, each followed by a line break
     */
    public static String of(AiRequest request) {
        StringBuilder sb = new StringBuilder();
        request.mapText(s -> {
            sb.append(s).append('\n');
            return s;
        });
        return sb.toString();
    }

    /**
     * @param response a response
     * @return its texts, each followed by a line break
     */
    public static String of(AiResponse response) {
        StringBuilder sb = new StringBuilder();
        response.mapText(s -> {
            sb.append(s).append('\n');
            return s;
        });
        return sb.toString();
    }
}
