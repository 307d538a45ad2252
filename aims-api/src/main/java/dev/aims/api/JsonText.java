package dev.aims.api;

import java.util.function.UnaryOperator;

/**
 * Maps the text of a JSON document (a tool's parameter schema, a response format, a provider extra, tool-call
 * arguments) without breaking it. The mapper first sees the whole document, so that a redactor reads each value
 * with its key beside it ({@code "ssn": "…"}); when the result is no longer JSON although the input was (a finding
 * that straddled a quote), the document is mapped again token by token instead: every string — keys included, since
 * a key can hold a value too — and every number, each on its own, structure kept. A number the mapper changes
 * becomes a string, so the document stays valid. Text that is not JSON is mapped as plain text. Linear in the
 * length of the document; no allocation when the mapper changes nothing.
 */
final class JsonText {
    private JsonText() {
    }

    /**
     * @param json   the document, or any text
     * @param mapper the text transformation; returning the same instance means "unchanged"
     * @return the mapped document, or {@code json} itself when nothing changed
     */
    static String map(String json, UnaryOperator<String> mapper) {
        String whole = mapper.apply(json);
        if (whole == json || whole.equals(json)) {
            return json;
        }
        if (!looksLikeJson(json) || valid(whole) || !valid(json)) {
            return whole;
        }
        // Rare (a finding across a quote): the mapper then sees the values a second time, one by one.
        return byToken(json, mapper);
    }

    private static boolean looksLikeJson(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) {
                // A string alone is a JSON document too (an extra's value): its escapes must survive as well.
                return c == '{' || c == '[' || c == '"';
            }
        }
        return false;
    }

    /** @return whether {@code s} is one well-formed JSON value, surrounded by whitespace only */
    static boolean valid(String s) {
        Reader r = new Reader(s);
        return r.value() && r.skipSpace() == s.length();
    }

    private static String byToken(String json, UnaryOperator<String> mapper) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            int end;
            String mapped;
            String original;
            if (c == '"') {
                end = new Reader(json).stringEnd(i);
                original = unescape(json, i + 1, end - 1);
                mapped = mapper.apply(original);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                end = i + 1;
                while (end < n && "+-.eE0123456789".indexOf(json.charAt(end)) >= 0) {
                    end++;
                }
                original = json.substring(i, end);
                mapped = mapper.apply(original);
            } else {
                i++;
                continue;
            }
            if (mapped != original && !mapped.equals(original)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16);
                }
                out.append(json, copied, i);
                quote(mapped, out);
                copied = end;
            }
            i = end;
        }
        if (out == null) {
            return json;
        }
        return out.append(json, copied, n).toString();
    }

    private static String unescape(String s, int from, int to) {
        if (s.indexOf('\\', from) < 0 || s.indexOf('\\', from) >= to) {
            return s.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u':
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default: b.append(e);
            }
        }
        return b.toString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * A recursive-descent recogniser (no tree is built). Depth is bounded so that a hostile document cannot
     * overflow the stack: deeper nesting is reported as not JSON, and such text is then mapped whole.
     */
    private static final class Reader {
        private static final int MAX_DEPTH = 512;
        private final String s;
        private int i;
        private int depth;

        Reader(String s) {
            this.s = s;
        }

        int skipSpace() {
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            return i;
        }

        boolean value() {
            skipSpace();
            if (i >= s.length()) {
                return false;
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return container('}', true);
                case '[':
                    return container(']', false);
                case '"':
                    i = stringEnd(i);
                    return i > 0;
                case 't':
                    return literal("true");
                case 'f':
                    return literal("false");
                case 'n':
                    return literal("null");
                default:
                    return number();
            }
        }

        private boolean container(char close, boolean object) {
            if (++depth > MAX_DEPTH) {
                return false;
            }
            i++;
            skipSpace();
            if (i < s.length() && s.charAt(i) == close) {
                i++;
                depth--;
                return true;
            }
            while (true) {
                if (object) {
                    skipSpace();
                    if (i >= s.length() || s.charAt(i) != '"') {
                        return false;
                    }
                    i = stringEnd(i);
                    if (i < 0) {
                        return false;
                    }
                    skipSpace();
                    if (i >= s.length() || s.charAt(i) != ':') {
                        return false;
                    }
                    i++;
                }
                if (!value()) {
                    return false;
                }
                skipSpace();
                if (i >= s.length()) {
                    return false;
                }
                char c = s.charAt(i++);
                if (c == close) {
                    depth--;
                    return true;
                }
                if (c != ',') {
                    return false;
                }
            }
        }

        /** @return the index after the closing quote of the string opening at {@code at}, or -1 */
        int stringEnd(int at) {
            for (int j = at + 1; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == '"') {
                    return j + 1;
                }
                if (c == '\\') {
                    if (j + 1 >= s.length()) {
                        return -1;
                    }
                    char e = s.charAt(j + 1);
                    if (e == 'u') {
                        if (j + 5 >= s.length() || !hex(j + 2, j + 6)) {
                            return -1;
                        }
                        j += 5;
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        return -1;
                    } else {
                        j++;
                    }
                } else if (c < 0x20) {
                    return -1;
                }
            }
            return -1;
        }

        private boolean hex(int from, int to) {
            for (int j = from; j < to; j++) {
                if (Character.digit(s.charAt(j), 16) < 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean literal(String word) {
            if (s.startsWith(word, i)) {
                i += word.length();
                return true;
            }
            return false;
        }

        private boolean number() {
            int start = i;
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
            }
            int digits = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            if (i == digits) {
                return false;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int frac = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == frac) {
                    return false;
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int exp = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == exp) {
                    return false;
                }
            }
            return i > start;
        }
    }
}
