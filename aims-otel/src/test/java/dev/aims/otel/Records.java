package dev.aims.otel;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built requests and records with every field set, as a governed call would produce them. */
final class Records {
    static final Instant START = Instant.parse("2025-05-01T10:00:00Z");
    static final Instant END = START.plusMillis(1500);

    static final CallContext CONTEXT = CallContext.builder()
            .principal("user-42")
            .tenant("team-claims")
            .systemId("claims-assistant")
            .purpose("claim-triage")
            .sessionId("session-7")
            .parentCallId("call-parent-1")
            .sourceId("doc-1")
            .sourceId("tool-search")
            .label("secret-label", "label value never emitted")
            .build();

    static final PolicyDecision ALLOW = PolicyDecision.builder().policy("model-allow-list", "3")
            .stage(PolicyStage.PRE).effect(PolicyDecision.Effect.ALLOW).reasonCode("allowed").build();
    static final PolicyDecision MODIFY = PolicyDecision.builder().policy("max-tokens-cap", "1")
            .stage(PolicyStage.PRE).effect(PolicyDecision.Effect.MODIFY).reasonCode("max_tokens_capped")
            .message("limit lowered for cost").obligations(Map.of("cap", "512")).build();
    static final PolicyDecision SHADOW = PolicyDecision.builder().policy("purpose-check", "2")
            .stage(PolicyStage.PRE_SEND).effect(PolicyDecision.Effect.DENY).reasonCode("purpose_unlisted")
            .message("would deny").build().asShadow();
    static final PolicyDecision DENY = PolicyDecision.builder().policy("secret-in-prompt", "5")
            .stage(PolicyStage.PRE_SEND).effect(PolicyDecision.Effect.DENY).reasonCode("secret_found")
            .message("a PRIVATE_KEY was found").build();

    static final String POLICY_SET_HASH = "ab".repeat(32);

    private Records() {
    }

    static AiRequest request() {
        return AiRequest.builder().model("gpt-4o").provider("openai").server("api.openai.com", 443)
                .temperature(0.2).maxTokens(256).topP(0.9)
                .message(Message.system("You are terse."))
                .message(Message.user("Hello"))
                .build();
    }

    static AiResponse response() {
        return AiResponse.builder().message(Message.assistant("Hi"))
                .usage(Usage.of(12, 3)).finishReason(FinishReason.STOP)
                .responseId("resp-1").model("gpt-4o-2024-08-06").build();
    }

    /** An allowed call with a modify and a shadow decision, two entity types found. */
    static CallRecord.Builder allowed(String callId) {
        return CallRecord.builder().callId(callId).startedAt(START).endedAt(END).context(CONTEXT)
                .requestParameters(request(), "unknown")
                .responseModel("gpt-4o-2024-08-06").responseId("resp-1")
                .finishReasons(List.of(FinishReason.STOP))
                .decisions(List.of(ALLOW, MODIFY, SHADOW))
                .policySetHash(POLICY_SET_HASH)
                .findingCounts(Map.of("EMAIL_ADDRESS", 2, "CREDIT_CARD", 1))
                .usage(Usage.of(12, 3))
                .outcome(CallRecord.Outcome.ALLOWED)
                .sentRequest(request())
                .receivedResponse(response());
    }

    /** A call denied at PRE_SEND, never sent. */
    static CallRecord.Builder denied(String callId) {
        return CallRecord.builder().callId(callId).startedAt(START).endedAt(START.plusMillis(2)).context(CONTEXT)
                .requestParameters(request(), "unknown")
                .decisions(List.of(ALLOW, DENY))
                .policySetHash(POLICY_SET_HASH)
                .findingCounts(Map.of("PRIVATE_KEY", 1))
                .outcome(CallRecord.Outcome.DENIED)
                .errorType("dev.aims.api.AiPolicyViolationException");
    }

    /** A call whose provider failed. */
    static CallRecord.Builder failed(String callId) {
        return CallRecord.builder().callId(callId).startedAt(START).endedAt(START.plusMillis(40)).context(CONTEXT)
                .requestParameters(request(), "unknown")
                .decisions(List.of(ALLOW))
                .policySetHash(POLICY_SET_HASH)
                .outcome(CallRecord.Outcome.ERROR)
                .errorType("dev.aims.api.AiProviderException")
                .sentRequest(request());
    }
}
