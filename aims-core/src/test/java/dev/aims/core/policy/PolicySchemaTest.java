package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped JSON Schema and the parser agree: every rule type, every field the parser reads and every option it
 * offers is in the schema, and nothing else; both example files validate. A rule type, field or option added to the
 * parser without its schema entry fails here, naming what to add where.
 */
class PolicySchemaTest {
    static final Path SCHEMA_FILE = Path.of("..", "examples", "aims-policy.schema.json");
    static final Path JSON_EXAMPLE = Path.of("..", "examples", "aims-policy.json");
    static final Path YAML_EXAMPLE = Path.of("..", "examples", "aims-policy.yaml");
    static final String UNKNOWN = "zzUnknownField";
    static final String BOGUS = "zz-not-an-option";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KNOWN = Pattern.compile("unknown field \\(known here: ([^)]*)\\)");
    private static final Pattern OPTIONS = Pattern.compile("must be one of (.*?)(?:, but was| \\()");

    /** A closed object of the schema and where the parser reads one: which document, at which place. */
    record Place(String schemaPointer, ObjectNode doc, String docPointer, String path) {
        ObjectNode object(ObjectNode copy) {
            return (ObjectNode) copy.at(docPointer);
        }
    }

    private final JsonNode schema = read(SCHEMA_FILE);
    private final Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(text(SCHEMA_FILE));

