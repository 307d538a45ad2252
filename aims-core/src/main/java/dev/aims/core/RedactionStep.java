package dev.aims.core;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import dev.aims.api.Operator;
import dev.aims.api.PolicyDecision;
import dev.aims.api.Redactor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Redacts every text of the outbound request, then restores pseudonyms in the response on the way back. The
 * operators can be overridden per call by PRE decisions carrying {@code redact.operator.TYPE=OPERATOR} obligations.
 */
final class RedactionStep implements CallInterceptor {
    private final Redactor redactor;

    RedactionStep(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        CallState state = ((RealChain) chain).state();
        AiRequest redacted;
        try {
            state.redaction = redactor.open(overrides(state));
            // Redactor.none() changes nothing: skip walking the texts (and the two method references per call).
            redacted = state.redaction instanceof Redactor.NoRedaction ? chain.request()
                    : chain.request().mapText(state.redaction::redact);
        } catch (AiGovernanceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AiGovernanceException(state.callId, "redactor", "threw " + e.getClass().getName(), e);
        }
        AiResponse response = chain.proceed(redacted);
        if (state.redaction instanceof Redactor.NoRedaction) {
            return response;
        }
        try {
            return response.mapText(state.redaction::restore);
        } catch (RuntimeException e) {
            throw new AiGovernanceException(state.callId, "redactor", "restore threw " + e.getClass().getName(), e);
        }
    }

    private static Map<String, Operator> overrides(CallState state) {
        Map<String, Operator> overrides = null;
        for (PolicyDecision d : state.decisions) {
            if (d.obligations().isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> e : d.obligations().entrySet()) {
                if (!e.getKey().startsWith(PolicyDecision.REDACT_OPERATOR_OBLIGATION)) {
                    continue;
                }
                String type = e.getKey().substring(PolicyDecision.REDACT_OPERATOR_OBLIGATION.length());
                Operator op;
                try {
                    op = Operator.valueOf(e.getValue().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException bad) {
                    throw new AiGovernanceException(state.callId, "policy '" + d.policyId() + "'",
                            "obligation " + e.getKey() + " names unknown operator '" + e.getValue() + "'", null);
                }
                if (overrides == null) {
                    overrides = new HashMap<>();
                }
                overrides.put(type, op);
            }
        }
        return overrides == null ? Map.of() : overrides;
    }
}
