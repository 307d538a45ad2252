package dev.aims.springai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the values the adapter carries as {@link dev.aims.api.AiRequest#extras() extras}, and their way
 * back once redacted. A value that comes back in another shape (a redactor that turned a number into a string) fails
 * with a message naming the extra and the shape expected, never the value.
 */
final class JsonValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonValues() {
    }

    /** @return the value as JSON text, or null when it cannot be written as JSON (then AIMS cannot inspect it) */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** @return whether the text is one JSON value */
    static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** @return the value of the JSON text, or null when there is none */
    static Object read(String json, String name) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the text: it is not passed on.
            throw new IllegalStateException("extras['" + name + "'] is no longer JSON after redaction");
        }
    }

    static String readString(String json, String name) {
        Object v = read(json, name);
        if (v != null && !(v instanceof String)) {
            throw shape(name, "a string");
        }
        return (String) v;
    }

    static Map<String, Object> readObject(String json, String name) {
        Object v = read(json, name);
        if (v != null && !(v instanceof Map)) {
            throw shape(name, "an object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (v != null) {
            ((Map<?, ?>) v).forEach((k, value) -> out.put((String) k, value));
        }
        return v == null ? null : out;
    }

    static Map<String, String> readStringMap(String json, String name) {
        Map<String, Object> v = readObject(json, name);
        if (v == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : v.entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw shape(name, "an object of strings");
            }
            out.put(e.getKey(), (String) e.getValue());
        }
        return out;
    }

    static Map<String, Integer> readIntMap(String json, String name) {
        Map<String, Object> v = readObject(json, name);
        if (v == null) {
            return null;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : v.entrySet()) {
            if (!(e.getValue() instanceof Integer)) {
                throw shape(name, "an object of integers");
            }
            out.put(e.getKey(), (Integer) e.getValue());
        }
        return out;
    }

    static List<String> readStringList(String json, String name) {
        Object v = read(json, name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List)) {
            throw shape(name, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
            if (!(e instanceof String)) {
                throw shape(name, "an array of strings");
            }
            out.add((String) e);
        }
        return out;
    }

    private static IllegalStateException shape(String name, String expected) {
        return new IllegalStateException("extras['" + name + "'] must be " + expected + " to be sent, but redaction"
                + " or a policy changed its shape");
    }
}
