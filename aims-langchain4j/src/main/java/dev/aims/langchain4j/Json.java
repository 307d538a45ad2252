package dev.aims.langchain4j;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON text both ways, for the channels AIMS carries as JSON: tool parameter schemas and response-format schemas
 * (LangChain4j's {@link JsonSchemaElement}s), tool metadata and provider extras (plain values).
 *
 * <p>Schemas are written and read through LangChain4j's own public codec ({@link ToolSpecification#toJson()} and
 * {@link ToolSpecification#fromJson}), which writes the JSON Schema a provider reads and reads it back losslessly;
 * an element is carried as the single property of a wrapper so that every kind of element — not only objects —
 * goes through it.
 *
 * <p>Plain values are what JSON holds: strings, numbers, booleans, null, and maps (string keys) and collections of
 * plain values. Anything else (an application's own object) cannot be written without guessing how the provider
 * would write it, so it is reported as not plain and the caller counts it as uninspected.
 *
 * <p>Errors name the field, never the value.
 */
final class Json {
    /** Strict: trailing text and duplicate keys (two keys masked alike) are errors, not silently dropped. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Deeper plain values are treated as not plain, so that a cyclic map cannot overflow the stack. */
    private static final int MAX_DEPTH = 64;
    private static final String WRAPPER_NAME = "aims";
    private static final String ROOT = "root";

    private Json() {
    }

    /**
     * @param element a schema element
     * @return its JSON Schema, as a provider reads it
     */
    static String schema(JsonSchemaElement element) {
        String wrapped = ToolSpecification.builder().name(WRAPPER_NAME)
                .parameters(JsonObjectSchema.builder().addProperty(ROOT, element).build()).build().toJson();
        return read(wrapped, "schema").path("parameters").path("properties").path(ROOT).toString();
    }

    /**
     * @param json  a JSON Schema (as written by {@link #schema}, possibly redacted)
     * @param field the field it came from, for the error message
     * @return the schema element it describes
     * @throws IllegalArgumentException naming the field when the text is not a JSON object LangChain4j can read
     */
    static JsonSchemaElement schema(String json, String field) {
        JsonNode node = read(json, field);
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object");
        }
        ObjectNode wrapper = MAPPER.createObjectNode();
        wrapper.put("name", WRAPPER_NAME);
        ObjectNode parameters = wrapper.putObject("parameters");
        parameters.put("type", "object");
        parameters.putObject("properties").set(ROOT, node);
        ToolSpecification spec;
        try {
            spec = ToolSpecification.fromJson(wrapper.toString());
        } catch (RuntimeException e) {
            // Not chained, for the same reason as in read().
            throw new IllegalArgumentException(field + " is not a JSON schema LangChain4j can read ("
                    + e.getClass().getSimpleName() + ")");
        }
        return spec.parameters().properties().get(ROOT);
    }

    /**
     * @param value a value
     * @return its JSON text, or null when it is not plain (see the class comment)
     */
    static String plain(Object value) {
        if (!isPlain(value, 0)) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean isPlain(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> values) {
            for (Object v : values) {
                if (!isPlain(v, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * @param json  JSON text
     * @param field the field it came from, for the error message
     * @return the parsed document
     * @throws IllegalArgumentException naming the field when the text is not JSON
     */
    static JsonNode read(String json, String field) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(field + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Not chained: Jackson's message quotes the text around the error, which may hold a value.
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(field + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    /**
     * @return the JSON string {@code json} holds
     * @throws IllegalArgumentException naming the field when it is not a JSON string
     */
    static String string(String json, String field) {
        JsonNode node = read(json, field);
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a JSON string");
        }
        return node.textValue();
    }

    /**
     * @return the JSON boolean {@code json} holds
     * @throws IllegalArgumentException naming the field when it is not a JSON boolean
     */
    static Boolean bool(String json, String field) {
        JsonNode node = read(json, field);
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(field + " must be a JSON boolean");
        }
        return node.booleanValue();
    }

    /**
     * @return the JSON object {@code json} holds, as plain Java values (maps, lists, strings, numbers, booleans)
     * @throws IllegalArgumentException naming the field when it is not a JSON object
     */
    static Map<String, Object> object(String json, String field) {
        JsonNode node = read(json, field);
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = MAPPER.convertValue(node, LinkedHashMap.class);
        return map;
    }

    /**
     * @return the JSON object of strings {@code json} holds
     * @throws IllegalArgumentException naming the field when it is not a JSON object whose values are all strings
     */
    static Map<String, String> stringMap(String json, String field) {
        JsonNode node = read(json, field);
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(field + " must hold strings only");
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return map;
    }
}
