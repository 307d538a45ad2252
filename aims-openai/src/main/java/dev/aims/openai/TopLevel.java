package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.http.Headers;
import com.openai.core.http.QueryParams;
import dev.aims.api.AiRequest;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a request body that are neither the conversation nor the tools, by kind:
 * <ul>
 *   <li><b>settings</b>, named by the API, whose value is a number, a boolean or null — no text: sent as given;</li>
 *   <li><b>extras</b>, named by the API, which hold text ({@code user}, {@code metadata}, {@code tool_choice} …),
 *       and settings that hold text after all: carried as {@link AiRequest#extras()}, JSON redacted like every
 *       other channel, and sent as governance returned them;</li>
 *   <li>every field the API does not name (additional body properties, fields of a newer API): <b>uninspected</b>,
 *       one part each, sent as given only when a policy allows uninspected content.</li>
 * </ul>
 * The application's additional headers and query parameters reach the provider too: each is an uninspected part.
 */
final class TopLevel {
    private final Set<String> handled;
    private final Set<String> settings;
    private final Set<String> extras;

    /**
     * @param handled  the fields the API's translator maps itself (model, conversation, tools, parameters …)
     * @param settings the fields that are settings when they hold no text
     * @param extras   the fields that hold text
     */
    TopLevel(Set<String> handled, Set<String> settings, Set<String> extras) {
        this.handled = handled;
        this.settings = settings;
        this.extras = extras;
    }

    /**
     * @return how many parts are uninspected: fields the API does not name, headers and query parameters
     */
    int toAims(ObjectNode body, Headers headers, QueryParams query, AiRequest.Builder b) {
        int uninspected = headers.names().size() + query.keys().size();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (handled.contains(key) || v.isNull() || (settings.contains(key) && Json.scalarWithoutText(v))) {
                continue;
            }
            if (settings.contains(key) || extras.contains(key)) {
                b.extra(key, Json.write(v));
            } else {
                uninspected++;
            }
        }
        return uninspected;
    }

    /**
     * Writes the settings and uninspected fields of the original, and the governed extras, into the outgoing body.
     *
     * @throws IllegalArgumentException naming the field when a governed extra is not JSON
     */
    void restore(ObjectNode original, AiRequest sent, ObjectNode out) {
        for (Map.Entry<String, JsonNode> e : original.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (handled.contains(key) || extras.contains(key)
                    || (settings.contains(key) && !Json.scalarWithoutText(v))) {
                continue;
            }
            out.set(key, v);
        }
        for (Map.Entry<String, String> e : sent.extras().entrySet()) {
            if (handled.contains(e.getKey())) {
                // Written by the API's translator from the governed request; an extra may not replace it.
                continue;
            }
            out.set(e.getKey(), Json.read(e.getValue(), "extras['" + e.getKey() + "']"));
        }
    }
}
