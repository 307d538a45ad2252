package dev.aims.openai;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;

/**
 * JSON both ways. The SDK's own mapper turns its request and response objects into the JSON it would send or
 * received ({@link #tree}) and back ({@link #sdk}), so what AIMS reads is exactly what goes on the wire; a strict
 * mapper reads the governed JSON texts (schemas, response formats, extras). Errors name the field, never the value.
 */
final class Json {
    /** Strict: trailing text and duplicate keys (two keys masked alike) are errors, not silently dropped. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /**
     * @param sdkValue an SDK request body or response
     * @return its JSON, as the SDK writes it
     */
    static ObjectNode tree(Object sdkValue) {
        JsonNode node = ObjectMappers.jsonMapper().valueToTree(sdkValue);
        if (!(node instanceof ObjectNode)) {
            throw new IllegalArgumentException(sdkValue.getClass().getSimpleName() + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * @param node  JSON
     * @param type  the SDK type it describes
     * @param field what it is, for the error message
     * @param <T>   the SDK type
     * @return the SDK value
     * @throws IllegalArgumentException naming the field when the SDK cannot read it
     */
    static <T> T sdk(JsonNode node, Class<T> type, String field) {
        try {
            return ObjectMappers.jsonMapper().treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Not chained: Jackson's message may quote the text.
            throw new IllegalArgumentException(field + " cannot be read as " + type.getSimpleName() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param text  JSON text, as governance returned it
     * @param field where it goes, for the error message
     * @return the document
     * @throws IllegalArgumentException naming the field when the text is not JSON
     */
    static JsonNode read(String text, String field) {
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(field + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(field + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    /** @return the JSON text of a node */
    static String write(JsonNode node) {
        return node.toString();
    }

    /** @return the text of a string node, or null when the node is missing, null or not a string */
    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** @return whether the node carries no text: a number, a boolean or null, alone */
    static boolean scalarWithoutText(JsonNode node) {
        return node.isNumber() || node.isBoolean() || node.isNull();
    }
}
