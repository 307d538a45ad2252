package dev.aims.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and validates a policy document, JSON or YAML, into {@link RuleSpec}s, collecting every problem before
 * giving up. The document, in JSON (YAML holds the same tree):
 * <pre>{@code
 * {
 *   "$schema": "aims-policy.schema.json",  // optional, for editors; ignored
 *   "schema": "aims-policy/v1",
 *   "version": "2025-06-01.1",             // string or integer; each rule's version unless it sets its own
 *   "description": "…",                    // optional
 *   "entityTypes": ["PROJECT_CODE"],        // optional custom entity types, beside the built-in ones
 *   "store": {"type": "redis", "uri": "…"}, // optional quota store of every budget and rate limit without one
 *   "rules": [ { "id": "…", "type": "…", "mode": "enforce|shadow", "scope": {…}, …parameters… } ]
 * }
 * }</pre>
 * Each rule's canonical form — its parameters with defaults filled in, keys sorted, set-like lists sorted, without
 * the free-text description — is its fingerprint, so formatting and key order do not change the set's hash.
 */
final class PolicyParser {
    static final String SCHEMA = "aims-policy/v1";
    static final int MAX_CHARS = 1 << 20;

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final Map<String, Boolean> MODES = Fields.options(Map.entry("enforce",
            Boolean.FALSE), Map.entry("shadow", Boolean.TRUE));
    private static final int MAX_ID = 100;

    /** A validated document. */
    record Document(String version, String description, Set<String> customTypes, List<RuleSpec> rules) {
    }

    private PolicyParser() {
    }

    /**
     * @param text   the document, JSON or YAML
     * @param format how to read it
     * @param origin where it came from, named in problems
     * @param at     filled with where each member and element starts, for later problems too
     * @throws PolicyValidationException listing every problem, each with its line and column
     */
    static Document parse(String text, PolicyFile.Format format, String origin, Locations at) {
        Problems problems = new Problems(at);
        if (text.length() > MAX_CHARS) {
            problems.add("$", "the document has " + text.length() + " characters, more than the " + MAX_CHARS
                    + " allowed");
            problems.throwIfAny(origin);
        }
        JsonNode root = DocumentReader.read(text, format, at, problems);
        problems.throwIfAny(origin);
        if (root == null) {
            problems.add("$", "is empty; a policy document is an object with schema, version and rules");
            problems.throwIfAny(origin);
        }
        Fields doc = Fields.of(root, "$", problems);
        if (doc == null) {
            problems.throwIfAny(origin);
        }
        // "$schema" points an editor at aims-policy.schema.json; it is not part of the policy, nor of its hash.
        doc.string("$schema", false);
        String schema = doc.string("schema", true);
        if (schema != null && !schema.equals(SCHEMA)) {
            doc.problem("schema", "must be \"" + SCHEMA + "\", but was " + Fields.show(schema));
        }
        String version = version(doc, "version", true);
        String description = doc.string("description", false);
        Set<String> custom = customTypes(doc);
        StoreRef store = StoreRef.parse(doc);
        JsonNode rules = doc.raw("rules");
        doc.rejectUnknown();
        if (rules == null) {
            doc.problem("rules", "is required");
        } else if (!rules.isArray()) {
            doc.problem("rules", "must be an array of rules, but was " + Fields.show(rules));
        }
        Set<String> known = new LinkedHashSet<>(EntityTypes.BUILT_IN);
        known.addAll(custom);
        ParseContext ctx = new ParseContext(Set.copyOf(known), store);
        List<RuleSpec> specs = new ArrayList<>();
        if (rules != null && rules.isArray()) {
            Map<String, String> ids = new HashMap<>();
            for (int i = 0; i < rules.size(); i++) {
                RuleSpec spec = rule(rules.get(i), "$.rules[" + i + "]", i, version, ctx, problems, ids);
                if (spec != null) {
                    specs.add(spec);
                }
            }
        }
        checkShadowedScopes(specs, problems);
        problems.throwIfAny(origin);
        return new Document(version, description, Set.copyOf(custom), List.copyOf(specs));
    }

