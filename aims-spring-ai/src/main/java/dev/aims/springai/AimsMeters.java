package dev.aims.springai;

import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.PolicyDecision;
import dev.aims.api.Restoration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;

/**
 * AIMS's governance counters through Micrometer, for applications that measure with a {@link MeterRegistry} and
 * have no OpenTelemetry SDK: the same names, tags and meaning as aims-otel's metrics — {@value #CALLS} by outcome
 * and whether redaction was on, {@value #DECISIONS} by policy, effect, stage and shadow, {@value #REDACTIONS} and
 * {@value #RESTORATIONS} by entity type. Every tag has few values; never a user, tenant, purpose or call id.
 * Micrometer caches meters by name and tags, so a counter is looked up, not created, on each call.
 */
final class AimsMeters implements CallObserver {
    static final String CALLS = "aims.calls";
    static final String DECISIONS = "aims.policy.decisions";
    static final String REDACTIONS = "aims.redactions";
    static final String RESTORATIONS = "aims.restorations";

    private final MeterRegistry registry;

    AimsMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCall(CallRecord record) {
        for (PolicyDecision d : record.decisions()) {
            Counter.builder(DECISIONS).description("Policy decisions of governed calls").baseUnit("{decision}")
                    .tags("aims.policy.id", d.policyId(), "aims.policy.effect", lower(d.effect()),
                            "aims.policy.stage", lower(d.stage()), "aims.policy.shadow", String.valueOf(d.shadow()))
                    .register(registry).increment();
        }
        for (Map.Entry<String, Integer> e : record.findingCounts().entrySet()) {
            Counter.builder(REDACTIONS).description("Sensitive values found and redacted in governed calls")
                    .baseUnit("{finding}").tag("aims.redaction.type", e.getKey()).register(registry)
                    .increment(e.getValue());
        }
        for (Restoration r : record.restorations()) {
            Counter.builder(RESTORATIONS).description("Pseudonyms restored into tool-call arguments of governed calls")
                    .baseUnit("{restoration}").tag("aims.restoration.type", r.entityType()).register(registry)
                    .increment();
        }
        Counter.builder(CALLS).description("Governed calls by outcome").baseUnit("{call}")
                .tags("aims.outcome", record.outcome().wireName(), "aims.redaction.enabled",
                        String.valueOf(record.redactionEnabled()))
                .register(registry).increment();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "AimsMeters(" + registry.getClass().getSimpleName() + ")";
    }
}