    @Test
    void theJarShipsTheSchemaOfTheExamples() throws Exception {
        try (InputStream in = PolicyFile.class.getResourceAsStream(PolicyFile.SCHEMA_RESOURCE)) {
            assertThat(in).as(PolicyFile.SCHEMA_RESOURCE + " in aims-core's jar").isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(SCHEMA_FILE));
        }
    }

    @Test
    void bothExamplesValidateAgainstTheSchema() {
        assertThat(validator.validate(text(JSON_EXAMPLE), InputFormat.JSON)).isEmpty();
        assertThat(validator.validate(text(YAML_EXAMPLE), InputFormat.YAML)).isEmpty();
    }

    @Test
    void everyRuleTypeHasItsDefinition() {
        List<String> listed = new ArrayList<>();
        schema.at("/$defs/rule/properties/type/enum").forEach(t -> listed.add(t.asText()));
        assertThat(listed).as("$defs/rule/properties/type/enum of %s lists the rule types, in the parser's order",
                SCHEMA_FILE).containsExactlyElementsOf(RuleType.BY_NAME.keySet());
        Set<String> branches = new LinkedHashSet<>();
        for (JsonNode branch : schema.at("/$defs/rule/allOf")) {
            String type = branch.at("/if/properties/type/const").asText();
            assertThat(branch.at("/then/$ref").asText()).as("the then-branch of rule type %s", type)
                    .isEqualTo("#/$defs/" + type);
            branches.add(type);
        }
        for (String type : RuleType.BY_NAME.keySet()) {
            assertThat(branches).as("$defs/rule/allOf of %s needs an if/then for rule type %s", SCHEMA_FILE, type)
                    .contains(type);
            assertThat(schema.at("/$defs/" + type + "/properties/type/const").asText())
                    .as("%s needs $defs/%s, with \"type\": {\"const\": \"%s\"}", SCHEMA_FILE, type, type)
                    .isEqualTo(type);
        }
    }

    @Test
    void everyFieldTheParserReadsIsInTheSchemaAndNoOther() {
        Map<String, Place> places = places();
        assertThat(places.keySet()).as("every closed object of %s (properties + additionalProperties: false) must"
                + " have a place in this test, so that its fields are compared with the parser's", SCHEMA_FILE)
                .containsExactlyInAnyOrderElementsOf(closedObjects());
        for (Place place : places.values()) {
            ObjectNode doc = place.doc().deepCopy();
            place.object(doc).put(UNKNOWN, 1);
            String problem = problemAt(doc, place.path() + "." + UNKNOWN);
            Matcher m = KNOWN.matcher(problem);
            assertThat(m.find()).as("the parser's problem for an unknown field at %s: %s", place.path(), problem)
                    .isTrue();
            Set<String> parser = new TreeSet<>(Arrays.asList(m.group(1).split(", ")));
            Set<String> described = new TreeSet<>();
            schema.at(place.schemaPointer() + "/properties").fieldNames().forEachRemaining(described::add);
            assertThat(described).as("fields at %s: the parser reads %s; %s describes %s at %s — add the missing"
                    + " ones to the schema (or drop those the parser no longer reads)", place.path(), parser,
                    SCHEMA_FILE, described, place.schemaPointer()).isEqualTo(parser);
            assertThat(validator.validate(doc.toString(), InputFormat.JSON))
                    .as("the schema refuses an unknown field at %s too", place.path()).isNotEmpty();
        }
    }

    @Test
    void everyOptionTheParserOffersIsInTheSchemaAndNoOther() {
        int compared = 0;
        for (Place place : places().values()) {
            JsonNode properties = schema.at(place.schemaPointer() + "/properties");
            for (Iterator<String> it = properties.fieldNames(); it.hasNext();) {
                String field = it.next();
                JsonNode property = resolve(properties.get(field));
                boolean inArray = !property.has("enum") && resolve(property.path("items")).has("enum");
                JsonNode options = inArray ? resolve(property.get("items")).get("enum") : property.get("enum");
                if (options == null) {
                    continue;
                }
                ObjectNode doc = place.doc().deepCopy();
                if (inArray) {
                    place.object(doc).putArray(field).add(BOGUS);
                } else {
                    place.object(doc).put(field, BOGUS);
                }
                String path = place.path() + "." + field + (inArray ? "[0]" : "");
                String problem = problemAt(doc, path);
                Matcher m = OPTIONS.matcher(problem);
                assertThat(m.find()).as("the parser's problem for an unknown option at %s should list the options:"
                        + " %s", path, problem).isTrue();
                Set<String> described = new TreeSet<>();
                options.forEach(o -> described.add(o.asText()));
                assertThat(described).as("options of %s: the parser offers %s; %s lists %s", path, m.group(1),
                        SCHEMA_FILE, described).isEqualTo(new TreeSet<>(Arrays.asList(m.group(1).split(", "))));
                assertThat(validator.validate(doc.toString(), InputFormat.JSON))
                        .as("the schema refuses an unknown option at %s too", path).isNotEmpty();
                compared++;
            }
        }
        assertThat(compared).as("fields with options compared").isGreaterThanOrEqualTo(10);
    }

    @Test
    void theSchemaRefusesWhatTheParserRefusesForTheShapeOfAValue() {
        ObjectNode example = (ObjectNode) read(JSON_EXAMPLE);
        List<String> edits = List.of("/rules/2/limit=-1", "/rules/2/limit=\"many\"", "/rules/0/id=\"no spaces\"",
                "/rules/0/models=[]", "/rules/0/models=[\"gpt **\"]", "/rules/11/threshold=0",
                "/rules/11/threshold=1.5", "/rules/10/scan=\"yes\"", "/version=\" \"", "/schema=\"aims-policy/v2\"",
                "/entityTypes=[\"project-code\"]", "/rules/5/requests=0", "/rules/0/scope={\"systems\": []}",
                "/store={\"type\": \"redis\"}", "/rules/6/entities={}", "/rules/1/mode=\"off\"");
        for (String edit : edits) {
            ObjectNode doc = example.deepCopy();
            int eq = edit.indexOf('=');
            String pointer = edit.substring(0, eq);
            int slash = pointer.lastIndexOf('/');
            ((ObjectNode) doc.at(pointer.substring(0, slash))).set(pointer.substring(slash + 1),
                    read(edit.substring(eq + 1)));
            assertThat(catchThrowableOfType(PolicyValidationException.class,
                    () -> PolicyFile.parse(doc.toString(), "edited.json"))).as("the parser refuses %s", edit)
                    .isNotNull();
            assertThat(validator.validate(doc.toString(), InputFormat.JSON)).as("the schema refuses %s", edit)
                    .isNotEmpty();
        }
    }

    /** @return the places of the schema's closed objects in documents the parser reads, by schema pointer */
    private Map<String, Place> places() {
        ObjectNode example = (ObjectNode) read(JSON_EXAMPLE);
        Map<String, ObjectNode> firstOfType = new LinkedHashMap<>();
        for (JsonNode rule : example.get("rules")) {
            firstOfType.putIfAbsent(rule.get("type").asText(), (ObjectNode) rule);
        }
        assertThat(firstOfType.keySet()).as("%s has a rule of every type", JSON_EXAMPLE)
                .containsAll(RuleType.BY_NAME.keySet());
        Map<String, Place> places = new LinkedHashMap<>();
        places.put("", new Place("", example, "", "$"));
        for (String type : RuleType.BY_NAME.keySet()) {
            places.put("/$defs/" + type, new Place("/$defs/" + type, withRule(example, firstOfType.get(type)),
                    "/rules/0", "$.rules[0]"));
        }
        ObjectNode scoped = firstOfType.get("model-allow-list").deepCopy();
        scoped.putObject("scope");
        places.put("/$defs/scope", new Place("/$defs/scope", withRule(example, scoped), "/rules/0/scope",
                "$.rules[0].scope"));
        ObjectNode stored = firstOfType.get("token-budget").deepCopy();
        stored.putObject("store").put("type", "redis").put("uri", "redis://127.0.0.1:6379");
        places.put("/$defs/storeSettings", new Place("/$defs/storeSettings", withRule(example, stored),
                "/rules/0/store", "$.rules[0].store"));
        ObjectNode entity = firstOfType.get("sensitive-data").deepCopy();
        entity.putObject("entities").putObject("EMAIL_ADDRESS").put("action", "redact")
                .put("operator", "PSEUDONYMIZE");
        places.put("/$defs/entityActionObject", new Place("/$defs/entityActionObject", withRule(example, entity),
                "/rules/0/entities/EMAIL_ADDRESS", "$.rules[0].entities.EMAIL_ADDRESS"));
        return places;
    }

    private static ObjectNode withRule(ObjectNode example, ObjectNode rule) {
        ObjectNode doc = example.deepCopy();
        doc.putArray("rules").add(rule.deepCopy());
        return doc;
    }

    /** @return the pointers of every object schema with properties; each must be closed, except the rule switch */
    private Set<String> closedObjects() {
        Set<String> out = new TreeSet<>();
        collect(schema, "", out);
        return out;
    }

    private static void collect(JsonNode node, String pointer, Set<String> out) {
        if (node.isObject()) {
            // An if-schema tests a value, it does not describe one: it names only the field it tests.
            boolean test = pointer.endsWith("/if");
            if (!test && node.has("properties") && node.get("properties").isObject()
                    && !pointer.equals("/$defs/rule")) {
                assertThat(node.path("additionalProperties").isBoolean()
                        && !node.get("additionalProperties").asBoolean())
                        .as("the object schema at %s must say \"additionalProperties\": false, as the parser refuses"
                                + " unknown fields", pointer).isTrue();
                out.add(pointer);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    /** @return the schema a {@code $ref} within the file points at, else the node itself */
    private JsonNode resolve(JsonNode node) {
        JsonNode at = node;
        while (at != null && at.has("$ref") && at.get("$ref").asText().startsWith("#")) {
            at = schema.at(at.get("$ref").asText().substring(1));
        }
        return at == null ? node : at;
    }

    private static String problemAt(ObjectNode doc, String path) {
        PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyFile.parse(doc.toString(), "probe.json"));
        assertThat(e).as("the parser should refuse the probe at %s", path).isNotNull();
        return e.problems().stream().filter(p -> p.path().equals(path)).findFirst()
                .map(PolicyValidationException.Problem::message)
                .orElseThrow(() -> new AssertionError("no problem at " + path + " among " + e.problems()));
    }

    private static JsonNode read(Path file) {
        return read(text(file));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
