package dev.aims.core;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import java.time.Clock;
import java.util.List;

/**
 * Runs the policies of one stage: PRE and PRE_SEND before the rest of the chain, POST on the response after it.
 * Stops at the first DENY; applies MODIFY replacements in order; records every decision.
 */
final class PolicyStep implements CallInterceptor {
    private final PolicyStage stage;
    private final Clock clock;

    PolicyStep(PolicyStage stage, Clock clock) {
        this.stage = stage;
        this.clock = clock;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        RealChain real = (RealChain) chain;
        RealCall state = real.call();
        if (stage == PolicyStage.POST) {
            AiResponse response = chain.proceed(chain.request());
            return evaluateResponse(state, chain.request(), response);
        }
        return chain.proceed(evaluateRequest(state, chain.request()));
    }

    private AiRequest evaluateRequest(RealCall state, AiRequest request) {
        List<Policy> policies = state.policies.policies();
        PolicyInput input = null;
        for (int i = 0; i < policies.size(); i++) {
            Policy policy = policies.get(i);
            if (!policy.stages().contains(stage)) {
                continue;
            }
            if (input == null) {
                input = input(state, request, null);
            }
            PolicyDecision d = decide(policy, input, state);
            if (d.effect() == PolicyDecision.Effect.MODIFY) {
                if (d.replacementResponse().isPresent()) {
                    throw new AiGovernanceException(state.callId, "policy '" + policy.id() + "'",
                            "a MODIFY at " + stage + " must replace the request, not the response", null);
                }
                if (d.replacementRequest().isPresent()) {
                    request = d.replacementRequest().get();
                    if (stage == PolicyStage.PRE_SEND) {
                        // The redaction step has run: a replacement is redacted here, in the call's session, like
                        // any other text that is about to leave (what it kept from the redacted request is unchanged).
                        request = request.mapText(state.redaction::redact);
                    }
                    input = null;
                }
            }
        }
        return request;
    }

    private AiResponse evaluateResponse(RealCall state, AiRequest request, AiResponse response) {
        return evaluatePost(state, request, response, true);
    }

    /**
     * Evaluates the POST policies on the part of a streamed answer received so far, before any of it is released
     * to the caller. A DENY (or the failure of a fail-closed policy) stops the stream and is recorded; a MODIFY's
     * replacement answer is what the caller is sent instead (an output rule masking what the model wrote), and the
     * policies after it see the replacement, as at POST. ALLOWs and MODIFYs are not recorded here: the record keeps
     * the decisions of the final evaluation on the whole answer. A partial answer has no finish reason, which is
     * how a policy can tell it apart.
     *
     * @return the answer so far as the policies leave it: {@code partial} itself when none modified it
     * @throws AiPolicyViolationException when a policy denies the partial answer
     * @throws AiGovernanceException      when a fail-closed policy fails or a MODIFY replaces the request
     */
    AiResponse checkPartial(RealCall state, AiRequest request, AiResponse partial) {
        return evaluatePost(state, request, partial, false);
    }

    /**
     * The POST loop, on the whole answer ({@code whole}: every decision recorded) or on a streamed part (only a
     * DENY, or a fail-closed failure, recorded).
     */
    private AiResponse evaluatePost(RealCall state, AiRequest request, AiResponse response, boolean whole) {
        List<Policy> policies = state.policies.policies();
        PolicyInput input = null;
        for (int i = 0; i < policies.size(); i++) {
            Policy policy = policies.get(i);
            if (!policy.stages().contains(stage)) {
                continue;
            }
            if (input == null) {
                input = input(state, request, response);
            }
            PolicyDecision d = whole ? decide(policy, input, state) : evaluate(policy, input, state);
            if (d == null) {
                continue;
            }
            if (d.effect() == PolicyDecision.Effect.DENY) {
                state.decisions.add(d);
                throw new AiPolicyViolationException(state.callId, d);
            }
            if (d.effect() == PolicyDecision.Effect.MODIFY) {
                if (d.replacementRequest().isPresent()) {
                    throw new AiGovernanceException(state.callId, "policy '" + policy.id() + "'",
                            "a MODIFY at POST must replace the response, not the request", null);
                }
                if (d.replacementResponse().isPresent()) {
                    response = d.replacementResponse().get();
                    input = null;
                }
            }
        }
        return response;
    }

    /** @return the decision, or null when a fail-open policy failed (nothing to act on, nothing recorded) */
    private PolicyDecision evaluate(Policy policy, PolicyInput input, RealCall state) {
        try {
            return checked(policy.evaluate(input));
        } catch (Exception e) {
            failed(policy, e, state);
            return null;
        }
    }

    /**
     * A policy failed: a fail-open one gets an ALLOW saying so (not yet recorded); a fail-closed one records a DENY
     * and fails the call.
     */
    private PolicyDecision failed(Policy policy, Exception e, RealCall state) {
        String reason = reason(e);
        if (policy.failOpen()) {
            return PolicyDecision.builder(policy, stage).effect(PolicyDecision.Effect.ALLOW)
                    .reasonCode("policy_error_fail_open").message("policy failed (" + reason
                            + "); declared fail-open, so the call proceeds").build();
        }
        state.decisions.add(PolicyDecision.builder(policy, stage).effect(PolicyDecision.Effect.DENY)
                .reasonCode("policy_error").message("policy failed (" + reason + "); failing closed").build());
        throw new AiGovernanceException(state.callId, "policy '" + policy.id() + "'", reason, e);
    }

    private PolicyDecision checked(PolicyDecision d) {
        if (d == null) {
            throw new IllegalStateException("policy returned null");
        }
        if (d.stage() != stage) {
            throw new IllegalStateException("policy returned a decision for stage " + d.stage()
                    + " while evaluated at " + stage);
        }
        return d;
    }

    private static String reason(Exception e) {
        return e instanceof IllegalStateException && e.getMessage() != null
                && e.getMessage().startsWith("policy returned") ? e.getMessage() : "threw " + e.getClass().getName();
    }

    private PolicyInput input(RealCall state, AiRequest request, AiResponse response) {
        return new PolicyInput(stage, state.callId, request, state.context,
                stage == PolicyStage.PRE ? List.of() : state.redaction.findings(), response, state.decisions,
                state.redaction, clock.instant());
    }

    /** Evaluates one policy, records its decision, and throws when the call must stop. */
    private PolicyDecision decide(Policy policy, PolicyInput input, RealCall state) {
        PolicyDecision d;
        try {
            d = checked(policy.evaluate(input));
        } catch (Exception e) {
            // Checked exceptions thrown through a lambda (sneaky throws) fail the policy like any other.
            d = failed(policy, e, state);
        }
        state.decisions.add(d);
        if (d.effect() == PolicyDecision.Effect.DENY) {
            throw new AiPolicyViolationException(state.callId, d);
        }
        return d;
    }
}
