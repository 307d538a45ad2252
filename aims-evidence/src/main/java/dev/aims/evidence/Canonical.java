package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The canonical serialisation every entry hash is computed over, in the manner of RFC 8785 (JSON Canonicalization
 * Scheme): object members sorted by the UTF-16 code units of their names, no white space, strings escaped as
 * ECMAScript's {@code JSON.stringify} does. Entries hold integers only, so the number rule reduces to the decimal
 * form of an integer; any other number is refused, because two writers could print it differently.
 */
final class Canonical {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A value without a canonical form; carries its path, built only on this rare way out. */
    private static final class NoCanonicalForm extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private String path;
        private final String problem;

        NoCanonicalForm(String path, String problem) {
            super(null, null, false, false);
            this.path = path;
            this.problem = problem;
        }

        NoCanonicalForm under(String step) {
            path = step + path;
            return this;
        }
    }

    private Canonical() {
    }

    /**
     * @param node a JSON value holding no fractional or exponent numbers
     * @return its canonical form
     * @throws IllegalArgumentException naming the JSON path of a value that has no canonical form here
     */
    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder(512);
        write(node, out, "$");
        return out.toString();
    }

    /**
     * Appends the canonical form of a value.
     *
     * @param path the value's JSON path, for the message of the exception
     * @throws IllegalArgumentException naming the JSON path of a value that has no canonical form here
     */
    static void write(JsonNode node, StringBuilder out, String path) {
        try {
            value(node, out);
        } catch (NoCanonicalForm e) {
            throw new IllegalArgumentException(path + e.path + " " + e.problem);
        }
    }

    private static void value(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT:
                object(node, out);
                break;
            case ARRAY:
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    try {
                        value(node.get(i), out);
                    } catch (NoCanonicalForm e) {
                        throw e.under("[" + i + "]");
                    }
                }
                out.append(']');
                break;
            case STRING:
                string(node.textValue(), out);
                break;
            case NUMBER:
                if (!node.isIntegralNumber()) {
                    throw new NoCanonicalForm("", "must be an integer, but was " + node.asText());
                }
                if (node.canConvertToLong()) {
                    out.append(node.longValue());
                } else {
                    out.append(node.bigIntegerValue());
                }
                break;
            case BOOLEAN:
                out.append(node.booleanValue() ? "true" : "false");
                break;
            case NULL:
                out.append("null");
                break;
            default:
                throw new NoCanonicalForm("", "has no JSON form (" + node.getNodeType() + ")");
        }
    }

    private static void object(JsonNode node, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> f : sorted(node)) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(f.getKey(), out);
            out.append(':');
            try {
                value(f.getValue(), out);
            } catch (NoCanonicalForm e) {
                throw e.under("." + f.getKey());
            }
        }
        out.append('}');
    }

    /**
     * @return the object's members in the order of the UTF-16 code units of their names (String.compareTo), which
     *         is exactly RFC 8785's order; without copying when they already are
     */
    static Iterable<Map.Entry<String, JsonNode>> sorted(JsonNode node) {
        Iterable<Map.Entry<String, JsonNode>> members = node.properties();
        String previous = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = members.iterator(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (previous != null && previous.compareTo(key) > 0) {
                List<Map.Entry<String, JsonNode>> copy = new ArrayList<>(node.properties());
                copy.sort(Map.Entry.comparingByKey());
                return copy;
            }
            previous = key;
        }
        return members;
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                        run = i + 1;
                    } else {
                        // A control character, or a lone surrogate, which has no UTF-8 form: escaping keeps the
                        // line lossless and re-readable.
                        unicodeEscape(c, out);
                    }
            }
        }
        out.append(s, run, s.length()).append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
