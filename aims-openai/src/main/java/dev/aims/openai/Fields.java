package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/** Checks on the fields of a JSON object. */
final class Fields {
    private Fields() {
    }

    /**
     * @param node  a JSON object
     * @param names the fields a walker reads
     * @return whether every other field of {@code node} is absent or null: nothing is there that the walk would skip
     */
    static boolean only(JsonNode node, String... names) {
        Set<String> known = Set.of(names);
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!known.contains(f) && !node.get(f).isNull()) {
                return false;
            }
        }
        return true;
    }
}
