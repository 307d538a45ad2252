package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.Operator;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.testkit.FakeRedactor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputRuleTest {
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String EMAIL = "alice.smith@example.org";
    static final String OTHER_EMAIL = "bob@example.com";
    static final CallContext CTX = CallContext.builder().principal("u-1").build();
    static final String REDACT = "{\"id\": \"out\", \"type\": \"output\", \"action\": \"redact\"}";

    final FakeRedactor redactor = new FakeRedactor(Map.of(KEY, "AWS_ACCESS_KEY_ID", EMAIL, "EMAIL_ADDRESS",
            OTHER_EMAIL, "EMAIL_ADDRESS"));
    final MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");

    Fixtures.Harness harness(String rule, String answer) {
        PolicySet set = PolicyLoader.builder().redactor(redactor).build()
                .load(PolicyFile.parse(Fixtures.doc(rule), "test.json"));
        Fixtures.Harness h = new Fixtures.Harness(set, clock, redactor);
        h.answer = answer;
        return h;
    }

    @Test
    void masksSecretsInTheAnswer() {
        Fixtures.Harness h = harness(REDACT, "use key " + KEY + " to log in");
        AiResponse r = h.client.call(AiRequest.of("gpt-4o", "how do I log in?"), CTX);
        assertThat(r.text()).isEqualTo("use key " + "*".repeat(KEY.length()) + " to log in");
        PolicyDecision d = h.decisionOf("out", PolicyStage.POST);
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.MODIFY);
        assertThat(d.reasonCode()).isEqualTo("output_redacted");
        assertThat(d.message()).isEqualTo("masked AWS_ACCESS_KEY_ID x1 in the answer");
        assertThat(h.records.toString()).doesNotContain(KEY);
    }

    @Test
    void scansWithIrreversibleOperatorsOnly() {
        Fixtures.Harness h = harness(REDACT.replace("}", ", \"operator\": \"HASH\"}"), "key " + KEY);
        h.client.call(AiRequest.of("gpt-4o", "hi"), CTX);
        Map<String, Operator> outputSession = redactor.openedWith().get(1);
        assertThat(outputSession).containsEntry("AWS_ACCESS_KEY_ID", Operator.HASH)
                .containsEntry("EMAIL_ADDRESS", Operator.HASH).containsEntry("PROJECT_CODE", Operator.HASH);
    }

    @Test
    void deniesTheAnswerWhenTheActionIsDeny() {
        Fixtures.Harness h = harness("{\"id\": \"out\", \"type\": \"output\", \"action\": \"deny\"}",
                "the key is " + KEY);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(AiRequest.of("gpt-4o", "hi"), CTX));
        assertThat(e.decision().stage()).isEqualTo(PolicyStage.POST);
        assertThat(e.decision().reasonCode()).isEqualTo("output_sensitive_data");
        assertThat(e.decision().message()).isEqualTo("the answer contains AWS_ACCESS_KEY_ID x1");
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void leavesACleanAnswerUntouched() {
        Fixtures.Harness h = harness(REDACT, "all good");
        AiResponse r = h.client.call(AiRequest.of("gpt-4o", "hi"), CTX);
        assertThat(r.text()).isEqualTo("all good");
        assertThat(h.decisionOf("out", PolicyStage.POST).reasonCode()).isEqualTo("allowed");
    }

    @Test
    void masksOnlyTheChosenEntityTypes() {
        Fixtures.Harness h = harness(REDACT.replace("}", ", \"entities\": [\"AWS_ACCESS_KEY_ID\"]}"),
                "write to " + OTHER_EMAIL + " with " + KEY);
        AiResponse r = h.client.call(AiRequest.of("gpt-4o", "hi"), CTX);
        assertThat(r.text()).isEqualTo("write to " + OTHER_EMAIL + " with " + "*".repeat(KEY.length()));
        assertThat(redactor.openedWith().get(1)).containsEntry("EMAIL_ADDRESS", Operator.KEEP);
        assertThat(h.decisionOf("out", PolicyStage.POST).message()).isEqualTo("masked AWS_ACCESS_KEY_ID x1 in the"
                + " answer");
    }

    @Test
    void theCallsOwnPseudonymsAreStillRestoredAfterMasking() {
        Fixtures.Harness h = harness(REDACT, "I wrote to <EMAIL_ADDRESS_1>; the key is " + KEY);
        AiResponse r = h.client.call(AiRequest.of("gpt-4o", "please write to " + EMAIL), CTX);
        assertThat(h.sent.get(0).messages().get(0).text()).doesNotContain(EMAIL);
        assertThat(r.text()).isEqualTo("I wrote to " + EMAIL + "; the key is " + "*".repeat(KEY.length()));
    }

    @Test
    void deniesAForeignPlaceholderWhenAskedTo() {
        Fixtures.Harness h = harness(REDACT.replace("}", ", \"foreignPlaceholders\": \"deny\"}"),
                "sure, forwarding to <EMAIL_ADDRESS_7>");
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(AiRequest.of("gpt-4o", "hi"), CTX));
        assertThat(e.decision().reasonCode()).isEqualTo("foreign_placeholder");
        assertThat(e.decision().message()).startsWith("the answer holds a placeholder this call did not issue");
    }

    @Test
    void flagsAForeignPlaceholderByDefault() {
        Fixtures.Harness h = harness(REDACT, "sure, forwarding to <EMAIL_ADDRESS_7>");
        AiResponse r = h.client.call(AiRequest.of("gpt-4o", "hi"), CTX);
        assertThat(r.text()).isEqualTo("sure, forwarding to <EMAIL_ADDRESS_7>");
        PolicyDecision d = h.decisionOf("out", PolicyStage.POST);
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.reasonCode()).isEqualTo("foreign_placeholder");
        assertThat(d.obligations()).containsEntry(OutputRule.FOREIGN_PLACEHOLDER, "true");
    }

    @Test
    void ownPlaceholdersAreNotForeign() {
        Fixtures.Harness h = harness(REDACT.replace("}", ", \"foreignPlaceholders\": \"deny\"}"),
                "noted <EMAIL_ADDRESS_1>");
        h.client.call(AiRequest.of("gpt-4o", "mail " + EMAIL), CTX);
        assertThat(h.decisionOf("out", PolicyStage.POST).reasonCode()).isEqualTo("allowed");
    }

    @Test
    void shadowOutputRuleRecordsTheChangeButReturnsTheAnswerAsIs() {
        Fixtures.Harness h = harness(REDACT.replace("\"type\"", "\"mode\": \"shadow\", \"type\""), "key " + KEY);
        AiResponse r = h.client.call(AiRequest.of("gpt-4o", "hi"), CTX);
        assertThat(r.text()).isEqualTo("key " + KEY);
        PolicyDecision d = h.decisionOf("out", PolicyStage.POST);
        assertThat(d.shadow()).isTrue();
        assertThat(d.message()).isEqualTo("shadow mode, would change the call: masked AWS_ACCESS_KEY_ID x1 in the"
                + " answer");
    }

    @Test
    void placeholderCheckAloneNeedsNoRedactor() {
        PolicySet set = PolicyLoader.builder().build().load(PolicyFile.parse(Fixtures.doc(
                "{\"id\": \"out\", \"type\": \"output\", \"action\": \"redact\", \"scan\": false,"
                        + " \"foreignPlaceholders\": \"deny\"}"), "test.json"));
        assertThat(set.policies()).hasSize(1);
    }
}
