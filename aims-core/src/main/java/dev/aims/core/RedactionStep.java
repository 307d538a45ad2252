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
import java.util.Set;

/**
 * Redacts every text of the outbound request — every channel {@link AiRequest#mapText} reaches — then restores
 * pseudonyms in the response on the way back ({@link Restorer}: into tool-call arguments only for the tools named).
 * The operators can be overridden per call by PRE decisions carrying {@code redact.operator.TYPE=OPERATOR}
 * obligations.
 */
final class RedactionStep implements CallInterceptor {
    private final Redactor redactor;
    private final Set<String> restoreIntoTools;

    RedactionStep(Redactor redactor, Set<String> restoreIntoTools) {
        this.redactor = redactor;
        this.restoreIntoTools = restoreIntoTools;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        RealCall call = ((RealChain) chain).call();
        AiRequest redacted;
        try {
            call.redaction = redactor.open(overrides(call));
            // Redactor.none() changes nothing: skip walking the texts (and the two method references per call).
            redacted = call.redaction instanceof Redactor.NoRedaction ? chain.request()
                    : chain.request().mapText(call.redaction::redact);
        } catch (AiGovernanceException e) {
            throw e;
        } catch (Exception e) {
            throw new AiGovernanceException(call.callId, "redactor", "threw " + e.getClass().getName(), e);
        }
        AiResponse response = chain.proceed(redacted);
        if (call.redaction instanceof Redactor.NoRedaction) {
            return response;
        }
        try {
            return new Restorer(call, restoreIntoTools).restore(response);
        } catch (Exception e) {
            throw new AiGovernanceException(call.callId, "redactor", "restore threw " + e.getClass().getName(), e);
        }
    }

    private static Map<String, Operator> overrides(RealCall call) {
        Map<String, Operator> overrides = null;
        for (PolicyDecision d : call.decisions) {
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
                    throw new AiGovernanceException(call.callId, "policy '" + d.policyId() + "'",
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
