package dev.aims.otel;

import dev.aims.api.CallRecord;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The GenAI client metrics and the AIMS governance counters. Every attribute here has few values (operation,
 * provider, model, policy, stage, effect, entity type, outcome): never a user, tenant, call or session id, which
 * would multiply the time series without bound. Thread-safe.
 */
final class GenAiMetrics {
    /** The conventions' advice for {@code gen_ai.client.operation.duration}: 0.01 s doubling up to 81.92 s. */
    static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92);
    /** The conventions' advice for {@code gen_ai.client.token.usage}: powers of 4 from 1 to 4^13. */
    static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
            262144L, 1048576L, 4194304L, 16777216L, 67108864L);

    private static final String[] EFFECTS = lowerCaseNames(PolicyDecision.Effect.values());
    private static final String[] STAGES = lowerCaseNames(PolicyStage.values());
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;
    /** Distinct attribute sets kept per kind; real deployments have tens (models, policies, entity types). */
    private static final int CACHED_KEYS = 1024;

    private final DoubleHistogram duration;
    private final LongHistogram tokens;
    private final LongCounter decisions;
    private final LongCounter redactions;
    private final LongCounter calls;
    private final boolean legacySystemAttribute;
    private final Attributes[] callsByOutcome;
    private final AttributesCache<CommonKey, Common> commons =
            new AttributesCache<>(CACHED_KEYS, this::common);
    private final AttributesCache<String, AtomicReferenceArray<Attributes>> decisionsByPolicy =
            new AttributesCache<>(CACHED_KEYS, id -> new AtomicReferenceArray<>(EFFECTS.length * STAGES.length * 2));
    private final AttributesCache<String, Attributes> redactionTypes =
            new AttributesCache<>(CACHED_KEYS, type -> Attributes.of(AimsAttributes.AIMS_REDACTION_TYPE, type));

    GenAiMetrics(Meter meter, boolean legacySystemAttribute) {
        this.legacySystemAttribute = legacySystemAttribute;
        CallRecord.Outcome[] outcomes = CallRecord.Outcome.values();
        this.callsByOutcome = new Attributes[outcomes.length];
        for (CallRecord.Outcome o : outcomes) {
            callsByOutcome[o.ordinal()] = Attributes.of(AimsAttributes.AIMS_OUTCOME, o.wireName());
        }
        this.duration = meter.histogramBuilder(AimsAttributes.METRIC_OPERATION_DURATION)
                .setDescription("Duration of GenAI client operations")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.tokens = meter.histogramBuilder(AimsAttributes.METRIC_TOKEN_USAGE)
                .setDescription("Tokens used by GenAI client operations")
                .setUnit("{token}")
                .ofLongs()
                .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                .build();
        this.decisions = meter.counterBuilder(AimsAttributes.METRIC_POLICY_DECISIONS)
                .setDescription("Policy decisions of governed calls")
                .setUnit("{decision}")
                .build();
        this.redactions = meter.counterBuilder(AimsAttributes.METRIC_REDACTIONS)
                .setDescription("Sensitive values found and redacted in governed calls")
                .setUnit("{finding}")
                .build();
        this.calls = meter.counterBuilder(AimsAttributes.METRIC_CALLS)
                .setDescription("Governed calls by outcome")
                .setUnit("{call}")
                .build();
    }

    /** Records one ended call; {@code context} carries its span, for exemplars. */
    void record(CallRecord record, Context context) {
        Common common = commons.get(new CommonKey(record.operationName(), record.provider(), record.requestModel(),
                record.responseModel().orElse(null), record.serverAddress().orElse(null), record.serverPort()));

        Attributes durationAttributes = record.errorType().isEmpty() ? common.base
                : common.base.toBuilder().put(AimsAttributes.ERROR_TYPE, record.errorType().get()).build();
        duration.record(record.duration().toNanos() / NANOS_PER_SECOND, durationAttributes, context);

        // A provider that reports no usage did not report zero tokens: record nothing rather than a false zero.
        if (record.usage().totalTokens() > 0) {
            tokens.record(record.usage().inputTokens(), common.input, context);
            tokens.record(record.usage().outputTokens(), common.output, context);
        }

        for (PolicyDecision d : record.decisions()) {
            decisions.add(1, decisionAttributes(d), context);
        }
        for (Map.Entry<String, Integer> e : record.findingCounts().entrySet()) {
            redactions.add(e.getValue(), redactionTypes.get(e.getKey()), context);
        }
        calls.add(1, callsByOutcome[record.outcome().ordinal()], context);
    }

    private Attributes decisionAttributes(PolicyDecision d) {
        AtomicReferenceArray<Attributes> byKind = decisionsByPolicy.get(d.policyId());
        int index = (d.effect().ordinal() * STAGES.length + d.stage().ordinal()) * 2 + (d.shadow() ? 1 : 0);
        Attributes a = byKind.get(index);
        if (a == null) {
            a = Attributes.of(
                    AimsAttributes.AIMS_POLICY_ID, d.policyId(),
                    AimsAttributes.AIMS_POLICY_EFFECT, EFFECTS[d.effect().ordinal()],
                    AimsAttributes.AIMS_POLICY_STAGE, STAGES[d.stage().ordinal()],
                    AimsAttributes.AIMS_POLICY_SHADOW, d.shadow());
            byKind.set(index, a);
        }
        return a;
    }

    private Common common(CommonKey k) {
        AttributesBuilder b = Attributes.builder()
                .put(AimsAttributes.GEN_AI_OPERATION_NAME, k.operation)
                .put(AimsAttributes.GEN_AI_PROVIDER_NAME, k.provider)
                .put(AimsAttributes.GEN_AI_REQUEST_MODEL, k.requestModel);
        if (legacySystemAttribute) {
            b.put(AimsAttributes.GEN_AI_SYSTEM, k.provider);
        }
        if (k.responseModel != null) {
            b.put(AimsAttributes.GEN_AI_RESPONSE_MODEL, k.responseModel);
        }
        if (k.serverAddress != null) {
            b.put(AimsAttributes.SERVER_ADDRESS, k.serverAddress);
        }
        if (k.serverPort != 0) {
            b.put(AimsAttributes.SERVER_PORT, k.serverPort);
        }
        Attributes base = b.build();
        return new Common(base, base.toBuilder().put(AimsAttributes.GEN_AI_TOKEN_TYPE, "input").build(),
                base.toBuilder().put(AimsAttributes.GEN_AI_TOKEN_TYPE, "output").build());
    }

    /** What identifies the attributes shared by the duration and token metrics of a call. */
    private record CommonKey(String operation, String provider, String requestModel, String responseModel,
            String serverAddress, int serverPort) {
    }

    /** The shared attributes, and those of the two token types. */
    private record Common(Attributes base, Attributes input, Attributes output) {
    }

    /** @return the lower-case name of a policy effect, as emitted */
    static String effectName(PolicyDecision.Effect effect) {
        return EFFECTS[effect.ordinal()];
    }

    /** @return the lower-case name of a policy stage, as emitted */
    static String stageName(PolicyStage stage) {
        return STAGES[stage.ordinal()];
    }

    private static String[] lowerCaseNames(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (Enum<?> v : values) {
            names[v.ordinal()] = v.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }
}
