package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.PolicySet;
import dev.aims.testkit.FakeRedactor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    static final Path EXAMPLE = Path.of("..", "examples", "aims-policy.json");
    static final Path YAML_EXAMPLE = Path.of("..", "examples", "aims-policy.yaml");
    static final String BUDGET = "{\"id\": \"b\", \"type\": \"token-budget\", \"per\": \"tenant\", \"window\": \"day\","
            + " \"limit\": 100}";

    @TempDir
    Path dir;

    @Test
    void exampleFileIsValidAndUsesEveryRuleType() throws Exception {
        PolicyFile f = PolicyFile.read(EXAMPLE);
        assertThat(f.version()).isEqualTo("2025-06-01.1");
        assertThat(f.rules()).extracting(PolicyFile.Rule::type).containsAll(RuleType.BY_NAME.keySet());
        assertThat(f.rules()).extracting(PolicyFile.Rule::mode).contains("shadow", "enforce");
        assertThat(f.entityTypes()).containsExactly("PROJECT_CODE");
    }

    @Test
    void yamlExampleIsTheJsonExampleWordForWord() throws Exception {
        Problems problems = new Problems();
        com.fasterxml.jackson.databind.JsonNode yaml = DocumentReader.read(Files.readString(YAML_EXAMPLE),
                PolicyFile.Format.YAML, new Locations(), problems);
        com.fasterxml.jackson.databind.JsonNode json = DocumentReader.read(Files.readString(EXAMPLE),
                PolicyFile.Format.JSON, new Locations(), problems);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(yaml).isEqualTo(json);
        PolicyFile fromYaml = PolicyFile.read(YAML_EXAMPLE);
        PolicyFile fromJson = PolicyFile.read(EXAMPLE);
        assertThat(fromYaml.hash()).isEqualTo(fromJson.hash());
        assertThat(fromYaml.rules()).isEqualTo(fromJson.rules());
        assertThat(fromYaml.description()).isEqualTo(fromJson.description()).isPresent();
    }

    @Test
    void aYamlFileIsReadAsYamlByItsName() throws Exception {
        Path yml = dir.resolve("policy.yml");
        Files.writeString(yml, DocumentReaderTest.YAML_BUDGET.replace("limit: 100", "limit: -1"));
        PolicyValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                PolicyValidationException.class, () -> PolicyFile.read(yml));
        assertThat(e.lines()).containsExactly(yml + ":8:5: $.rules[0].limit: must be an integer >= 0, but was -1");
        assertThat(e.getMessage()).isEqualTo("policy " + yml + " is invalid (1 problem):\n  line 8, column 5:"
                + " $.rules[0].limit: must be an integer >= 0, but was -1");
    }

    @Test
    void hashIsTheHashOfTheLoadedSet() throws Exception {
        PolicyFile f = PolicyFile.read(EXAMPLE);
        PolicySet set = PolicyLoader.builder().redactor(new FakeRedactor(Map.of())).build().load(f);
        assertThat(set.hash()).isEqualTo(f.hash()).matches("[0-9a-f]{64}");
        assertThat(set.policies()).extracting(p -> p.fingerprint())
                .containsExactlyElementsOf(f.rules().stream().map(PolicyFile.Rule::fingerprint).toList());
    }

    @Test
    void fingerprintIsCanonicalWithDefaultsFilledIn() {
        PolicyFile f = PolicyFile.parse(Fixtures.doc(BUDGET), "t.json");
        assertThat(f.rules().get(0).fingerprint()).isEqualTo("{\"id\":\"b\",\"limit\":100,\"mode\":\"enforce\","
                + "\"outputEstimate\":256,\"per\":\"tenant\",\"type\":\"token-budget\",\"version\":\"7\","
                + "\"window\":\"day\",\"zone\":\"UTC\"}");
    }

    @Test
    void hashIgnoresFormattingKeyOrderDescriptionsAndStatedDefaults() {
        String reordered = "{\n  \"limit\": 100,\n  \"description\": \"why\",\n  \"window\": \"day\","
                + " \"zone\": \"UTC\", \"mode\": \"enforce\",\n  \"per\": \"tenant\", \"type\": \"token-budget\","
                + " \"id\": \"b\"}";
        assertThat(PolicyFile.parse(Fixtures.doc(reordered), "a").hash())
                .isEqualTo(PolicyFile.parse(Fixtures.doc(BUDGET), "b").hash());
    }

    @Test
    void hashChangesWithAnyParameterVersionOrOrder() {
        String base = PolicyFile.parse(Fixtures.doc(BUDGET), "a").hash();
        String models = "{\"id\": \"m\", \"type\": \"model-allow-list\", \"models\": [\"x\"]}";
        assertThat(PolicyFile.parse(Fixtures.doc(BUDGET.replace("100", "101")), "a").hash()).isNotEqualTo(base);
        assertThat(PolicyFile.parse(Fixtures.doc(BUDGET).replace("\"7\"", "\"8\""), "a").hash()).isNotEqualTo(base);
        assertThat(PolicyFile.parse(Fixtures.doc(BUDGET, models), "a").hash())
                .isNotEqualTo(PolicyFile.parse(Fixtures.doc(models, BUDGET), "a").hash());
    }

    @Test
    void aRuleMayCarryItsOwnVersion() {
        PolicyFile f = PolicyFile.parse(Fixtures.doc(BUDGET.replace("\"id\"", "\"version\": \"3-beta\", \"id\"")),
                "t.json");
        assertThat(f.rules().get(0).version()).isEqualTo("3-beta");
        assertThat(Fixtures.loader().load(f).policies().get(0).version()).isEqualTo("3-beta");
    }

    @Test
    void describesEachRule() {
        PolicyFile f = PolicyFile.parse(Fixtures.doc(BUDGET.replace("\"id\"", "\"scope\": {\"tenants\": [\"acme\"]},"
                + " \"mode\": \"shadow\", \"id\"")), "t.json");
        assertThat(f.rules().get(0)).extracting(PolicyFile.Rule::id, PolicyFile.Rule::type, PolicyFile.Rule::mode,
                PolicyFile.Rule::scope).containsExactly("b", "token-budget", "shadow", "tenants=[acme]");
    }

    @Test
    void rejectsAFileThatIsNotUtf8() throws Exception {
        Path bad = dir.resolve("latin1.json");
        Files.write(bad, new byte[] {'{', (byte) 0xE9, '}'});
        assertThatThrownBy(() -> PolicyFile.read(bad)).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("$: is not valid UTF-8");
    }

    @Test
    void reportsAMissingFileAsAnIoError() {
        assertThatThrownBy(() -> PolicyFile.read(dir.resolve("nope.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void namesTheFileInEveryProblemLine() throws Exception {
        Path bad = dir.resolve("p.json");
        Files.writeString(bad, Fixtures.doc(BUDGET.replace("100", "-1")));
        PolicyValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                PolicyValidationException.class, () -> PolicyFile.read(bad));
        assertThat(e.lines()).containsExactly(bad + ":1:159: $.rules[0].limit: must be an integer >= 0, but was -1");
    }
}
