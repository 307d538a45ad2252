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
        CallState state = real.state();
        if (stage == PolicyStage.POST) {
            AiResponse response = chain.proceed(chain.request());
            return evaluateResponse(state, chain.request(), response);
        }
        return chain.proceed(evaluateRequest(state, chain.request()));
    }

    private AiRequest evaluateRequest(CallState state, AiRequest request) {
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
                    input = null;
                }
            }
        }
        return request;
    }

    private AiResponse evaluateResponse(CallState state, AiRequest request, AiResponse response) {
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
            PolicyDecision d = decide(policy, input, state);
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

    private PolicyInput input(CallState state, AiRequest request, AiResponse response) {
        return new PolicyInput(stage, state.callId, request, state.context,
                stage == PolicyStage.PRE ? List.of() : state.redaction.findings(), response, state.decisions,
                state.redaction, clock.instant());
    }

    /** Evaluates one policy, records its decision, and throws when the call must stop. */
    private PolicyDecision decide(Policy policy, PolicyInput input, CallState state) {
        PolicyDecision d;
        try {
            d = policy.evaluate(input);
            if (d == null) {
                throw new IllegalStateException("policy returned null");
            }
            if (d.stage() != stage) {
                throw new IllegalStateException("policy returned a decision for stage " + d.stage()
                        + " while evaluated at " + stage);
            }
        } catch (RuntimeException e) {
            String reason = e instanceof IllegalStateException && e.getMessage() != null
                    && e.getMessage().startsWith("policy returned") ? e.getMessage() : "threw " + e.getClass().getName();
            if (policy.failOpen()) {
                d = PolicyDecision.builder(policy, stage).effect(PolicyDecision.Effect.ALLOW)
                        .reasonCode("policy_error_fail_open").message("policy failed (" + reason
                                + "); declared fail-open, so the call proceeds").build();
                state.decisions.add(d);
                return d;
            }
            state.decisions.add(PolicyDecision.builder(policy, stage).effect(PolicyDecision.Effect.DENY)
                    .reasonCode("policy_error").message("policy failed (" + reason + "); failing closed").build());
            throw new AiGovernanceException(state.callId, "policy '" + policy.id() + "'", reason, e);
        }
        state.decisions.add(d);
        if (d.effect() == PolicyDecision.Effect.DENY) {
            throw new AiPolicyViolationException(state.callId, d);
        }
        return d;
    }
}
