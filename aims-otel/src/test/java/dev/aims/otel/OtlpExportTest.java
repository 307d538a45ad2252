package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.ModelAllowList;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Governed calls exported through the real OTLP/HTTP exporter (protobuf) to a receiver on 127.0.0.1: the governance
 * attributes must arrive as sent.
 */
class OtlpExportTest {
    private static final byte[] KEY = "otlp-export-key-0123".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();

    private static final class Received {
        final String path;
        final String contentType;
        final byte[] body;

        Received(String path, String contentType, byte[] body) {
            this.path = path;
            this.contentType = contentType;
            this.body = body;
        }
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), in.readAllBytes()));
            }
            // An empty Export*ServiceResponse: full success.
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void governanceAttributesArriveThroughOtlpHttp() {
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(base + "/v1/traces").setTimeout(Duration.ofSeconds(5)).build())
                                .build())
                        .build())
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                                .setEndpoint(base + "/v1/metrics").setTimeout(Duration.ofSeconds(5)).build())
                                .setInterval(Duration.ofHours(1)).build())
                        .build())
                .build();
        AimsTelemetry telemetry = AimsTelemetry.builder(sdk).pseudonymousUserIds(KEY).build();
        GovernedClient client = GovernedClient.builder()
                .provider("openai").server("api.openai.com", 443)
                .policy(ModelAllowList.of("gpt-4o*"))
                .redactor(new SeededRedactor(Map.of("jane@example.com", "EMAIL_ADDRESS")))
                .observer(telemetry.observer())
                .observer(records::add)
                .delegate(r -> AiResponse.builder().message(Message.assistant("ok")).usage(Usage.of(9, 1))
                        .finishReason(FinishReason.STOP).responseId("r-1").model("gpt-4o").build())
                .build();
        CallContext context = CallContext.builder().principal("u-1").tenant("claims").systemId("claims-assistant")
                .purpose("triage").sourceId("doc-9").build();

        client.call(AiRequest.of("gpt-4o", "write to jane@example.com"), context);
        assertThatThrownBy(() -> client.call(AiRequest.of("o1-preview", "hi"), context))
                .isInstanceOf(AiPolicyViolationException.class);
        sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        sdk.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS);
        sdk.close();

        Map<String, Protobuf> spans = exportedSpans();
        Protobuf allowed = spans.get(records.get(0).callId());
        Protobuf denied = spans.get(records.get(1).callId());
        assertThat(allowed.string(5)).isEqualTo("chat gpt-4o");
        assertThat(allowed.number(6)).as("SPAN_KIND_CLIENT").isEqualTo(3L);
        Map<String, Object> a = allowed.attributes(9);
        assertThat(a).containsEntry("aims.outcome", "allowed")
                .containsEntry("aims.system.id", "claims-assistant")
                .containsEntry("aims.purpose", "triage")
                .containsEntry("aims.tenant", "claims")
                .containsEntry("enduser.pseudo.id", new UserIdHasher(KEY).hash("u-1"))
                .containsEntry("aims.redaction.enabled", true)
                .containsEntry("aims.policy.set.hash", records.get(0).policySetHash())
                .containsEntry("aims.redaction.count", 1L)
                .containsEntry("aims.redaction.types", List.of("EMAIL_ADDRESS"))
                .containsEntry("aims.source.ids", List.of("doc-9"))
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-4o")
                .containsEntry("gen_ai.usage.input_tokens", 9L)
                .containsEntry("gen_ai.response.finish_reasons", List.of("stop"));
        Map<String, Object> d = denied.attributes(9);
        assertThat(d).containsEntry("aims.outcome", "denied")
                .containsEntry("aims.policy.decisive.id", "model-allow-list")
                .containsEntry("aims.policy.decisive.version", "1")
                .containsEntry("aims.policy.decisive.reason", records.get(1).decisiveDecision().get().reasonCode())
                .containsEntry("error.type", AiPolicyViolationException.class.getName());
        assertThat(denied.message(15).number(3)).as("STATUS_CODE_ERROR").isEqualTo(2L);
        Protobuf event = denied.messages(11).get(0);
        assertThat(event.string(2)).isEqualTo("gen_ai.guardrail.result");
        assertThat(event.attributes(3)).containsEntry("gen_ai.guardrail.policy.id", "model-allow-list")
                .containsEntry("gen_ai.guardrail.policy.version", "1")
                .containsEntry("gen_ai.guardrail.result.type", "effect")
                .containsEntry("gen_ai.guardrail.result.value", "deny")
                .containsEntry("gen_ai.guardrail.source", "pre")
                .containsEntry("gen_ai.guardrail.component.name", "AIMS");

        Map<String, Protobuf> metrics = exportedMetrics();
        assertThat(metrics).containsKeys("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
                "aims.call.unsent.duration", "aims.policy.decisions", "aims.redactions", "aims.calls");
        Protobuf duration = metrics.get("gen_ai.client.operation.duration");
        assertThat(duration.string(3)).isEqualTo("s");
        assertThat(duration.message(9).messages(1).get(0).packedDoubles(7)).containsExactly(0.01, 0.02, 0.04,
                0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
        assertThat(metrics.get("aims.calls").message(7).messages(1).stream()
                .map(p -> p.attributes(7).get("aims.outcome") + "=" + p.number(6)).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("allowed=1", "denied=1");
    }

    /** @return every exported span by its aims.call.id, after checking the scope */
    private Map<String, Protobuf> exportedSpans() {
        List<Protobuf> spans = new ArrayList<>();
        for (Received r : requests("/v1/traces")) {
            for (Protobuf resourceSpans : Protobuf.parse(r.body).messages(1)) {
                for (Protobuf scopeSpans : resourceSpans.messages(2)) {
                    assertThat(scopeSpans.message(1).string(1)).isEqualTo("dev.aims");
                    assertThat(scopeSpans.message(1).string(2)).isEqualTo(System.getProperty("aims.version"));
                    spans.addAll(scopeSpans.messages(2));
                }
            }
        }
        assertThat(spans).hasSize(2);
        return spans.stream().collect(Collectors.toMap(s -> (String) s.attributes(9).get("aims.call.id"),
                Function.identity()));
    }

    private Map<String, Protobuf> exportedMetrics() {
        List<Protobuf> metrics = new ArrayList<>();
        for (Received r : requests("/v1/metrics")) {
            for (Protobuf resourceMetrics : Protobuf.parse(r.body).messages(1)) {
                for (Protobuf scopeMetrics : resourceMetrics.messages(2)) {
                    if ("dev.aims".equals(scopeMetrics.message(1).string(1))) {
                        metrics.addAll(scopeMetrics.messages(2));
                    }
                }
            }
        }
        return metrics.stream().collect(Collectors.toMap(m -> m.string(1), Function.identity(), (x, y) -> x));
    }

    private List<Received> requests(String path) {
        List<Received> matching = received.stream().filter(r -> r.path.equals(path)).collect(Collectors.toList());
        assertThat(matching).as("requests to " + path).isNotEmpty()
                .allSatisfy(r -> assertThat(r.contentType).isEqualTo("application/x-protobuf"));
        return matching;
    }
}
