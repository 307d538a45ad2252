package dev.aims.core;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.Redactor;
import dev.aims.api.RedactionSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one call learns on its way through the chain; confined to the calling thread. */
final class CallState {
    final String callId;
    final CallContext context;
    final PolicySet policies;
    final Instant startedAt;
    final List<PolicyDecision> decisions = new ArrayList<>(8);
    RedactionSession redaction = Redactor.none().open();
    AiRequest sentRequest;
    AiResponse receivedResponse;
    volatile Instant firstChunkAt;
    String traceId;
    String spanId;

    CallState(String callId, CallContext context, PolicySet policies, Instant startedAt) {
        this.callId = callId;
        this.context = context;
        this.policies = policies;
        this.startedAt = startedAt;
    }
}
