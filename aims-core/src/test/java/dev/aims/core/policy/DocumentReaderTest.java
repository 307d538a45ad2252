package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
    static final String YAML_BUDGET = String.join("\n",
            "schema: aims-policy/v1",
            "version: 7",
            "rules:",
            "  - id: b",
            "    type: token-budget",
            "    per: tenant",
            "    window: day",
            "    limit: 100",
            "");

    /** @return the problems as {@code line:column: path: message} */
    static List<String> problems(String text, PolicyFile.Format format) {
        PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyFile.parse(text, "bad", format));
        assertThat(e).as("the document should have been refused").isNotNull();
        return e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p).toList();
    }

    @Test
    void yamlAndJsonOfOneDocumentAreOnePolicy() {
        String json = Fixtures.doc(PolicyParserTest.BUDGET).replace("\"7\"", "7")
                .replace(", \"entityTypes\": [\"PROJECT_CODE\"]", "");
        PolicyFile fromYaml = PolicyFile.parse(YAML_BUDGET, "p.yaml", PolicyFile.Format.YAML);
        PolicyFile fromJson = PolicyFile.parse(json, "p.json", PolicyFile.Format.JSON);
        assertThat(fromYaml.hash()).isEqualTo(fromJson.hash());
        assertThat(fromYaml.rules()).isEqualTo(fromJson.rules());
        assertThat(fromYaml.version()).isEqualTo("7");
    }

    @Test
    void yamlProblemsNameLineAndColumnOfTheField() {
        assertThat(problems(YAML_BUDGET.replace("limit: 100", "limit: lots"), PolicyFile.Format.YAML))
                .containsExactly("8:5: $.rules[0].limit: must be an integer >= 0, but was a string of 4 characters");
    }

    @Test
    void aMissingFieldIsReportedWhereItsObjectStarts() {
        assertThat(problems(YAML_BUDGET.replace("    per: tenant\n", ""), PolicyFile.Format.YAML))
                .containsExactly("4:5: $.rules[0].per: is required (one of principal, tenant, system)");
    }

    @Test
    void jsonProblemsNameLineAndColumnOfTheField() {
        String json = "{\n  \"schema\": \"aims-policy/v1\",\n  \"version\": \"7\",\n  \"rules\": [\n"
                + "    {\"id\": \"b\", \"type\": \"token-budget\", \"per\": \"tenant\", \"window\": \"day\","
                + " \"limit\": -1}\n  ]\n}\n";
        assertThat(problems(json, PolicyFile.Format.JSON))
                .containsExactly("5:75: $.rules[0].limit: must be an integer >= 0, but was -1");
    }

    @Test
    void yamlSyntaxErrorsNameThePlaceButNotTheText() {
        String text = "schema: aims-policy/v1\nversion: 7\nrules: [\n  {id: secret-looking: value}\n";
        assertThat(problems(text, PolicyFile.Format.YAML)).singleElement().asString()
                .startsWith("4:").contains("$: is not valid YAML: ").doesNotContain("secret-looking", "value");
    }

    @Test
    void yamlSyntaxErrorsKeepTheParsersOwnTokenNames() {
        String text = "schema: aims-policy/v1\nversion: 1\nrules:\n  - id: a\n   type: purpose\n";
        assertThat(problems(text, PolicyFile.Format.YAML)).containsExactly("5:4: $: is not valid YAML: expected"
                + " <block end>, but found '<block mapping start>'");
    }

    @Test
    void jsonSyntaxErrorsNeverQuoteATokenOfTheDocument() {
        String text = "{\"schema\": \"aims-policy/v1\",\n \"version\": jane.doe}";
        assertThat(problems(text, PolicyFile.Format.JSON)).singleElement().asString()
                .startsWith("2:13: $: is not valid JSON: Unrecognized token (text not shown)")
                .doesNotContain("jane");
    }

    @Test
    void yamlAliasesAreRefusedWhereTheyStand() {
        String text = YAML_BUDGET.replace("per: tenant", "per: &p tenant").replace("window: day", "window: *p");
        assertThat(problems(text, PolicyFile.Format.YAML))
                .containsExactly("7:5: $.rules[0].window: is a YAML alias; write the value out (aliases are not"
                        + " expanded)");
    }

    @Test
    void yamlDuplicateKeysAreRefusedAtTheSecond() {
        assertThat(problems(YAML_BUDGET + "    limit: 200\n", PolicyFile.Format.YAML))
                .containsExactly("9:5: $.rules[0].limit: appears twice in one object (first at line 8, column 5)");
    }

    @Test
    void aSecondYamlDocumentIsRefused() {
        assertThat(problems(YAML_BUDGET + "---\nschema: other\n", PolicyFile.Format.YAML)).singleElement()
                .asString().startsWith("10:1: $: holds more than one YAML document");
    }

    @Test
    void trailingJsonIsRefused() {
        assertThat(problems(Fixtures.doc(PolicyParserTest.BUDGET) + " {}", PolicyFile.Format.JSON)).singleElement()
                .asString().contains("$: has more content after the end of the document");
    }

    @Test
    void nestingBeyondTheLimitIsRefusedWithoutRecursingFurther() {
        String deep = "[".repeat(100) + "]".repeat(100);
        String text = "{\"schema\": \"aims-policy/v1\", \"version\": 1, \"rules\": " + deep + "}";
        assertThat(problems(text, PolicyFile.Format.JSON)).singleElement().asString()
                .contains(": is nested more than " + DocumentReader.MAX_DEPTH + " levels deep");
        String deeper = text.replace(deep, "[".repeat(100_000) + "]".repeat(100_000));
        assertThat(problems(deeper, PolicyFile.Format.JSON)).isNotEmpty();
        String yaml = "schema: aims-policy/v1\nversion: 1\nrules: " + "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(problems(yaml, PolicyFile.Format.YAML)).isNotEmpty();
    }

    @Test
    void yamlQuotedScalarsStayStrings() {
        assertThat(problems(YAML_BUDGET.replace("limit: 100", "limit: \"100\""), PolicyFile.Format.YAML))
                .containsExactly("8:5: $.rules[0].limit: must be an integer >= 0, but was a string of 3 characters");
    }

    @Test
    void yamlIntegersMustBeDecimalSoThatALimitReadsAsWritten() {
        for (String written : List.of("010", "0x10", "0b10", "1_000")) {
            assertThat(problems(YAML_BUDGET.replace("limit: 100", "limit: " + written), PolicyFile.Format.YAML))
                    .as(written).containsExactly("8:5: $.rules[0].limit: is an integer in octal, hexadecimal or"
                            + " with '_'; write it in decimal");
        }
        assertThat(PolicyFile.parse(YAML_BUDGET.replace("limit: 100", "limit: +100"), "p.yaml",
                PolicyFile.Format.YAML).hash()).isEqualTo(PolicyFile.parse(YAML_BUDGET, "p.yaml",
                PolicyFile.Format.YAML).hash());
    }

    @Test
    void emptyYamlIsAnEmptyDocument() {
        assertThat(problems("# nothing here\n", PolicyFile.Format.YAML))
                .containsExactly("0:0: $: is empty; a policy document is an object with schema, version and rules");
    }

    @Test
    void formatIsChosenByTheFileName() {
        assertThat(PolicyFile.Format.of(java.nio.file.Path.of("a", "p.yaml"))).isEqualTo(PolicyFile.Format.YAML);
        assertThat(PolicyFile.Format.of(java.nio.file.Path.of("P.YML"))).isEqualTo(PolicyFile.Format.YAML);
        assertThat(PolicyFile.Format.of(java.nio.file.Path.of("p.json"))).isEqualTo(PolicyFile.Format.JSON);
        assertThat(PolicyFile.Format.of(java.nio.file.Path.of("policy"))).isEqualTo(PolicyFile.Format.JSON);
    }
}
