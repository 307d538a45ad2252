package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Finding;
import dev.aims.redact.AimsRedactor;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoStoryTest {
    static CallRecord record(CallRecord.Outcome outcome) {
        Instant now = Instant.parse("2025-06-01T10:00:00Z");
        return CallRecord.builder().callId("c-1").startedAt(now).endedAt(now).context(CallContext.EMPTY)
                .provider("openai").operationName("chat").requestModel("gpt-4o-mini").outcome(outcome)
                .errorType(outcome == CallRecord.Outcome.ALLOWED ? null : "dev.aims.api.AimsException").build();
    }

    @Test
    void aDenialStepIsAsExpectedOnlyWithOneDeniedCall() {
        CallRecord denied = record(CallRecord.Outcome.DENIED);
        CallRecord allowed = record(CallRecord.Outcome.ALLOWED);

        assertThat(new DemoStory.Step("s", true, List.of(denied), null).asExpected()).isTrue();
        assertThat(new DemoStory.Step("s", true, List.of(allowed), null).asExpected()).isFalse();
        assertThat(new DemoStory.Step("s", true, List.of(denied, denied), null).asExpected()).isFalse();
        assertThat(new DemoStory.Step("s", true, List.of(), null).asExpected()).isFalse();
    }

    @Test
    void anAllowedStepIsAsExpectedWhenEveryCallWasAllowedAndNothingFailed() {
        CallRecord allowed = record(CallRecord.Outcome.ALLOWED);

        assertThat(new DemoStory.Step("s", false, List.of(allowed, allowed), null).asExpected()).isTrue();
        assertThat(new DemoStory.Step("s", false, List.of(allowed, record(CallRecord.Outcome.ERROR)), null)
                .asExpected()).isFalse();
        assertThat(new DemoStory.Step("s", false, List.of(allowed), "IOException: refused").asExpected()).isFalse();
        assertThat(new DemoStory.Step("s", false, List.of(), null).asExpected()).isFalse();
    }

    @Test
    void theSeededPrivateKeyIsARealEd25519KeyThatTheRedactorFinds() throws Exception {
        PrivateKey key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(DemoStory.PRIVATE_KEY_BODY)));
        String pem = "see\n-----BEGIN PRIVATE KEY-----\n" + DemoStory.PRIVATE_KEY_BODY + "\n-----END PRIVATE KEY-----";

        List<Finding> findings = AimsRedactor.create().scan(pem);

        assertThat(key.getAlgorithm()).isIn("Ed25519", "EdDSA");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("PRIVATE_KEY");
            assertThat(f.start()).isEqualTo(4);
            assertThat(f.end()).isEqualTo(pem.length());
        });
    }

    @Test
    void theSeededEmailAndCardAreFoundByTheRedactor() {
        List<Finding> findings = AimsRedactor.create().scan(DemoStory.EMAIL + " " + DemoStory.CARD);

        assertThat(findings).extracting(Finding::type).containsExactly("EMAIL_ADDRESS", "CREDIT_CARD");
    }

    @Test
    void shortIdKeepsTheFirstEightCharacters() {
        assertThat(DemoStory.shortId("38476c52-1f2e-45a3")).isEqualTo("38476c52");
        assertThat(DemoStory.shortId("abc")).isEqualTo("abc");
    }
}
