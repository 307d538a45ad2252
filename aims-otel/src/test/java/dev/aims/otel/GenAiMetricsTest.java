package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.CallRecord;
import dev.aims.api.Restoration;
import dev.aims.api.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenAiMetricsTest {
    private final OtelFixture otel = new OtelFixture();

    @AfterEach
    void close() {
        otel.close();
    }

    private Collection<MetricData> record(boolean legacy, CallRecord... records) {
        GenAiMetrics metrics = new GenAiMetrics(otel.sdk.getMeter("test"), legacy);
        for (CallRecord r : records) {
            metrics.record(r, Context.root());
        }
        return otel.metrics();
    }

    @Test
    void durationIsAHistogramInSecondsWithTheConventionsBuckets() {
        MetricData duration = OtelFixture.metric(record(false, Records.allowed("c1").build()),
                "gen_ai.client.operation.duration");

        assertThat(duration.getType()).isEqualTo(MetricDataType.HISTOGRAM);
        assertThat(duration.getUnit()).isEqualTo("s");
        HistogramPointData point = duration.getHistogramData().getPoints().iterator().next();
        assertThat(point.getBoundaries()).containsExactly(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
                5.12, 10.24, 20.48, 40.96, 81.92);
        assertThat(point.getSum()).isEqualTo(1.5);
        assertThat(point.getCount()).isEqualTo(1);
        assertThat(point.getAttributes()).isEqualTo(Attributes.builder()
                .put(AimsAttributes.GEN_AI_OPERATION_NAME, "chat")
                .put(AimsAttributes.GEN_AI_PROVIDER_NAME, "openai")
                .put(AimsAttributes.GEN_AI_REQUEST_MODEL, "gpt-4o")
                .put(AimsAttributes.GEN_AI_RESPONSE_MODEL, "gpt-4o-2024-08-06")
                .put(AimsAttributes.SERVER_ADDRESS, "api.openai.com")
                .put(AimsAttributes.SERVER_PORT, 443L)
                .build());
    }

    @Test
    void durationOfAFailedCallCarriesTheErrorType() {
        MetricData duration = OtelFixture.metric(record(false, Records.failed("c1").build()),
                "gen_ai.client.operation.duration");

        HistogramPointData point = duration.getHistogramData().getPoints().iterator().next();
        assertThat(point.getAttributes().get(AimsAttributes.ERROR_TYPE)).isEqualTo("dev.aims.api.AiProviderException");
        assertThat(point.getSum()).isEqualTo(0.04);
    }

    @Test
    void tokenUsageIsAHistogramByTokenTypeWithTheConventionsBuckets() {
        MetricData tokens = OtelFixture.metric(record(false, Records.allowed("c1").build()),
                "gen_ai.client.token.usage");

        assertThat(tokens.getType()).isEqualTo(MetricDataType.HISTOGRAM);
        assertThat(tokens.getUnit()).isEqualTo("{token}");
        assertThat(tokens.getHistogramData().getPoints()).hasSize(2).allSatisfy(p -> {
            assertThat(p.getBoundaries()).containsExactly(1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0, 16384.0,
                    65536.0, 262144.0, 1048576.0, 4194304.0, 16777216.0, 67108864.0);
            assertThat(p.getAttributes().get(AimsAttributes.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
        });
        assertThat(tokens.getHistogramData().getPoints())
                .extracting(p -> p.getAttributes().get(AimsAttributes.GEN_AI_TOKEN_TYPE) + "=" + p.getSum())
                .containsExactlyInAnyOrder("input=12.0", "output=3.0");
    }

    @Test
    void noTokenUsageIsRecordedWhenTheProviderReportedNone() {
        Collection<MetricData> metrics = record(false, Records.denied("c1").build(),
                Records.allowed("c2").usage(Usage.ZERO).build());

        assertThat(metrics).extracting(MetricData::getName).doesNotContain("gen_ai.client.token.usage");
    }

    @Test
    void policyDecisionsAreCountedByPolicyEffectStageAndShadow() {
        MetricData decisions = OtelFixture.metric(record(false, Records.allowed("c1").build(),
                Records.denied("c2").build()), "aims.policy.decisions");

        assertThat(decisions.getUnit()).isEqualTo("{decision}");
        assertThat(decisions.getLongSumData().isMonotonic()).isTrue();
        assertThat(decisions.getLongSumData().getPoints()).extracting(p -> describe(p.getAttributes(),
                AimsAttributes.AIMS_POLICY_ID, AimsAttributes.AIMS_POLICY_EFFECT, AimsAttributes.AIMS_POLICY_STAGE,
                AimsAttributes.AIMS_POLICY_SHADOW) + "=" + p.getValue())
                .containsExactlyInAnyOrder(
                        "model-allow-list/allow/pre/false=2",
                        "max-tokens-cap/modify/pre/false=1",
                        "purpose-check/allow/pre_send/true=1",
                        "secret-in-prompt/deny/pre_send/false=1");
    }

    @Test
    void redactionsAreCountedByEntityType() {
        MetricData redactions = OtelFixture.metric(record(false, Records.allowed("c1").build(),
                Records.denied("c2").build()), "aims.redactions");

        assertThat(redactions.getUnit()).isEqualTo("{finding}");
        assertThat(redactions.getLongSumData().getPoints())
                .extracting(p -> p.getAttributes().get(AimsAttributes.AIMS_REDACTION_TYPE) + "=" + p.getValue())
                .containsExactlyInAnyOrder("EMAIL_ADDRESS=2", "CREDIT_CARD=1", "PRIVATE_KEY=1");
    }

    @Test
    void callsAreCountedByOutcome() {
        MetricData calls = OtelFixture.metric(record(false, Records.allowed("c1").build(),
                Records.allowed("c2").build(), Records.denied("c3").build(), Records.failed("c4").build()),
                "aims.calls");

        assertThat(calls.getUnit()).isEqualTo("{call}");
        assertThat(calls.getLongSumData().getPoints())
                .extracting(p -> p.getAttributes().get(AimsAttributes.AIMS_OUTCOME) + "=" + p.getValue())
                .containsExactlyInAnyOrder("allowed=2", "denied=1", "error=1");
    }

    @Test
    void callsWithRedactionSwitchedOffAreCountedApart() {
        MetricData calls = OtelFixture.metric(record(false, Records.allowed("c1").build(),
                Records.allowed("c2").redactionEnabled(false).build()), "aims.calls");

        assertThat(calls.getLongSumData().getPoints())
                .extracting(p -> p.getAttributes().get(AimsAttributes.AIMS_REDACTION_ENABLED) + "=" + p.getValue())
                .containsExactlyInAnyOrder("true=1", "false=1");
    }

    @Test
    void aCallDeniedBeforeSendingIsKeptOutOfTheProvidersLatency() {
        Collection<MetricData> metrics = record(false, Records.denied("c1").build());

        assertThat(metrics).extracting(MetricData::getName).doesNotContain("gen_ai.client.operation.duration");
        MetricData unsent = OtelFixture.metric(metrics, "aims.call.unsent.duration");
        assertThat(unsent.getUnit()).isEqualTo("s");
        HistogramPointData point = unsent.getHistogramData().getPoints().iterator().next();
        assertThat(point.getBoundaries()).containsExactlyElementsOf(GenAiMetrics.UNSENT_BUCKETS);
        assertThat(point.getSum()).isEqualTo(0.002);
        assertThat(point.getAttributes()).isEqualTo(Attributes.builder()
                .put(AimsAttributes.GEN_AI_OPERATION_NAME, "chat")
                .put(AimsAttributes.GEN_AI_PROVIDER_NAME, "openai")
                .put(AimsAttributes.GEN_AI_REQUEST_MODEL, "gpt-4o")
                .put(AimsAttributes.AIMS_OUTCOME, "denied")
                .put(AimsAttributes.ERROR_TYPE, "dev.aims.api.AiPolicyViolationException")
                .build());
    }

    @Test
    void aCallDeniedAfterTheProviderAnsweredCountsAsTheProvidersLatency() {
        Collection<MetricData> metrics = record(false, Records.denied("c1").sentRequest(Records.request())
                .receivedResponse(Records.response()).build());

        assertThat(metrics).extracting(MetricData::getName).doesNotContain("aims.call.unsent.duration");
        HistogramPointData point = OtelFixture.metric(metrics, "gen_ai.client.operation.duration")
                .getHistogramData().getPoints().iterator().next();
        assertThat(point.getAttributes().get(AimsAttributes.ERROR_TYPE))
                .isEqualTo("dev.aims.api.AiPolicyViolationException");
    }

    @Test
    void aStreamedCallRecordsTimeToFirstChunkAndOnePointPerLaterChunk() {
        Collection<MetricData> metrics = record(false, Records.allowed("c1").streaming(true)
                .firstChunkAt(Records.START.plusMillis(250))
                .chunkIntervals(List.of(Duration.ofMillis(20), Duration.ofMillis(30), Duration.ofMillis(50))).build());

        HistogramPointData first = OtelFixture.metric(metrics, "gen_ai.client.operation.time_to_first_chunk")
                .getHistogramData().getPoints().iterator().next();
        assertThat(first.getCount()).isEqualTo(1);
        assertThat(first.getSum()).isEqualTo(0.25);
        assertThat(first.getBoundaries()).containsExactlyElementsOf(GenAiMetrics.DURATION_BUCKETS);
        assertThat(first.getAttributes().get(AimsAttributes.GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
        MetricData perChunk = OtelFixture.metric(metrics, "gen_ai.client.operation.time_per_output_chunk");
        assertThat(perChunk.getUnit()).isEqualTo("s");
        HistogramPointData later = perChunk.getHistogramData().getPoints().iterator().next();
        assertThat(later.getCount()).isEqualTo(3);
        assertThat(later.getSum()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(later.getBoundaries()).containsExactlyElementsOf(GenAiMetrics.DURATION_BUCKETS);
    }

    @Test
    void aCallThatWasNotStreamedRecordsNoChunkMetrics() {
        Collection<MetricData> metrics = record(false, Records.allowed("c1").build(), Records.denied("c2")
                .streaming(true).build());

        assertThat(metrics).extracting(MetricData::getName).doesNotContain(
                "gen_ai.client.operation.time_to_first_chunk", "gen_ai.client.operation.time_per_output_chunk");
    }

    @Test
    void restorationsAreCountedByEntityType() {
        MetricData restorations = OtelFixture.metric(record(false, Records.allowed("c1").restorations(List.of(
                new Restoration("EMAIL_ADDRESS", "send_mail"), new Restoration("EMAIL_ADDRESS", "crm"),
                new Restoration("IBAN_CODE", "pay"))).build()), "aims.restorations");

        assertThat(restorations.getUnit()).isEqualTo("{restoration}");
        assertThat(restorations.getLongSumData().getPoints()).extracting(p -> p.getAttributes().asMap().size() + ":"
                + p.getAttributes().get(AimsAttributes.AIMS_RESTORATION_TYPE) + "=" + p.getValue())
                .containsExactlyInAnyOrder("1:EMAIL_ADDRESS=2", "1:IBAN_CODE=1");
    }

    @Test
    void metricsCarryOnlyLowCardinalityAttributes() {
        Collection<MetricData> metrics = record(false, Records.allowed("c1").streaming(true)
                .firstChunkAt(Records.START.plusMillis(9)).chunkIntervals(List.of(Duration.ofMillis(3)))
                .restorations(List.of(new Restoration("EMAIL_ADDRESS", "send_mail"))).build(),
                Records.denied("c2").build(), Records.failed("c3").build());
        Set<String> allowed = Set.of("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model",
                "gen_ai.response.model", "server.address", "server.port", "error.type", "gen_ai.token.type",
                "aims.policy.id", "aims.policy.effect", "aims.policy.stage", "aims.policy.shadow",
                "aims.redaction.type", "aims.restoration.type", "aims.outcome", "aims.redaction.enabled");

        Set<String> used = metrics.stream().flatMap(m -> m.getData().getPoints().stream())
                .flatMap(p -> ((PointData) p).getAttributes().asMap().keySet().stream())
                .map(AttributeKey::getKey).collect(Collectors.toSet());

        assertThat(used).isSubsetOf(allowed).doesNotContain("enduser.id", "enduser.pseudo.id", "aims.call.id",
                "aims.tenant", "aims.purpose", "gen_ai.conversation.id");
        assertThat(metrics).extracting(MetricData::getName).contains("gen_ai.client.operation.time_per_output_chunk",
                "aims.restorations", "aims.call.unsent.duration");
    }

    @Test
    void legacySystemAttributeIsOnMetricsOnlyWhenSwitchedOn() {
        MetricData with = OtelFixture.metric(record(true, Records.allowed("c1").build()),
                "gen_ai.client.operation.duration");

        assertThat(with.getHistogramData().getPoints().iterator().next().getAttributes()
                .get(AimsAttributes.GEN_AI_SYSTEM)).isEqualTo("openai");
    }

    private static String describe(Attributes attributes, AttributeKey<?>... keys) {
        return List.of(keys).stream().map(k -> String.valueOf(attributes.get(k))).collect(Collectors.joining("/"));
    }
}
