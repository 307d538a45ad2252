package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory format is documented by examples/aims-systems.schema.json and shown by examples/aims-systems.json:
 * the example loads, the schema names exactly the members the reader accepts, and the example (and files the reader
 * refuses) are checked against the schema by a validator of the keywords the schema uses.
 */
class InventorySchemaTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExampleLoads() throws IOException {
        AiSystemInventory inventory = AiSystemInventory.fromJson(EXAMPLES.resolve("aims-systems.json"));
        assertThat(inventory.all()).extracting(s -> s.id()).containsExactly("payments-desk", "support-bot");
        assertThat(inventory.find("support-bot").orElseThrow().impactAssessmentRef()).contains("AIA-2025-007");
    }

    @Test
    void theSchemaNamesExactlyTheMembersTheReaderAccepts() throws IOException {
        JsonNode schema = schema();
        assertThat(names(schema.path("properties"))).isEqualTo(InventoryJson.TOP);
        assertThat(names(schema.at("/$defs/system/properties"))).isEqualTo(new HashSet<>(InventoryJson.SYSTEM));
        assertThat(schema.at("/$defs/system/required").get(0).asText()).isEqualTo("id");
    }

    @Test
    void theExampleIsValidAndFilesTheReaderRefusesAreNot() throws IOException {
        JsonNode schema = schema();
        assertThat(validate(schema, schema, JSON.readTree(EXAMPLES.resolve("aims-systems.json").toFile()), "$"))
                .isEmpty();
        assertThat(validate(schema, schema, JSON.readTree("{\"systems\":[{\"id\":\"a\",\"ownr\":\"x\"}]}"), "$"))
                .containsExactly("$.systems[0].ownr is not allowed");
        assertThat(validate(schema, schema, JSON.readTree("{\"systems\":[{\"id\":\" \"}]}"), "$"))
                .containsExactly("$.systems[0].id does not match \\S");
        assertThat(validate(schema, schema, JSON.readTree("{\"strict\":\"yes\"}"), "$"))
                .containsExactly("$ lacks systems", "$.strict is not a boolean");
    }

    private static JsonNode schema() throws IOException {
        return JSON.readTree(EXAMPLES.resolve("aims-systems.schema.json").toFile());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Checks the keywords this schema uses: $ref, type, required, properties, additionalProperties, items,
     *  minLength, pattern. */
    private static List<String> validate(JsonNode root, JsonNode schema, JsonNode value, String path) {
        List<String> errors = new ArrayList<>();
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            errors.addAll(validate(root, root.at(ref.substring(1)), value, path));
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object":
                if (!value.isObject()) {
                    errors.add(path + " is not an object");
                    return errors;
                }
                for (JsonNode r : schema.path("required")) {
                    if (!value.has(r.asText())) {
                        errors.add(path + " lacks " + r.asText());
                    }
                }
                for (Map.Entry<String, JsonNode> m : value.properties()) {
                    JsonNode p = schema.path("properties").get(m.getKey());
                    if (p == null) {
                        if (!schema.path("additionalProperties").asBoolean(true)) {
                            errors.add(path + "." + m.getKey() + " is not allowed");
                        }
                    } else {
                        errors.addAll(validate(root, p, m.getValue(), path + "." + m.getKey()));
                    }
                }
                break;
            case "array":
                if (!value.isArray()) {
                    errors.add(path + " is not an array");
                    return errors;
                }
                for (int i = 0; i < value.size(); i++) {
                    errors.addAll(validate(root, schema.path("items"), value.get(i), path + "[" + i + "]"));
                }
                break;
            case "string":
                if (!value.isTextual()) {
                    errors.add(path + " is not a string");
                } else if (value.textValue().length() < schema.path("minLength").asInt(0)) {
                    errors.add(path + " is too short");
                } else if (schema.has("pattern") && !java.util.regex.Pattern.compile(schema.get("pattern").asText())
                        .matcher(value.textValue()).find()) {
                    errors.add(path + " does not match " + schema.get("pattern").asText());
                }
                break;
            case "boolean":
                if (!value.isBoolean()) {
                    errors.add(path + " is not a boolean");
                }
                break;
            default:
                break;
        }
        return errors;
    }
}
