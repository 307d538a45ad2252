package dev.aims.evidence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;

/**
 * Parses an evidence line and checks it on its own: well-formed JSON without duplicate names, the members every
 * entry has, canonical form, and a hash that matches the content. Chain order and signatures are the verifier's.
 */
final class EntryParser {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final MessageDigest sha = Chain.sha256();

    /** The outcome of checking one line: the entry, or why it is no valid entry. */
    record Result(ObjectNode entry, String problem, boolean unreadable) {
        static Result bad(String problem) {
            return new Result(null, problem, false);
        }

        static Result unreadable(String problem) {
            return new Result(null, problem, true);
        }

        boolean ok() {
            return problem == null;
        }

        long seq() {
            return entry.get(Entries.SEQ).longValue();
        }

        String prev() {
            return entry.get(Entries.PREV).textValue();
        }

        String hash() {
            return entry.get(Entries.HASH).textValue();
        }

        String type() {
            return entry.get(Entries.TYPE).textValue();
        }

        String ts() {
            return entry.get(Entries.TS).textValue();
        }

        JsonNode body() {
            return entry.get(type());
        }
    }

    /** @return the parsed tree, or null when the text is no JSON object (for readers that do not verify) */
    ObjectNode tree(String text) {
        try {
            JsonNode n = mapper.readTree(text);
            return n instanceof ObjectNode ? (ObjectNode) n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    Result check(String text) {
        if (text == null) {
            return Result.unreadable("the line is not UTF-8");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the line; the column is enough and repeats nothing.
            return Result.unreadable("the line is not well-formed JSON (column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ")");
        }
        if (!(node instanceof ObjectNode)) {
            return Result.unreadable("the line is not a JSON object");
        }
        ObjectNode entry = (ObjectNode) node;
        String problem = structure(entry);
        if (problem != null) {
            return Result.bad(problem);
        }
        Chain.Parts parts;
        try {
            parts = new Chain.Parts(entry);
        } catch (IllegalArgumentException e) {
            return Result.bad(e.getMessage());
        }
        if (!parts.without().equals(text)) {
            return Result.bad("the line is not in canonical form (re-spaced or re-ordered members)");
        }
        String expected = Chain.hash(sha, entry.get(Entries.PREV).textValue(), parts.without(Entries.HASH));
        if (!expected.equals(entry.get(Entries.HASH).textValue())) {
            return Result.bad("the entry's content does not match its hash");
        }
        return new Result(entry, null, false);
    }

    /** @return the canonical form a checkpoint's signature covers: the entry without hash and sig */
    static String signedPayload(ObjectNode checkpoint) {
        return new Chain.Parts(checkpoint).without(Entries.HASH, Entries.SIG);
    }

    private static String structure(ObjectNode e) {
        JsonNode seq = e.get(Entries.SEQ);
        if (seq == null || !seq.isIntegralNumber() || seq.longValue() < 1) {
            return "member 'seq' must be a positive integer";
        }
        for (String f : new String[] {Entries.TS, Entries.TYPE, Entries.PREV, Entries.HASH}) {
            JsonNode v = e.get(f);
            if (v == null || !v.isTextual()) {
                return "member '" + f + "' must be a string";
            }
        }
        if (!hex64(e.get(Entries.PREV).textValue())) {
            return "member 'prev' must be 64 lower-case hex digits";
        }
        if (!hex64(e.get(Entries.HASH).textValue())) {
            return "member 'hash' must be 64 lower-case hex digits";
        }
        String type = e.get(Entries.TYPE).textValue();
        if (!type.equals(Entries.CALL) && !type.equals(Entries.CHECKPOINT) && !type.equals(Entries.OPEN)) {
            return "member 'type' must be call, checkpoint or open, but was '" + type + "'";
        }
        JsonNode body = e.get(type);
        if (body == null || !body.isObject()) {
            return "member '" + type + "' must be an object";
        }
        int expectedSize = type.equals(Entries.CHECKPOINT) ? 7 : 6;
        if (e.size() != expectedSize) {
            return "the entry has members other than seq, ts, type, prev, hash, " + type
                    + (type.equals(Entries.CHECKPOINT) ? ", sig" : "");
        }
        if (type.equals(Entries.CHECKPOINT)) {
            JsonNode sig = e.get(Entries.SIG);
            if (sig == null || !sig.isTextual()) {
                return "member 'sig' must be a string";
            }
        }
        return null;
    }

    private static boolean hex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
