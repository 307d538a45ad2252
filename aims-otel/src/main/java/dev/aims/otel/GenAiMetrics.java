package dev.aims.otel;

import dev.aims.api.CallRecord;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.Restoration;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The GenAI client metrics and the AIMS governance metrics. Every attribute here has few values (operation,
 * provider, model, policy, stage, effect, entity type, outcome): never a user, tenant, purpose, call or session id,
 * which would multiply the time series without bound and carry free text. Calls that never reached the provider go
 * to their own histogram, {@value AimsAttributes#METRIC_UNSENT_DURATION}, not to the provider's latency. Thread-safe.
 */
final class GenAiMetrics {
    /** The conventions' advice for {@code gen_ai.client.operation.duration}: 0.01 s doubling up to 81.92 s. */
    static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92);
    /** The conventions' advice for {@code gen_ai.client.token.usage}: powers of 4 from 1 to 4^13. */
    static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
            262144L, 1048576L, 4194304L, 16777216L, 67108864L);

    /**
     * Buckets of {@code aims.call.unsent.duration}: a refusal takes microseconds in process and milliseconds with a
     * shared quota store, below the provider buckets' first boundary of 10 ms.
     */
    static final List<Double> UNSENT_BUCKETS = List.of(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
            0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5);

    private static final String[] EFFECTS = lowerCaseNames(PolicyDecision.Effect.values());
    private static final String[] STAGES = lowerCaseNames(PolicyStage.values());
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;
    /** Distinct attribute sets kept per kind; real deployments have tens (models, policies, entity types). */
    private static final int CACHED_KEYS = 1024;

    private final DoubleHistogram duration;
    private final DoubleHistogram unsentDuration;
    private final DoubleHistogram timeToFirstChunk;
    private final DoubleHistogram timePerOutputChunk;
    private final LongHistogram tokens;
    private final LongCounter decisions;
    private final LongCounter redactions;
    private final LongCounter restorations;
    private final LongCounter calls;
    private final boolean legacySystemAttribute;
    /** By outcome, then redaction off (0) or on (1). */
    private final Attributes[][] callsByOutcome;
    private final AttributesCache<CommonKey, Common> commons =
            new AttributesCache<>(CACHED_KEYS, this::common);
    private final AttributesCache<String, AtomicReferenceArray<Attributes>> decisionsByPolicy =
            new AttributesCache<>(CACHED_KEYS, id -> new AtomicReferenceArray<>(EFFECTS.length * STAGES.length * 2));
    private final AttributesCache<String, Attributes> redactionTypes =
            new AttributesCache<>(CACHED_KEYS, type -> Attributes.of(AimsAttributes.AIMS_REDACTION_TYPE, type));
    private final AttributesCache<String, Attributes> restorationTypes =
            new AttributesCache<>(CACHED_KEYS, type -> Attributes.of(AimsAttributes.AIMS_RESTORATION_TYPE, type));
    private final AttributesCache<UnsentKey, Attributes> unsent = new AttributesCache<>(CACHED_KEYS, this::unsent);

    GenAiMetrics(Meter meter, boolean legacySystemAttribute) {
        this.legacySystemAttribute = legacySystemAttribute;
        CallRecord.Outcome[] outcomes = CallRecord.Outcome.values();
        this.callsByOutcome = new Attributes[outcomes.length][2];
        for (CallRecord.Outcome o : outcomes) {
            for (int on = 0; on < 2; on++) {
                callsByOutcome[o.ordinal()][on] = Attributes.of(AimsAttributes.AIMS_OUTCOME, o.wireName(),
                        AimsAttributes.AIMS_REDACTION_ENABLED, on == 1);
            }
        }
        this.duration = meter.histogramBuilder(AimsAttributes.METRIC_OPERATION_DURATION)
                .setDescription("Duration of GenAI client operations")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.unsentDuration = meter.histogramBuilder(AimsAttributes.METRIC_UNSENT_DURATION)
                .setDescription("Duration of governed calls that ended before anything was sent to the provider")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(UNSENT_BUCKETS)
                .build();
        this.timeToFirstChunk = meter.histogramBuilder(AimsAttributes.METRIC_TIME_TO_FIRST_CHUNK)
                .setDescription("Time to receive the first chunk of a streamed GenAI response")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.timePerOutputChunk = meter.histogramBuilder(AimsAttributes.METRIC_TIME_PER_OUTPUT_CHUNK)
                .setDescription("Time between successive chunks of a streamed GenAI response")
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
        this.restorations = meter.counterBuilder(AimsAttributes.METRIC_RESTORATIONS)
                .setDescription("Pseudonyms restored into tool-call arguments of governed calls")
                .setUnit("{restoration}")
                .build();
        this.calls = meter.counterBuilder(AimsAttributes.METRIC_CALLS)
                .setDescription("Governed calls by outcome")
                .setUnit("{call}")
                .build();
    }

    /** Records one ended call; {@code context} carries its span, for exemplars. */
    void record(CallRecord record, Context context) {
        double seconds = record.duration().toNanos() / NANOS_PER_SECOND;
        if (reachedProvider(record)) {
            provider(record, seconds, context);
        } else {
            unsentDuration.record(seconds, unsent.get(new UnsentKey(record.operationName(), record.provider(),
                    record.requestModel(), record.outcome(), record.errorType().orElse(null))), context);
        }
        List<PolicyDecision> ds = record.decisions();
        for (int i = 0; i < ds.size(); i++) {
            decisions.add(1, decisionAttributes(ds.get(i)), context);
        }
        for (Map.Entry<String, Integer> e : record.findingCounts().entrySet()) {
            redactions.add(e.getValue(), redactionTypes.get(e.getKey()), context);
        }
        List<Restoration> rs = record.restorations();
        for (int i = 0; i < rs.size(); i++) {
            restorations.add(1, restorationTypes.get(rs.get(i).entityType()), context);
        }
        calls.add(1, callsByOutcome[record.outcome().ordinal()][record.redactionEnabled() ? 1 : 0], context);
    }

    /** @return whether the request left the process: the record then has what was sent, or its digest */
    static boolean reachedProvider(CallRecord record) {
        return record.sentRequest().isPresent() || record.requestDigest().isPresent();
    }

    private void provider(CallRecord record, double seconds, Context context) {
        Common common = commons.get(new CommonKey(record.operationName(), record.provider(), record.requestModel(),
                record.responseModel().orElse(null), record.serverAddress().orElse(null), record.serverPort()));
        Attributes durationAttributes = record.errorType().isEmpty() ? common.base
                : common.base.toBuilder().put(AimsAttributes.ERROR_TYPE, record.errorType().get()).build();
        duration.record(seconds, durationAttributes, context);

        // A provider that reports no usage did not report zero tokens: record nothing rather than a false zero.
        if (record.usage().totalTokens() > 0) {
            tokens.record(record.usage().inputTokens(), common.input, context);
            tokens.record(record.usage().outputTokens(), common.output, context);
        }
        if (record.streaming()) {
            if (record.firstChunkAt().isPresent()) {
                timeToFirstChunk.record(CallSpans.timeToFirstChunk(record), common.base, context);
            }
            List<Duration> intervals = record.chunkIntervals();
            for (int i = 0; i < intervals.size(); i++) {
                timePerOutputChunk.record(intervals.get(i).toNanos() / NANOS_PER_SECOND, common.base, context);
            }
        }
    }

    private Attributes unsent(UnsentKey k) {
        AttributesBuilder b = Attributes.builder()
                .put(AimsAttributes.GEN_AI_OPERATION_NAME, k.operation)
                .put(AimsAttributes.GEN_AI_PROVIDER_NAME, k.provider)
                .put(AimsAttributes.GEN_AI_REQUEST_MODEL, k.requestModel)
                .put(AimsAttributes.AIMS_OUTCOME, k.outcome.wireName());
        if (legacySystemAttribute) {
            b.put(AimsAttributes.GEN_AI_SYSTEM, k.provider);
        }
        if (k.errorType != null) {
            b.put(AimsAttributes.ERROR_TYPE, k.errorType);
        }
        return b.build();
    }

    /** What identifies the attributes of an unsent call's duration. */
    private record UnsentKey(String operation, String provider, String requestModel, CallRecord.Outcome outcome,
            String errorType) {
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
