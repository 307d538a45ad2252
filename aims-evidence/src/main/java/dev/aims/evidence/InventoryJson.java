package dev.aims.evidence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the inventory file, whose format {@code examples/aims-systems.schema.json} (JSON Schema 2020-12) documents
 * and {@code examples/aims-systems.json} shows; every error names the file, the JSON path and the offending value.
 */
final class InventoryJson {
    /** The members of the file; {@code $schema} lets an editor find examples/aims-systems.schema.json. */
    static final Set<String> TOP = Set.of("$schema", "strict", "systems");
    static final List<String> SYSTEM = List.of("id", "name", "owner", "intendedUses", "providers",
            "allowedModels", "riskLevel", "dataCategories", "impactAssessmentRef");

    private InventoryJson() {
    }

    static AiSystemInventory read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not well-formed JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw error(file, "$", "must be an object", root);
        }
        for (Map.Entry<String, JsonNode> m : root.properties()) {
            if (!TOP.contains(m.getKey())) {
                throw new IllegalArgumentException(file + ": $." + m.getKey()
                        + " is not a known member ($schema, strict, systems)");
            }
        }
        AiSystemInventory.Builder inventory = AiSystemInventory.builder();
        JsonNode schema = root.get("$schema");
        if (schema != null && !schema.isTextual()) {
            throw error(file, "$.$schema", "must be a string", schema);
        }
        JsonNode strict = root.get("strict");
        if (strict != null) {
            if (!strict.isBoolean()) {
                throw error(file, "$.strict", "must be true or false", strict);
            }
            inventory.strict(strict.booleanValue());
        }
        JsonNode systems = root.get("systems");
        if (systems == null) {
            throw new IllegalArgumentException(file + ": $.systems is required");
        }
        if (!systems.isArray()) {
            throw error(file, "$.systems", "must be an array", systems);
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < systems.size(); i++) {
            String path = "$.systems[" + i + "]";
            AiSystem system = system(file, path, systems.get(i));
            String earlier = seen.putIfAbsent(system.id(), path);
            if (earlier != null) {
                throw new IllegalArgumentException(file + ": " + path + ".id '" + system.id()
                        + "' is already registered at " + earlier);
            }
            inventory.register(system);
        }
        return inventory.build();
    }

    private static AiSystem system(Path file, String path, JsonNode node) {
        if (!node.isObject()) {
            throw error(file, path, "must be an object", node);
        }
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!SYSTEM.contains(m.getKey())) {
                throw new IllegalArgumentException(file + ": " + path + "." + m.getKey()
                        + " is not a known member (" + String.join(", ", SYSTEM) + ")");
            }
        }
        String id = string(file, path + ".id", node.get("id"));
        if (id == null) {
            throw new IllegalArgumentException(file + ": " + path + ".id is required");
        }
        AiSystem.Builder b = AiSystem.builder(id)
                .name(string(file, path + ".name", node.get("name")))
                .owner(string(file, path + ".owner", node.get("owner")))
                .intendedUses(strings(file, path + ".intendedUses", node.get("intendedUses")))
                .providers(strings(file, path + ".providers", node.get("providers")))
                .allowedModels(strings(file, path + ".allowedModels", node.get("allowedModels")))
                .riskLevel(string(file, path + ".riskLevel", node.get("riskLevel")))
                .dataCategories(strings(file, path + ".dataCategories", node.get("dataCategories")))
                .impactAssessmentRef(string(file, path + ".impactAssessmentRef", node.get("impactAssessmentRef")));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + path + ": " + e.getMessage(), e);
        }
    }

    private static String string(Path file, String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw error(file, path, "must be a non-blank string", node);
        }
        return node.textValue();
    }

    private static List<String> strings(Path file, String path, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw error(file, path, "must be an array of strings", node);
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(string(file, path + "[" + i + "]", node.get(i)) == null
                    ? failNull(file, path + "[" + i + "]") : node.get(i).textValue());
        }
        return out;
    }

    private static String failNull(Path file, String path) {
        throw new IllegalArgumentException(file + ": " + path + " must be a non-blank string, but was null");
    }

    private static IllegalArgumentException error(Path file, String path, String rule, JsonNode value) {
        String shown = value == null ? "missing" : value.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new IllegalArgumentException(file + ": " + path + " " + rule + ", but was " + shown);
    }
}
