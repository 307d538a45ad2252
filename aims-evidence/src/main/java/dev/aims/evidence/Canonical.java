package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
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

    static void write(JsonNode node, StringBuilder out, String path) {
        switch (node.getNodeType()) {
            case OBJECT:
                writeObject(node, out, path);
                break;
            case ARRAY:
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, path + "[" + i + "]");
                }
                out.append(']');
                break;
            case STRING:
                string(node.textValue(), out);
                break;
            case NUMBER:
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException(path + " must be an integer, but was " + node.asText());
                }
                out.append(node.bigIntegerValue().toString());
                break;
            case BOOLEAN:
                out.append(node.booleanValue() ? "true" : "false");
                break;
            case NULL:
                out.append("null");
                break;
            default:
                throw new IllegalArgumentException(path + " has no JSON form (" + node.getNodeType() + ")");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out, String path) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        // String.compareTo orders by UTF-16 code units, which is exactly what RFC 8785 asks for.
        fields.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> f : fields) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(f.getKey(), out);
            out.append(':');
            write(f.getValue(), out, path + "." + f.getKey());
        }
        out.append('}');
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
                    if (c < 0x20 || loneSurrogate(s, i)) {
                        // A lone surrogate has no UTF-8 form; escaping keeps the line lossless and re-readable.
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) {
                            out.append(s.charAt(++i));
                        }
                    }
            }
        }
        out.append('"');
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c);
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