    /** Reads a version: a non-blank string or an integer. */
    private static String version(Fields f, String field, boolean required) {
        JsonNode v = f.raw(field);
        if (v == null) {
            if (required) {
                f.problem(field, "is required");
            }
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isTextual() && !v.asText().isBlank()) {
            return v.asText();
        }
        f.problem(field, "must be a non-blank string or an integer, but was " + Fields.show(v));
        return null;
    }

    private static Set<String> customTypes(Fields doc) {
        List<String> names = doc.strings("entityTypes", false, false);
        Set<String> out = new LinkedHashSet<>();
        if (names == null) {
            return out;
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            String at = doc.path("entityTypes") + "[" + i + "]";
            if (!EntityTypes.wellFormed(n)) {
                doc.problems().add(at, "must be upper-case letters, digits and underscores, starting with a letter,"
                        + " but was " + Fields.show(n));
            } else if (EntityTypes.BUILT_IN_SET.contains(n)) {
                doc.problems().add(at, "is a built-in type; list only custom types here, but was " + Fields.quote(n));
            } else if (!out.add(n)) {
                doc.problems().add(at, "appears twice: " + Fields.quote(n));
            }
        }
        return out;
    }

    private static RuleSpec rule(JsonNode node, String path, int index, String docVersion, ParseContext ctx,
            Problems problems, Map<String, String> ids) {
        Fields f = Fields.of(node, path, problems);
        if (f == null) {
            return null;
        }
        int before = problems.size();
        String id = f.string("id", true);
        if (id != null) {
            if (!validId(id)) {
                f.problem("id", "must be up to " + MAX_ID + " letters, digits, '.', '_' or '-', starting with a"
                        + " letter or digit, but was " + Fields.show(id));
            } else if (ids.containsKey(id)) {
                f.problem("id", "duplicate id " + Fields.quote(id) + " (first used at " + ids.get(id) + ")");
            } else {
                ids.put(id, path);
            }
        }
        RuleType type = f.choice("type", RuleType.BY_NAME, true);
        String own = version(f, "version", false);
        Boolean shadow = f.choice("mode", MODES, false);
        boolean modeBad = shadow == null && f.has("mode");
        f.string("description", false);
        Scope scope = f.has("scope") ? Scope.parse(f.object("scope", false)) : Scope.EVERYWHERE;
        Map<String, Object> canonical = new TreeMap<>();
        Object params = null;
        if (type != null) {
            params = type.parse(f, ctx, canonical);
            f.rejectUnknown();
        }
        String version = own != null ? own : docVersion;
        if (problems.size() > before || params == null || id == null || scope == null || modeBad
                || version == null) {
            return null;
        }
        boolean isShadow = shadow != null && shadow;
        canonical.put("id", id);
        canonical.put("type", type.wireName);
        canonical.put("version", version);
        canonical.put("mode", isShadow ? "shadow" : "enforce");
        if (!scope.isEverywhere()) {
            canonical.put("scope", scope.canonical());
        }
        String fingerprint;
        try {
            fingerprint = CANONICAL.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the canonical form of rule '" + id + "' could not be written", e);
        }
        return new RuleSpec(index, path, id, type, version, isShadow, scope, params, fingerprint);
    }

    private static boolean validId(String id) {
        if (id.length() > MAX_ID || !Character.isLetterOrDigit(id.charAt(0)) || id.charAt(0) > 127) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Two enforced rules of one kind with the same scope: the earlier always wins, which is surely not what was meant.
     * A shadow rule may share an enforced rule's scope: that is how a stricter version is tried out.
     */
    private static void checkShadowedScopes(List<RuleSpec> specs, Problems problems) {
        for (int j = 0; j < specs.size(); j++) {
            RuleSpec later = specs.get(j);
            for (int i = 0; i < j; i++) {
                RuleSpec earlier = specs.get(i);
                if (!earlier.shadow && !later.shadow && earlier.group.equals(later.group)
                        && earlier.scope.sameAs(later.scope)) {
                    problems.add(later.path + ".scope", "same kind and scope (" + later.scope.describe()
                            + ") as rule '" + earlier.id + "' at " + earlier.path
                            + ", which always takes precedence; merge the two rules");
                    break;
                }
            }
        }
    }
}
