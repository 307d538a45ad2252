package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aims.api.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Puts a governed conversation back into the provider's JSON. Each governed message is written into a copy of its
 * original — the next original, in order, of the same shape ({@link Slots#sameShape}) — so the original keeps only
 * what it says about form (part kinds, a detail level, ids) and the parts a policy let through uninspected. A
 * message a policy added, or one whose shape it changed, matches none and is built from its AIMS form alone;
 * originals a policy removed are skipped.
 */
final class Conversation {
    private Conversation() {
    }

    /**
     * @param kind where the item was in the request (an API's own word: {@code instructions}, {@code input} …)
     * @param json the item as the application wrote it
     * @param aims its AIMS form
     */
    record Original(String kind, JsonNode json, Message aims) {
    }

    /**
     * @param json the item to send
     * @param from the original it was written into, or null when it was built from the AIMS form alone
     */
    record Rebuilt(JsonNode json, Original from) {
    }

    static List<Rebuilt> rebuild(List<Message> governed, List<Original> originals,
            BiFunction<Original, Message, JsonNode> replace, Function<Message, JsonNode> fresh) {
        List<Rebuilt> out = new ArrayList<>(governed.size());
        int next = 0;
        for (Message g : governed) {
            int match = -1;
            for (int j = next; j < originals.size(); j++) {
                if (Slots.sameShape(originals.get(j).aims(), g)) {
                    match = j;
                    break;
                }
            }
            if (match < 0) {
                out.add(new Rebuilt(fresh.apply(g), null));
            } else {
                Original o = originals.get(match);
                out.add(new Rebuilt(replace.apply(o, g), o));
                next = match + 1;
            }
        }
        return out;
    }
}
