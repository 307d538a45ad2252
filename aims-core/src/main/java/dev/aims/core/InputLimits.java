package dev.aims.core;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;

/**
 * The client's own limits, checked before the PRE policies: the size of the request (every channel the redactor
 * scans), so that a huge input is refused with a clear {@link AiPolicyViolationException} before the redactor and
 * the digests work on it, and the content AIMS cannot inspect (inline images, audio, extras an adapter could not
 * express), refused unless the client allows it. They record a decision only when they act — a denial, or an
 * allowed uninspected part — so that ordinary calls keep the decisions of their policies alone.
 */
final class InputLimits implements CallInterceptor {
    /** The id under which the size limit's decisions are recorded. */
    static final String SIZE_POLICY_ID = "aims.input-size";
    /** The id under which the uninspected-content decisions are recorded. */
    static final String UNINSPECTED_POLICY_ID = "aims.uninspected-content";
    private static final String VERSION = "1";

    private final long maxInputChars;
    private final UninspectedContent uninspected;

    InputLimits(long maxInputChars, UninspectedContent uninspected) {
        this.maxInputChars = maxInputChars;
        this.uninspected = uninspected;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        RealCall call = ((RealChain) chain).call();
        long size = chain.request().contentLength();
        if (size > maxInputChars) {
            deny(call, SIZE_POLICY_ID, "input_too_large", "the request has " + size
                    + " characters, the client's limit is " + maxInputChars);
        }
        int parts = chain.request().uninspectedParts();
        if (parts > 0) {
            if (uninspected == UninspectedContent.DENY) {
                deny(call, UNINSPECTED_POLICY_ID, "uninspected_content", parts + " part(s) of the request cannot be"
                        + " inspected for personal data and secrets (binary media, unknown provider options);"
                        + " the client refuses them (GovernedClient.Builder.uninspectedContent)");
            }
            call.decisions.add(PolicyDecision.builder().policy(UNINSPECTED_POLICY_ID, VERSION).stage(PolicyStage.PRE)
                    .effect(PolicyDecision.Effect.ALLOW).reasonCode("uninspected_content_allowed")
                    .message(parts + " part(s) sent uninspected, as the client allows").build());
        }
        return chain.proceed(chain.request());
    }

    private static void deny(RealCall call, String id, String reason, String message) {
        PolicyDecision d = PolicyDecision.builder().policy(id, VERSION).stage(PolicyStage.PRE)
                .effect(PolicyDecision.Effect.DENY).reasonCode(reason).message(message).build();
        call.decisions.add(d);
        throw new AiPolicyViolationException(call.callId, d);
    }
}
