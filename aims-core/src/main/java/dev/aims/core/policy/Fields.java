package dev.aims.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one JSON object of a policy document, reporting each problem with its path and the bad value
 * instead of stopping at the first. A getter returns null when the field is absent or wrong; the caller carries on.
 */
final class Fields {
    private static final int SHOWN_CHARS = 60;

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> read = new LinkedHashSet<>();

    private Fields(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** @return the fields of {@code node}, or null (with a problem) when it is not an object */
    static Fields of(JsonNode node, String path, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(path, "must be an object, but was " + show(node));
            return null;
        }
        return new Fields(node, path, problems);
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    /** @return the path of a member of this object */
    String path(String field) {
        return member(path, field);
    }

    static String member(String path, String field) {
        boolean plain = !field.isEmpty() && Character.isJavaIdentifierStart(field.charAt(0));
        for (int i = 1; plain && i < field.length(); i++) {
            plain = Character.isJavaIdentifierPart(field.charAt(i)) || field.charAt(i) == '-';
        }
        return plain ? path + "." + field : path + "['" + field.replace("'", "\\'") + "']";
    }

    void problem(String field, String message) {
        problems.add(path(field), message);
    }

    boolean has(String field) {
        read.add(field);
        return node.has(field);
    }

    /** @return the raw member, marking it as known */
    JsonNode raw(String field) {
        read.add(field);
        return node.get(field);
    }

    /** @return a non-blank string, or null */
    String string(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(field, "must be a string, but was " + show(v));
            return null;
        }
        if (v.asText().isBlank()) {
            problem(field, "must not be blank, but was " + show(v));
            return null;
        }
        return v.asText();
    }

    /** @return an integer in {@code [min, max]}, or null */
    Long integer(String field, long min, long max, boolean required) {
        JsonNode v = raw(field);
        if (v == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            problem(field, "must be an integer" + range(min, max) + ", but was " + show(v));
            return null;
        }
        long n = v.asLong();
        if (n < min || n > max) {
            problem(field, "must be an integer" + range(min, max) + ", but was " + show(v));
            return null;
        }
        return n;
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE) {
            return " >= " + min;
        }
        return " in [" + min + ", " + max + "]";
    }

    /** @return a number in {@code (minExclusive, max]}, or null */
    Double number(String field, double minExclusive, double max) {
        JsonNode v = raw(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !(v.asDouble() > minExclusive && v.asDouble() <= max)) {
            problem(field, "must be a number in (" + minExclusive + ", " + max + "], but was " + show(v));
            return null;
        }
        return v.asDouble();
    }

    /** @return the value if it is one of {@code options} (by wire name), else null */
    <E> E choice(String field, Map<String, E> options, boolean required) {
        JsonNode v = raw(field);
        if (v == null) {
            if (required) {
                problem(field, "is required (one of " + String.join(", ", options.keySet()) + ")");
            }
            return null;
        }
        E e = v.isTextual() ? options.get(v.asText()) : null;
        if (e == null) {
            problem(field, "must be one of " + String.join(", ", options.keySet()) + ", but was " + show(v));
        }
        return e;
    }

    /** @return the strings of an array of non-blank strings, or null; elements that are wrong are reported */
    List<String> strings(String field, boolean required, boolean nonEmpty) {
        JsonNode v = raw(field);
        if (v == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        return strings(v, path(field), nonEmpty, problems);
    }

    static List<String> strings(JsonNode v, String at, boolean nonEmpty, Problems problems) {
        if (!v.isArray()) {
            problems.add(at, "must be an array of strings, but was " + show(v));
            return null;
        }
        if (nonEmpty && v.isEmpty()) {
            problems.add(at, "must not be empty");
            return null;
        }
        List<String> out = new ArrayList<>(v.size());
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                problems.add(at + "[" + i + "]", "must be a non-blank string, but was " + show(e));
                ok = false;
            } else {
                out.add(e.asText());
            }
        }
        return ok ? out : null;
    }

    /** @return the member object's fields, or null */
    Fields object(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        return of(v, path(field), problems);
    }

    /** @return the names of the members not yet read */
    List<String> unread() {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!read.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** @return the names of all members, in document order */
    List<String> names() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Reports every member that no getter asked for: a misspelt field must not be silently ignored. */
    void rejectUnknown() {
        for (String name : unread()) {
            problems.add(path(name), "unknown field (known here: " + String.join(", ", read) + ")");
        }
    }

    /** @return the options of a {@link #choice}, in the order given, so that messages list them stably */
    @SafeVarargs
    static <E> Map<String, E> options(Map.Entry<String, E>... entries) {
        Map<String, E> m = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, E> e : entries) {
            m.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @return what kind of bad value was found, for a problem message: numbers and booleans as they are, a string
     *         only by its length, so that no message quotes text a file gives (a principal in a scope, a URI)
     */
    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isTextual()) {
            return show(v.asText());
        }
        if (v.isNumber() || v.isBoolean()) {
            String s = v.toString();
            return s.length() > SHOWN_CHARS ? "a number of " + s.length() + " digits" : s;
        }
        return "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
    }

    /** @return a string value rendered like {@link #show(JsonNode)}: by its length, never its text */
    static String show(String value) {
        return "a string of " + value.length() + (value.length() == 1 ? " character" : " characters");
    }

    /**
     * @return a name the format itself defines or has already checked to be one (a rule id, an entity type, an
     *         option), quoted; never for a value that failed its check
     */
    static String quote(String name) {
        return "\"" + name + "\"";
    }
}
