package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import org.junit.jupiter.api.Test;

class ScopeTest {
    static Scope scope(String json) throws Exception {
        Problems problems = new Problems();
        Scope s = Scope.parse(Fields.of(new ObjectMapper().readTree(json), "$.scope", problems));
        assertThat(problems.isEmpty()).as("problems").isTrue();
        return s;
    }

    static boolean matches(Scope s, String model, CallContext ctx) {
        return s.matches(Fixtures.pre(AiRequest.of(model, "hi"), ctx));
    }

    @Test
    void matchesWhenEveryNamedDimensionMatches() throws Exception {
        Scope s = scope("{\"systems\": [\"support-*\"], \"tenants\": [\"acme\", \"globex\"],"
                + " \"models\": [\"gpt-?o\"]}");
        CallContext ctx = CallContext.builder().systemId("support-bot").tenant("globex").build();
        assertThat(matches(s, "gpt-4o", ctx)).isTrue();
        assertThat(matches(s, "gpt-4o-mini", ctx)).isFalse();
        assertThat(matches(s, "gpt-4o", ctx.toBuilder().tenant("initech").build())).isFalse();
        assertThat(matches(s, "gpt-4o", ctx.toBuilder().tenant(null).build())).isFalse();
    }

    @Test
    void matchesPurposesAndPrincipals() throws Exception {
        Scope s = scope("{\"purposes\": [\"support\"], \"principals\": [\"admin-*\"]}");
        assertThat(matches(s, "m", CallContext.builder().purpose("support").principal("admin-7").build())).isTrue();
        assertThat(matches(s, "m", CallContext.builder().purpose("support").principal("u-7").build())).isFalse();
    }

    @Test
    void countsLiteralDimensionsAboveGlobs() throws Exception {
        assertThat(Scope.EVERYWHERE.specificity()).isZero();
        assertThat(scope("{\"systems\": [\"support-*\"]}").specificity()).isEqualTo(1);
        assertThat(scope("{\"systems\": [\"support-bot\"]}").specificity()).isEqualTo(2);
        assertThat(scope("{\"systems\": [\"a\", \"b*\"], \"tenants\": [\"t\"]}").specificity()).isEqualTo(3);
    }

    @Test
    void describesAndCanonicalisesSorted() throws Exception {
        Scope s = scope("{\"tenants\": [\"b\", \"a\"], \"systems\": [\"x\"]}");
        assertThat(s.describe()).isEqualTo("systems=[x] tenants=[a, b]");
        assertThat(s.canonical()).hasToString("{systems=[x], tenants=[a, b]}");
        assertThat(s.sameAs(scope("{\"systems\": [\"x\"], \"tenants\": [\"a\", \"b\"]}"))).isTrue();
    }

    @Test
    void explainsBadGlobs() {
        assertThat(Scope.badGlob("gpt-4o*")).isNull();
        assertThat(Scope.badGlob("a b")).isEqualTo("must be a name or glob without whitespace");
        assertThat(Scope.badGlob("{a,b}")).contains("'{' is not supported");
        assertThat(Scope.badGlob("a/**")).contains("'**'");
    }
}
