package dev.aims.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds where a member or element of a JSON text starts, by its path ({@code $.messages[0].role}), so that an error
 * about a request file can name the line and column instead of quoting the value. Read again only when there is an
 * error to place.
 */
final class JsonPlace {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonPlace() {
    }

    /**
     * @return {@code line:column} where {@code path} starts (a member at its name), or of its nearest ancestor that
     *         is in the text; null when neither is, or the text is not JSON
     */
    static String of(String text, String path) {
        for (String p = path; p != null; p = parent(p)) {
            JsonLocation at = find(text, p);
            if (at != null) {
                return at.getLineNr() + ":" + at.getColumnNr();
            }
        }
        return null;
    }

    private static JsonLocation find(String text, String path) {
        try (JsonParser parser = JSON.createParser(text)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                JsonStreamContext ctx = parser.getParsingContext();
                String here;
                if (t == JsonToken.FIELD_NAME) {
                    here = entry(ctx);
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    here = ctx.getParent().inObject() ? null : entry(ctx.getParent());
                } else if (t.isScalarValue() && !ctx.inObject()) {
                    here = entry(ctx);
                } else {
                    here = null;
                }
                if (path.equals(here)) {
                    return parser.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            // Not JSON as far as it was read: nothing to place.
        }
        return null;
    }

    /** @return the path of the entry {@code ctx} is at: its current member or element, {@code $} at the root */
    private static String entry(JsonStreamContext ctx) {
        if (ctx.inRoot()) {
            return "$";
        }
        String self = entry(ctx.getParent());
        return ctx.inArray() ? self + "[" + ctx.getCurrentIndex() + "]" : self + "." + ctx.getCurrentName();
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
