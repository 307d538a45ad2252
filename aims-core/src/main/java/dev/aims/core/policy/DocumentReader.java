package dev.aims.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the text of a policy document, JSON or YAML, into one tree the parser validates, recording where each member
 * and element starts. Both formats give the same tree: YAML's plain scalars become numbers, booleans and null as
 * YAML 1.1 resolves them (so {@code yes} is true), quoted scalars stay strings. What JSON cannot say is refused with
 * its place: YAML aliases (a policy is read as written, not expanded), binary values, integers not in decimal
 * ({@code 010} would be 8), a second document, a name given twice in one object.
 * Syntax errors name their line and column but never quote the text around them.
 */
final class DocumentReader {
    /** Far deeper than any policy needs, far shallower than the stack allows. */
    static final int MAX_DEPTH = 32;

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * A quoted run in a parser's message: one character or an escape (a bracket, a tab: kept), or more (a token of
     * the document: never shown).
     */
    private static final Pattern QUOTED = Pattern.compile(
            "'\\\\.'|'[^'\\n]'|\"[^\"\\n]\"|'([^'\\n]{2,})'|\"([^\"\\n]{2,})\"");
    /** An integer as JSON writes it; YAML 1.1 also has octal, hexadecimal, binary and '_' separators. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern TOKEN_NAME = Pattern.compile("<[a-z ]+>");
    /** Jackson's rendering of one character, {@code 'x' (code 120)}, which a quote character would unbalance. */
    private static final Pattern CHARACTER = Pattern.compile("'(.)' \\(code (\\d+)\\)");
    /** Jackson's note of where a bracket opened; the problem's own place is given apart. */
    private static final Pattern SOURCE = Pattern.compile(
            "\\s*\\([^()]*\\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]");

    private final JsonParser parser;
    private final PolicyFile.Format format;
    private final Locations locations;
    private final Problems problems;

    private DocumentReader(JsonParser parser, PolicyFile.Format format, Locations locations, Problems problems) {
        this.parser = parser;
        this.format = format;
        this.locations = locations;
        this.problems = problems;
    }

    /**
     * @return the document's tree, or null when it has none (empty) or cannot be read (a problem was added); the
     *         positions of what was read are in {@code locations}
     */
    static JsonNode read(String text, PolicyFile.Format format, Locations locations, Problems problems) {
        JsonFactory factory = format == PolicyFile.Format.YAML ? YAML : JSON;
        try (JsonParser parser = factory.createParser(text)) {
            DocumentReader reader = new DocumentReader(parser, format, locations, problems);
            if (parser.nextToken() == null) {
                return null;
            }
            reader.mark("$");
            JsonNode root = reader.value("$", 0);
            if (root != null && parser.nextToken() != null) {
                problems.add("$", at(parser.currentTokenLocation()), format == PolicyFile.Format.YAML
                        ? "holds more than one YAML document; a policy file is one document"
                        : "has more content after the end of the document");
                return null;
            }
            return root;
        } catch (TooDeep e) {
            // Not read further: what lies below would only meet the parser's own, later limit.
            problems.add(e.path, "is nested more than " + MAX_DEPTH + " levels deep");
            return null;
        } catch (JsonProcessingException e) {
            problems.add("$", place(e), "is not valid " + format + ": " + describe(e));
            return null;
        } catch (IOException e) {
            // Reading a String does no I/O; a parser that says otherwise is not one this class was written for.
            throw new IllegalStateException("reading a policy document from memory failed", e);
        }
    }

    /** Reads the value at the current token; null when it was refused (a problem was added). */
    private JsonNode value(String path, int depth) throws IOException {
        JsonToken t = parser.currentToken();
        switch (t) {
            case START_OBJECT:
            case START_ARRAY:
                if (depth >= MAX_DEPTH) {
                    throw new TooDeep(path);
                }
                return t == JsonToken.START_OBJECT ? object(path, depth) : array(path, depth);
            case VALUE_STRING:
                if (parser instanceof YAMLParser && ((YAMLParser) parser).isCurrentAlias()) {
                    problems.add(path, "is a YAML alias; write the value out (aliases are not expanded)");
                    return null;
                }
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                if (format == PolicyFile.Format.YAML && !DECIMAL.matcher(parser.getText()).matches()) {
                    // YAML 1.1 reads 010 as 8 and 0x10 as 16: a limit must not change by how it was written.
                    problems.add(path, "is an integer in octal, hexadecimal or with '_'; write it in decimal");
                    return null;
                }
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                problems.add(path, "is not a value a policy can hold (" + format + " " + t + ")");
                return null;
        }
    }

    private JsonNode object(String path, int depth) throws IOException {
        ObjectNode object = NODES.objectNode();
        boolean ok = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String member = Fields.member(path, name);
            long at = at(parser.currentTokenLocation());
            boolean twice = object.has(name);
            if (!twice) {
                locations.put(member, Locations.line(at), Locations.column(at));
            }
            parser.nextToken();
            JsonNode v = value(member, depth + 1);
            if (twice) {
                long first = locations.find(member);
                problems.add(member, at, "appears twice in one object (first at line " + Locations.line(first)
                        + ", column " + Locations.column(first) + ")");
                ok = false;
            } else if (v == null) {
                ok = false;
            } else {
                object.set(name, v);
            }
        }
        return ok ? object : null;
    }

    private JsonNode array(String path, int depth) throws IOException {
        ArrayNode array = NODES.arrayNode();
        boolean ok = true;
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            String element = path + "[" + i + "]";
            mark(element);
            JsonNode v = value(element, depth + 1);
            if (v == null) {
                ok = false;
            } else {
                array.add(v);
            }
        }
        return ok ? array : null;
    }

    private void mark(String path) {
        long at = at(parser.currentTokenLocation());
        locations.put(path, Locations.line(at), Locations.column(at));
    }

    private static long at(JsonLocation l) {
        return l == null ? 0 : Locations.pack(l.getLineNr(), l.getColumnNr());
    }

    /** @return where a syntax error was found: SnakeYAML's mark when YAML failed, else Jackson's location */
    private static long place(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException) {
            MarkedYAMLException y = (MarkedYAMLException) e.getCause();
            if (y.getProblemMark() != null) {
                return Locations.pack(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1);
            }
        }
        return at(e.getLocation());
    }

    /**
     * @return what the parser found wrong, without the text it found: SnakeYAML's problem instead of its message
     *         (which quotes the offending line), and every quoted token of more than one character replaced
     */
    static String describe(JsonProcessingException e) {
        String message = e.getCause() instanceof MarkedYAMLException
                ? ((MarkedYAMLException) e.getCause()).getProblem() : e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int end = message.indexOf('\n');
        message = end < 0 ? message : message.substring(0, end);
        message = SOURCE.matcher(message).replaceAll("");
        Matcher c = CHARACTER.matcher(message);
        StringBuilder chars = new StringBuilder();
        while (c.find()) {
            boolean quote = c.group(1).equals("'") || c.group(1).equals("\"");
            c.appendReplacement(chars, quote ? "code $2" : "'$1', code $2");
        }
        c.appendTail(chars);
        Matcher m = QUOTED.matcher(chars);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2);
            // Kept: JSON's keywords, and SnakeYAML's names of its own tokens, such as '<block mapping start>'.
            boolean kept = token == null || token.equals("null") || token.equals("true") || token.equals("false")
                    || TOKEN_NAME.matcher(token).matches();
            m.appendReplacement(sb, kept ? Matcher.quoteReplacement(m.group()) : "(text not shown)");
        }
        m.appendTail(sb);
        return sb.toString().strip();
    }

    /** Ends reading where the document nests deeper than any policy does. */
    private static final class TooDeep extends RuntimeException {
        final String path;

        TooDeep(String path) {
            super(null, null, false, false);
            this.path = path;
        }
    }
}
