package dev.aims.core.policy;

import static dev.aims.core.policy.Fixtures.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
    static final String BUDGET = "{\"id\": \"b\", \"type\": \"token-budget\", \"per\": \"tenant\", \"window\": \"day\","
            + " \"limit\": 100}";

    static List<String> problems(String json) {
        PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyFile.parse(json, "bad.json"));
        assertThat(e).as("the document should have been refused").isNotNull();
        assertThat(e.origin()).isEqualTo("bad.json");
        return e.problems().stream().map(PolicyValidationException.Problem::toString).toList();
    }

    @Test
    void rejectsWrongTypeNamingPathAndValue() {
        assertThat(problems(doc(BUDGET.replace("\"limit\": 100", "\"limit\": \"1000\""))))
                .containsExactly("$.rules[0].limit: must be an integer >= 0, but was a string of 4 characters");
    }

    @Test
    void rejectsNegativeBudget() {
        assertThat(problems(doc(BUDGET.replace("\"limit\": 100", "\"limit\": -5"))))
                .containsExactly("$.rules[0].limit: must be an integer >= 0, but was -5");
    }

    @Test
    void rejectsFractionalBudget() {
        assertThat(problems(doc(BUDGET.replace("\"limit\": 100", "\"limit\": 10.5"))))
                .containsExactly("$.rules[0].limit: must be an integer >= 0, but was 10.5");
    }

    @Test
    void rejectsUnknownRuleType() {
        assertThat(problems(doc("{\"id\": \"x\", \"type\": \"token-budgte\", \"limit\": 1}")))
                .containsExactly("$.rules[0].type: must be one of model-allow-list, token-budget, rate-limit,"
                        + " sensitive-data, purpose, output, prompt-injection, but was a string of 12 characters");
    }

    @Test
    void rejectsBadGlobInScope() {
        assertThat(problems(doc("{\"id\": \"m\", \"type\": \"model-allow-list\", \"models\": [\"gpt-4o\"],"
                + " \"scope\": {\"systems\": [\"support-bot\", \"support[12]\"]}}")))
                .containsExactly("$.rules[0].scope.systems[1]: must be a glob of '*' and '?' only ('[' is not"
                        + " supported), but was a string of 11 characters");
    }

    @Test
    void rejectsBadGlobInModels() {
        assertThat(problems(doc("{\"id\": \"m\", \"type\": \"model-allow-list\", \"models\": [\"gpt **\"]}")))
                .containsExactly("$.rules[0].models[0]: must be a name or glob without whitespace, but was a"
                        + " string of 6 characters");
    }

    @Test
    void rejectsDuplicateIds() {
        assertThat(problems(doc(BUDGET, BUDGET.replace("\"window\": \"day\"", "\"window\": \"month\""))))
                .containsExactly("$.rules[1].id: duplicate id \"b\" (first used at $.rules[0])");
    }

    @Test
    void rejectsUnknownEntityType() {
        assertThat(problems(doc("{\"id\": \"s\", \"type\": \"sensitive-data\", \"entities\":"
                + " {\"CREDIT_CARDD\": \"deny\"}}")))
                .containsExactly("$.rules[0].entities.CREDIT_CARDD: is not a known entity type (declare custom types"
                        + " in $.entityTypes)");
    }

    @Test
    void acceptsDeclaredCustomEntityType() {
        PolicyFile f = PolicyFile.parse(doc("{\"id\": \"s\", \"type\": \"sensitive-data\", \"entities\":"
                + " {\"PROJECT_CODE\": \"deny\"}}"), "ok.json");
        assertThat(f.entityTypes()).containsExactly("PROJECT_CODE");
    }

    @Test
    void rejectsUnknownOperator() {
        assertThat(problems(doc("{\"id\": \"s\", \"type\": \"sensitive-data\", \"entities\":"
                + " {\"EMAIL_ADDRESS\": {\"action\": \"redact\", \"operator\": \"SCRAMBLE\"}}}")))
                .containsExactly("$.rules[0].entities.EMAIL_ADDRESS.operator: must be one of MASK, PLACEHOLDER,"
                        + " HASH, PSEUDONYMIZE, DROP, but was a string of 8 characters");
    }

    @Test
    void rejectsKeepOperatorPointingToAllow() {
        assertThat(problems(doc("{\"id\": \"s\", \"type\": \"sensitive-data\", \"entities\":"
                + " {\"EMAIL_ADDRESS\": {\"action\": \"redact\", \"operator\": \"KEEP\"}}}")).get(0))
                .contains("use action allow").doesNotContain("KEEP\"");
    }

    @Test
    void rejectsUnknownEntityAction() {
        assertThat(problems(doc("{\"id\": \"s\", \"type\": \"sensitive-data\", \"entities\":"
                + " {\"EMAIL_ADDRESS\": \"hide\"}}")))
                .containsExactly("$.rules[0].entities.EMAIL_ADDRESS: must be allow, redact or deny (or an object"
                        + " with action and operator), but was a string of 4 characters");
    }

    @Test
    void rejectsMisspeltField() {
        assertThat(problems(doc(BUDGET.replace("\"limit\"", "\"limt\""))))
                .containsExactly("$.rules[0].limit: is required",
                        "$.rules[0].limt: unknown field (known here: id, type, version, mode, description, scope, per,"
                                + " limit, outputEstimate, window, zone, slices, store)");
    }

    @Test
    void rejectsUnknownMode() {
        assertThat(problems(doc(BUDGET.replace("\"per\"", "\"mode\": \"shdow\", \"per\""))))
                .containsExactly("$.rules[0].mode: must be one of enforce, shadow, but was a string of 5 characters");
    }

    @Test
    void rejectsUnknownZoneAndBadWindow() {
        assertThat(problems(doc(BUDGET.replace("\"window\": \"day\"", "\"window\": \"day\", \"zone\": \"Mars/Base\""),
                BUDGET.replace("\"id\": \"b\"", "\"id\": \"c\"").replace("\"day\"", "\"fortnight\""))))
                .containsExactly(
                        "$.rules[0].zone: must be a time-zone id such as UTC or Europe/Berlin, but was a string of 9"
                                + " characters",
                        "$.rules[1].window: must be day, month or an ISO-8601 duration such as PT24H, but was a string"
                                + " of 9 characters");
    }

    @Test
    void rejectsRateLimitWithoutRequestsOrTokens() {
        assertThat(problems(doc("{\"id\": \"r\", \"type\": \"rate-limit\", \"per\": \"principal\","
                + " \"window\": \"PT1M\"}")))
                .containsExactly("$.rules[0]: a rate-limit must set requests, tokens or both");
    }

    @Test
    void rejectsReversibleOutputOperator() {
        assertThat(problems(doc("{\"id\": \"o\", \"type\": \"output\", \"action\": \"redact\","
                + " \"operator\": \"PLACEHOLDER\"}")).get(0))
                .startsWith("$.rules[0].operator: must be one of MASK, HASH, DROP")
                .endsWith("but was a string of 11 characters");
    }

    @Test
    void rejectsThresholdOutOfRange() {
        assertThat(problems(doc("{\"id\": \"i\", \"type\": \"prompt-injection\", \"action\": \"deny\","
                + " \"threshold\": 1.5}")))
                .containsExactly("$.rules[0].threshold: must be a number in (0.0, 1.0], but was 1.5");
    }

    @Test
    void rejectsTwoEnforcedRulesOfOneKindWithTheSameScope() {
        assertThat(problems(doc("{\"id\": \"a\", \"type\": \"model-allow-list\", \"models\": [\"x\"]}",
                "{\"id\": \"b\", \"type\": \"model-allow-list\", \"models\": [\"y\"]}")))
                .containsExactly("$.rules[1].scope: same kind and scope (everywhere) as rule 'a' at $.rules[0],"
                        + " which always takes precedence; merge the two rules");
    }

    @Test
    void acceptsShadowRuleWithTheScopeOfAnEnforcedOne() {
        PolicyFile f = PolicyFile.parse(doc("{\"id\": \"a\", \"type\": \"model-allow-list\", \"models\": [\"x\"]}",
                "{\"id\": \"b\", \"type\": \"model-allow-list\", \"mode\": \"shadow\", \"models\": [\"y\"]}"),
                "ok.json");
        assertThat(f.rules()).extracting(PolicyFile.Rule::mode).containsExactly("enforce", "shadow");
    }

    @Test
    void acceptsDailyAndMonthlyBudgetsForTheSameSubject() {
        PolicyFile f = PolicyFile.parse(doc(BUDGET, BUDGET.replace("\"id\": \"b\"", "\"id\": \"m\"")
                .replace("\"day\"", "\"month\"")), "ok.json");
        assertThat(f.rules()).hasSize(2);
    }

    @Test
    void reportsEveryProblemAtOnceInDocumentOrder() {
        String json = "{\"schema\": \"aims-policy/v2\", \"rules\": ["
                + BUDGET.replace("100", "-1") + ","
                + "{\"id\": \"m\", \"type\": \"model-allow-list\", \"models\": []},"
                + "42,"
                + "{\"id\": \"b\", \"type\": \"purpose\"}"
                + "]}";
        assertThat(problems(json)).containsExactly(
                "$.schema: must be \"aims-policy/v1\", but was a string of 14 characters",
                "$.version: is required",
                "$.rules[0].limit: must be an integer >= 0, but was -1",
                "$.rules[1].models: must not be empty",
                "$.rules[2]: must be an object, but was 42",
                "$.rules[3].id: duplicate id \"b\" (first used at $.rules[0])");
    }

    @Test
    void rejectsMalformedJsonWithLineAndColumn() {
        String text = "{\"schema\": \"aims-policy/v1\",\n \"version\": 1,\n \"rules\": [}";
        PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyFile.parse(text, "bad.json"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.toString()).isEqualTo("$: is not valid JSON: Unexpected close marker '}': expected ']'");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isEqualTo(12);
        });
    }

    @Test
    void rejectsDuplicateKeysAtTheSecond() {
        assertThat(problems(doc(BUDGET.replace("\"limit\": 100", "\"limit\": 100, \"limit\": 200"))))
                .containsExactly("$.rules[0].limit: appears twice in one object (first at line 1, column 159)");
    }

    @Test
    void acceptsASchemaReferenceForEditorsWithoutHashingIt() {
        String plain = doc(BUDGET);
        String pointed = plain.replace("{\"schema\"", "{\"$schema\": \"./aims-policy.schema.json\", \"schema\"");
        assertThat(pointed).isNotEqualTo(plain);
        assertThat(PolicyFile.parse(pointed, "a.json").hash()).isEqualTo(PolicyFile.parse(plain, "b.json").hash());
        assertThat(problems(plain.replace("{\"schema\"", "{\"$schema\": 7, \"schema\"")))
                .containsExactly("$.$schema: must be a string, but was 7");
    }

    @Test
    void rejectsNonObjectDocumentAndEmptyText() {
        assertThat(problems("[1, 2]")).containsExactly("$: must be an object, but was an array");
        assertThat(problems("  "))
                .containsExactly("$: is empty; a policy document is an object with schema, version and rules");
    }

    @Test
    void rejectsBadCustomEntityTypes() {
        assertThat(problems("{\"schema\": \"aims-policy/v1\", \"version\": 1, \"rules\": [],"
                + " \"entityTypes\": [\"project-code\", \"EMAIL_ADDRESS\"]}"))
                .containsExactly("$.entityTypes[0]: must be upper-case letters, digits and underscores, starting"
                        + " with a letter, but was a string of 12 characters",
                        "$.entityTypes[1]: is a built-in type; list only custom types here, but was"
                                + " \"EMAIL_ADDRESS\"");
    }

    @Test
    void rejectsBadRuleId() {
        assertThat(problems(doc(BUDGET.replace("\"id\": \"b\"", "\"id\": \"my rule\""))))
                .containsExactly("$.rules[0].id: must be up to 100 letters, digits, '.', '_' or '-', starting with a"
                        + " letter or digit, but was a string of 7 characters");
    }

    @Test
    void neverQuotesTheTextOfABadValue() {
        String principal = "jane.doe@corp.example";
        List<String> lines = problems(doc(BUDGET.replace("\"day\"", "\"" + principal + "\"")
                .replace("\"id\"", "\"scope\": {\"principals\": [\"" + principal + " \"]}, \"id\"")));
        assertThat(lines).containsExactly(
                "$.rules[0].scope.principals[0]: must be a name or glob without whitespace, but was a string of 22"
                        + " characters",
                "$.rules[0].window: must be day, month or an ISO-8601 duration such as PT24H, but was a string of 21"
                        + " characters");
    }
}
