package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.ToolDefinition;

/** A tool's name, description and schema, read from and written to its JSON object (chat and Responses alike). */
final class Tools {
    private Tools() {
    }

    /**
     * @param f           the object holding {@code name}, {@code description}, the schema and {@code strict}
     * @param schemaField the schema's field ({@code parameters}, or a custom tool's {@code format})
     * @return the AIMS form, or null when a field holds what AIMS does not read
     */
    static ToolDefinition definition(JsonNode f, String schemaField) {
        String name = Json.text(f.get("name"));
        JsonNode description = f.path("description");
        JsonNode schema = f.path(schemaField);
        JsonNode strict = f.path("strict");
        if (name == null || name.isBlank() || !(description.isMissingNode() || description.isNull()
                || description.isTextual()) || !(schema.isMissingNode() || schema.isNull() || schema.isObject())
                || !(strict.isMissingNode() || strict.isNull() || strict.isBoolean())) {
            return null;
        }
        return new ToolDefinition(name, description.isTextual() ? description.textValue() : "",
                schema.isObject() ? Json.write(schema) : "");
    }

    /**
     * Writes a governed definition's texts into a tool object.
     *
     * @throws IllegalArgumentException naming the field when the governed schema is not JSON
     */
    static void write(ObjectNode f, ToolDefinition d, String schemaField, String field) {
        f.put("name", d.name());
        if (!d.description().isEmpty() || f.has("description")) {
            f.put("description", d.description());
        }
        if (d.parametersSchema().isEmpty()) {
            f.remove(schemaField);
        } else {
            JsonNode schema = Json.read(d.parametersSchema(), field + "." + schemaField);
            if (!schema.isObject()) {
                throw new IllegalArgumentException(field + "." + schemaField + " must be a JSON object");
            }
            f.set(schemaField, schema);
        }
    }
}
