package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreRefTest {
    static final String REDIS = "{\"type\": \"redis\", \"uri\": \"redis://127.0.0.1:6379\"}";

    static String budget(String id, String store) {
        return "{\"id\": \"" + id + "\", \"type\": \"token-budget\", \"per\": \"tenant\", \"window\": \"day\","
                + " \"limit\": 100" + (store == null ? "" : ", \"store\": " + store) + "}";
    }

    static String docWithStore(String store, String... rules) {
        return "{\"schema\": \"aims-policy/v1\", \"version\": \"7\", \"store\": " + store + ", \"rules\": ["
                + String.join(",", rules) + "]}";
    }

    static List<String> problems(String json) {
        try {
            PolicyFile.parse(json, "t.json");
        } catch (PolicyValidationException e) {
            return e.problems().stream().map(PolicyValidationException.Problem::toString).toList();
        }
        throw new AssertionError("no problems in " + json);
    }

    static String fingerprint(PolicyFile f, String id) {
        return f.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().fingerprint();
    }

    @Test
    void settingsGoIntoTheFingerprintWithDefaultsFilledIn() {
        PolicyFile f = PolicyFile.parse(Fixtures.doc(budget("b", REDIS)), "t.json");
        assertThat(fingerprint(f, "b")).contains("\"store\":{\"onUnavailable\":\"deny\",\"timeoutMillis\":50,"
                + "\"type\":\"redis\",\"uri\":\"redis://127.0.0.1:6379\"}");
    }

    @Test
    void aNamedStoreIsItsName() {
        PolicyFile f = PolicyFile.parse(Fixtures.doc(budget("b", "\"fleet\"")), "t.json");
        assertThat(fingerprint(f, "b")).contains("\"store\":\"fleet\"");
        assertThat(((TokenBudgetRule.Params) f.specs().get(0).params).store()).isEqualTo(StoreRef.named("fleet"));
    }

    @Test
    void rulesWithoutAStoreTakeTheFilesAndTheirOwnWins() {
        String rate = "{\"id\": \"r\", \"type\": \"rate-limit\", \"per\": \"principal\", \"window\": \"PT1M\","
                + " \"requests\": 5}";
        PolicyFile f = PolicyFile.parse(docWithStore("{\"type\": \"redis\", \"uri\": \"redis://cache:6379\","
                + " \"onUnavailable\": \"fallback\", \"timeoutMillis\": 20}", budget("b", null), rate,
                budget("own", "\"default\"").replace("\"day\"", "\"month\"")), "t.json");
        String shared = "\"store\":{\"onUnavailable\":\"fallback\",\"timeoutMillis\":20,\"type\":\"redis\","
                + "\"uri\":\"redis://cache:6379\"}";
        assertThat(fingerprint(f, "b")).contains(shared);
        assertThat(fingerprint(f, "r")).contains(shared);
        assertThat(fingerprint(f, "own")).contains("\"store\":\"default\"").doesNotContain("redis");
    }

    @Test
    void aRuleWithoutAnyStoreHasNoneInItsFingerprint() {
        assertThat(fingerprint(PolicyFile.parse(Fixtures.doc(budget("b", null)), "t.json"), "b"))
                .doesNotContain("store");
    }

    @Test
    void changingTheStoreChangesTheSetHash() {
        String deny = PolicyFile.parse(Fixtures.doc(budget("b", REDIS)), "t.json").hash();
        String fallback = PolicyFile.parse(Fixtures.doc(budget("b", REDIS.replace("}",
                ", \"onUnavailable\": \"fallback\"}"))), "t.json").hash();
        String memory = PolicyFile.parse(Fixtures.doc(budget("b", null)), "t.json").hash();
        assertThat(List.of(deny, fallback, memory)).doesNotHaveDuplicates();
    }

    @Test
    void refusesAUriWithCredentialsWithoutEchoingThem() {
        List<String> p = problems(Fixtures.doc(budget("b", "{\"type\": \"redis\","
                + " \"uri\": \"redis://admin:s3cret-pw@cache:6379\"}")));
        assertThat(p).singleElement().asString().startsWith("$.rules[0].store.uri: must not carry credentials")
                .contains("passwordEnv").doesNotContain("s3cret").doesNotContain("admin");
    }

    @Test
    void reportsEveryBadSetting() {
        assertThat(problems(Fixtures.doc(budget("b", "{\"type\": \"Redis\", \"uri\": 6379, \"onUnavailable\":"
                + " \"ignore\", \"timeoutMillis\": 0, \"passwordEnv\": \"1X\", \"host\": \"cache\"}"))))
                .containsExactlyInAnyOrder(
                        "$.rules[0].store.type: must be up to 40 lower-case letters, digits or '-', starting with a"
                                + " letter, but was a string of 5 characters",
                        "$.rules[0].store.uri: must be a string, but was 6379",
                        "$.rules[0].store.onUnavailable: must be one of deny, fallback, but was a string of 6"
                                + " characters",
                        "$.rules[0].store.timeoutMillis: must be an integer in [1, 60000], but was 0",
                        "$.rules[0].store.passwordEnv: must be an environment variable name (letters, digits, '_',"
                                + " not starting with a digit), but was a string of 2 characters",
                        "$.rules[0].store.host: unknown field (known here: type, uri, onUnavailable, timeoutMillis,"
                                + " passwordEnv)");
    }

    @Test
    void requiresTypeAndUri() {
        assertThat(problems(Fixtures.doc(budget("b", "{}")))).containsExactly(
                "$.rules[0].store.type: is required", "$.rules[0].store.uri: is required");
    }

    @Test
    void refusesAStoreThatIsNeitherANameNorSettings() {
        assertThat(problems(Fixtures.doc(budget("b", "5")))).containsExactly("$.rules[0].store: must be the name of"
                + " a store given to the loader, or an object with type and uri, but was 5");
        assertThat(problems(Fixtures.doc(budget("b", "\"no good\"")))).containsExactly("$.rules[0].store: must be"
                + " up to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, but was a string of 7"
                + " characters");
    }

    @Test
    void refusesAStoreOnARuleThatCountsNothing() {
        assertThat(problems(Fixtures.doc("{\"id\": \"m\", \"type\": \"model-allow-list\", \"models\": [\"a\"],"
                + " \"store\": \"fleet\"}"))).singleElement().asString().startsWith("$.rules[0].store: unknown field");
    }

    @Test
    void reportsABadFileStoreAtTheDocument() {
        assertThat(problems(docWithStore("{\"type\": \"redis\"}", budget("b", null))))
                .containsExactly("$.store.uri: is required");
    }
}
