package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import dev.aims.api.Operator;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.testkit.FakeRedactor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensitiveDataRuleTest {
    static final String CARD = "4111 1111 1111 1111";
    static final String EMAIL = "alice.smith@example.org";
    static final String IBAN = "DE89370400440532013000";
    static final CallContext CTX = CallContext.builder().principal("u-1").systemId("support-bot").build();

    static final String DEFAULT = "{\"id\": \"data\", \"type\": \"sensitive-data\", \"entities\": {"
            + "\"CREDIT_CARD\": \"deny\", \"EMAIL_ADDRESS\": {\"action\": \"redact\", \"operator\": \"PSEUDONYMIZE\"},"
            + " \"IBAN_CODE\": {\"action\": \"redact\", \"operator\": \"HASH\"}, \"PHONE_NUMBER\": \"redact\"}}";
    static final String ON_PREM = "{\"id\": \"data-on-prem\", \"type\": \"sensitive-data\", \"scope\":"
            + " {\"models\": [\"llama-*\"]}, \"entities\": {\"CREDIT_CARD\": \"allow\"}}";

    final FakeRedactor redactor = new FakeRedactor(Map.of(CARD, "CREDIT_CARD", EMAIL, "EMAIL_ADDRESS",
            IBAN, "IBAN_CODE"));
    final MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");

    Fixtures.Harness harness(String... rules) {
        PolicySet set = PolicyLoader.builder().redactor(redactor).build()
                .load(PolicyFile.parse(Fixtures.doc(rules), "test.json"));
        return new Fixtures.Harness(set, clock, redactor);
    }

    /** The operators of the call's redaction session: the last one opened (the context has a session first). */
    Map<String, Operator> redactionOperators() {
        List<Map<String, Operator>> opened = redactor.openedWith();
        return opened.get(opened.size() - 1);
    }

    @Test
    void chosenOperatorsReachTheRedactor() {
        Fixtures.Harness h = harness(DEFAULT);
        h.client.call(AiRequest.of("gpt-4o", "mail " + EMAIL + " pay to " + IBAN), CTX);
        assertThat(redactionOperators()).isEqualTo(Map.of("EMAIL_ADDRESS", Operator.PSEUDONYMIZE,
                "IBAN_CODE", Operator.HASH, "PHONE_NUMBER", Operator.PLACEHOLDER));
        String sent = h.sent.get(0).messages().get(0).text();
        assertThat(sent).doesNotContain(EMAIL).doesNotContain(IBAN).contains("<EMAIL_ADDRESS_1>")
                .contains("<IBAN_CODE:");
        PolicyDecision d = h.decisionOf("data", PolicyStage.PRE);
        assertThat(d.reasonCode()).isEqualTo("operators_chosen");
        assertThat(d.obligations()).containsEntry("redact.operator.IBAN_CODE", "HASH");
    }

    @Test
    void deniesADeniedTypeFoundInTheRequestWithoutNamingTheValue() {
        Fixtures.Harness h = harness(DEFAULT);
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(AiRequest.of("gpt-4o", "my card is " + CARD + ", twice: " + CARD), CTX));
        PolicyDecision d = e.decision();
        assertThat(d.stage()).isEqualTo(PolicyStage.PRE_SEND);
        assertThat(d.reasonCode()).isEqualTo("sensitive_data_denied");
        assertThat(d.message()).isEqualTo("the request contains CREDIT_CARD x1, which may not be sent here");
        assertThat(e.getMessage()).doesNotContain(CARD).doesNotContain("4111");
        assertThat(h.records.toString()).doesNotContain(CARD);
        assertThat(h.sent).isEmpty();
    }

    @Test
    void allowsRequestWithoutDeniedTypes() {
        Fixtures.Harness h = harness(DEFAULT);
        h.client.call(AiRequest.of("gpt-4o", "mail " + EMAIL), CTX);
        assertThat(h.decisionOf("data", PolicyStage.PRE_SEND).reasonCode()).isEqualTo("allowed");
        assertThat(h.sent).hasSize(1);
    }

    @Test
    void moreSpecificRuleDecidesOnlyTheTypesItNames() {
        Fixtures.Harness h = harness(DEFAULT, ON_PREM);
        h.client.call(AiRequest.of("llama-3.1-70b", "card " + CARD + " mail " + EMAIL), CTX);
        String sent = h.sent.get(0).messages().get(0).text();
        // The on-premises rule allows the card (sent as is); the default rule still pseudonymises the e-mail.
        assertThat(sent).contains(CARD).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        assertThat(redactionOperators()).containsEntry("CREDIT_CARD", Operator.KEEP)
                .containsEntry("EMAIL_ADDRESS", Operator.PSEUDONYMIZE);
        assertThat(h.decisionOf("data", PolicyStage.PRE_SEND).reasonCode()).isEqualTo("allowed");

        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> h.client.call(AiRequest.of("gpt-4o", "card " + CARD), CTX));
        assertThat(e.decision().policyId()).isEqualTo("data");
        assertThat(h.sent).hasSize(1);
    }

    @Test
    void ruleWhoseTypesAreAllTakenIsSuperseded() {
        String general = "{\"id\": \"general\", \"type\": \"sensitive-data\", \"entities\": {\"CREDIT_CARD\":"
                + " \"deny\"}}";
        Fixtures.Harness h = harness(general, ON_PREM);
        h.client.call(AiRequest.of("llama-3", "card " + CARD), CTX);
        assertThat(h.decisionOf("general", PolicyStage.PRE).reasonCode()).isEqualTo("superseded");
        assertThat(h.decisionOf("general", PolicyStage.PRE_SEND).reasonCode()).isEqualTo("superseded");
        assertThat(h.decisionOf("data-on-prem", PolicyStage.PRE).obligations())
                .containsEntry("redact.operator.CREDIT_CARD", "KEEP");
    }

    @Test
    void shadowRuleRecordsWouldDenyAndItsOperatorsAreNotApplied() {
        String shadow = "{\"id\": \"data-trial\", \"type\": \"sensitive-data\", \"mode\": \"shadow\", \"entities\":"
                + " {\"CREDIT_CARD\": \"deny\", \"EMAIL_ADDRESS\": {\"action\": \"redact\", \"operator\": \"MASK\"}}}";
        Fixtures.Harness h = harness(shadow);
        h.client.call(AiRequest.of("gpt-4o", "card " + CARD + " mail " + EMAIL), CTX);
        assertThat(h.sent).hasSize(1);
        assertThat(redactionOperators()).isEmpty();
        PolicyDecision pre = h.decisionOf("data-trial", PolicyStage.PRE);
        assertThat(pre.shadow()).isTrue();
        assertThat(pre.obligations()).containsEntry("shadow.redact.operator.EMAIL_ADDRESS", "MASK")
                .doesNotContainKey("redact.operator.EMAIL_ADDRESS");
        PolicyDecision preSend = h.decisionOf("data-trial", PolicyStage.PRE_SEND);
        assertThat(preSend.shadow()).isTrue();
        assertThat(preSend.reasonCode()).isEqualTo("sensitive_data_denied");
        assertThat(preSend.message()).startsWith("shadow mode, would deny: the request contains CREDIT_CARD x1");
    }

    @Test
    void outOfScopeRuleSetsNoOperators() {
        Fixtures.Harness h = harness(ON_PREM);
        h.client.call(AiRequest.of("gpt-4o", "card " + CARD), CTX);
        assertThat(redactionOperators()).isEmpty();
        assertThat(h.decisionOf("data-on-prem", PolicyStage.PRE).reasonCode()).isEqualTo("out_of_scope");
    }
}
