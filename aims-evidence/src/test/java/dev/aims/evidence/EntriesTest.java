package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.Restoration;
import dev.aims.api.ValueDigests;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

class EntriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesEveryFieldOfTheRecordInCanonicalForm() throws Exception {
        CallRecord r = TestRecords.base(5)
                .context(CallContext.builder().principal("p\"1").tenant("t").systemId("sys").purpose("help")
                        .sessionId("s").parentCallId("parent").sourceId("doc-2").sourceId("doc-1")
                        .label("zeta", "1").label("alpha", "line\nbreak\u0001").build())
                .outcome(CallRecord.Outcome.DENIED).errorType("dev.aims.api.AiPolicyViolationException")
                .decision(PolicyDecision.builder().policy("budget", "3").stage(PolicyStage.PRE)
                        .effect(PolicyDecision.Effect.DENY).reasonCode("over_budget").message("spent").build())
                .decision(PolicyDecision.builder().policy("pii", "2").stage(PolicyStage.PRE_SEND)
                        .effect(PolicyDecision.Effect.DENY).reasonCode("would_deny").message("").build().asShadow())
                .findingCounts(Map.of("US_SSN", 1, "EMAIL_ADDRESS", 2))
                .trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
                .responseModel("m-1").responseId("r-1")
                .build();
        StringBuilder out = new StringBuilder();
        Entries.callBody(r, null, out);
        JsonNode body = JSON.readTree(out.toString());
        assertThat(Canonical.of(body)).isEqualTo(out.toString());
        assertThat(body.at("/context/labels").fieldNames()).toIterable().containsExactly("alpha", "zeta");
        assertThat(body.at("/context/sourceIds")).extracting(JsonNode::asText).containsExactly("doc-2", "doc-1");
        assertThat(body.at("/context/principal").asText()).isEqualTo("p\"1");
        assertThat(body.at("/decisions/1/shadow").asBoolean()).isTrue();
        assertThat(body.at("/decisions/1/effect").asText()).isEqualTo("ALLOW");
        assertThat(body.at("/decisions/0/reason").asText()).isEqualTo("over_budget");
        assertThat(body.at("/findings/EMAIL_ADDRESS").asInt()).isEqualTo(2);
        assertThat(body.at("/errorType").asText()).isEqualTo("dev.aims.api.AiPolicyViolationException");
        assertThat(body.at("/traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(body.at("/durationMicros").asLong()).isEqualTo(7_000);
        assertThat(body.at("/server/port").asInt()).isEqualTo(443);
        assertThat(body.at("/redactionEnabled").asBoolean()).isTrue();
        assertThat(body.has("restorations")).isFalse();
    }

    @Test
    void recordsRedactionSwitchedOffAndEachRestorationByTypeAndTool() throws Exception {
        CallRecord r = TestRecords.base(2).outcome(CallRecord.Outcome.ALLOWED).redactionEnabled(false)
                .restorations(List.of(new Restoration("EMAIL_ADDRESS", "lookupOrder"),
                        new Restoration("PHONE_NUMBER", "callBack")))
                .build();
        StringBuilder out = new StringBuilder();
        Entries.callBody(r, null, out);
        JsonNode body = JSON.readTree(out.toString());
        assertThat(Canonical.of(body)).isEqualTo(out.toString());
        assertThat(body.at("/redactionEnabled").asBoolean(true)).isFalse();
        assertThat(body.at("/restorations").toString()).isEqualTo("[{\"tool\":\"lookupOrder\",\"type\":"
                + "\"EMAIL_ADDRESS\"},{\"tool\":\"callBack\",\"type\":\"PHONE_NUMBER\"}]");
    }

    @Test
    void writesTheValueDigestsSortedAndLeavesTheMemberOutWhenThereAreNone() throws Exception {
        String a = "0a".repeat(16);
        String b = "fb".repeat(16);
        CallRecord r = TestRecords.base(4).outcome(CallRecord.Outcome.ALLOWED)
                .findingCounts(Map.of("US_SSN", 1, "EMAIL_ADDRESS", 6))
                .valueDigests(ValueDigests.of("00112233aabbccdd", Map.of("US_SSN", List.of(b),
                        "EMAIL_ADDRESS", List.of(b, a))))
                .build();
        StringBuilder out = new StringBuilder();
        Entries.callBody(r, null, out);
        JsonNode body = JSON.readTree(out.toString());
        assertThat(Canonical.of(body)).isEqualTo(out.toString());
        assertThat(body.path("valueDigests").toString()).isEqualTo("{\"key\":\"00112233aabbccdd\",\"types\":"
                + "{\"EMAIL_ADDRESS\":[\"" + a + "\",\"" + b + "\"],\"US_SSN\":[\"" + b + "\"]}}");

        StringBuilder none = new StringBuilder();
        Entries.callBody(TestRecords.allowed(1), null, none);
        assertThat(JSON.readTree(none.toString()).has("valueDigests")).isFalse();
    }

    @Test
    void writesAKeyedPseudonymInsteadOfThePrincipalWhenConfigured() throws Exception {
        CallRecord r = TestRecords.base(3).context(CallContext.builder().principal("jane@corp.example").build())
                .outcome(CallRecord.Outcome.ALLOWED).build();
        StringBuilder out = new StringBuilder();
        Entries.callBody(r, new PrincipalPseudonyms(new byte[16]), out);
        JsonNode body = JSON.readTree(out.toString());
        assertThat(Canonical.of(body)).isEqualTo(out.toString());
        assertThat(out.toString()).doesNotContain("jane");
        assertThat(body.at("/context").has("principal")).isFalse();
        // HMAC-SHA-256 with a zero key, computed independently, first 16 bytes
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[16], "HmacSHA256"));
        String expected = HexFormat.of().formatHex(
                mac.doFinal("jane@corp.example".getBytes(StandardCharsets.UTF_8)), 0, 16);
        assertThat(body.at("/context/principalPseudonym").asText()).isEqualTo(expected).hasSize(32);
    }

    @Test
    void leavesOutContentAndDecisionMessages() throws Exception {
        CallRecord r = TestRecords.base(1).outcome(CallRecord.Outcome.ALLOWED)
                .sentRequest(AiRequest.of("gpt-4o-mini", "the secret plan"))
                .receivedResponse(AiResponse.of("the secret answer"))
                .decision(PolicyDecision.builder().policy("p", "1").stage(PolicyStage.PRE)
                        .effect(PolicyDecision.Effect.ALLOW).reasonCode("ok").message("the secret reason")
                        .obligations(Map.of("redact.operator.EMAIL_ADDRESS", "KEEP")).build())
                .finishReasons(List.of())
                .build();
        StringBuilder out = new StringBuilder();
        Entries.callBody(r, null, out);
        assertThat(out.toString()).doesNotContain("secret").doesNotContain("KEEP");
        assertThat(JSON.readTree(out.toString()).at("/context").has("labels")).isFalse();
    }
}
