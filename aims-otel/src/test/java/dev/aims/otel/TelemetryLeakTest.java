package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.PolicyStage;
import dev.aims.api.Role;
import dev.aims.api.StreamingHandler;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.Policies;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls whose prompts and answers hold a value of every entity type, with content capture off and on; then every
 * span attribute, event attribute, status, metric attribute and log line is searched for each value.
 */
class TelemetryLeakTest {
    /** One fake but well-formed value per entity type; key-shaped ones are assembled so no scanner flags the file. */
    static final Map<String, String> SEEDED = new LinkedHashMap<>();

    static {
        SEEDED.put("jane.doe@example.com", "EMAIL_ADDRESS");
        SEEDED.put("+1 415 555 0134", "PHONE_NUMBER");
        SEEDED.put("4111 1111 1111 1111", "CREDIT_CARD");
        SEEDED.put("DE89370400440532013000", "IBAN_CODE");
        SEEDED.put("536-22-4817", "US_SSN");
        SEEDED.put("203.0.113.77", "IP_ADDRESS");
        SEEDED.put("943 476 5919", "UK_NHS");
        SEEDED.put("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "CRYPTO");
        SEEDED.put("AKIA" + "IOSFODNN7EXAMPLE", "AWS_ACCESS_KEY_ID");
        SEEDED.put("ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "GITHUB_TOKEN");
        SEEDED.put("sk-proj-" + "Zq8TfW2mLx9Rb4Kc7Vn1Hs6Jd3Gp5Ya0", "OPENAI_API_KEY");
        SEEDED.put("sk-ant-api03-" + "Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz", "ANTHROPIC_API_KEY");
        SEEDED.put("xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "SLACK_TOKEN");
        SEEDED.put("sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "STRIPE_API_KEY");
        SEEDED.put("AIza" + "SyD3x4mPl3K3yF0rT35tS0nlyAbCdEfGh", "GOOGLE_API_KEY");
        SEEDED.put("eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJlLWZvci10ZXN0cw", "JWT");
        SEEDED.put("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n"
                + "-----END PRIVATE KEY-----", "PRIVATE_KEY");
        SEEDED.put("Tr0ub4dor&3-horse-battery", "GENERIC_SECRET");
        SEEDED.put("00:1A:2B:3C:4D:5E", "MAC_ADDRESS");
    }

    private static final String ALL = String.join(" | ", SEEDED.keySet());
    private static final byte[] KEY = "leak-test-key-0123456789".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "content capture {0}")
    @ValueSource(booleans = {false, true})
    void noSeededValueIsEmittedAnywhere(boolean captureContent) {
        SeededRedactor redactor = new SeededRedactor(SEEDED);
        String emitted;
        List<SpanData> spans;
        try (OtelFixture otel = new OtelFixture(); LogCapture logs = LogCapture.start()) {
            AimsTelemetry.Builder b = AimsTelemetry.builder(otel.sdk).pseudonymousUserIds(KEY).emitGenAiSystem(true);
            if (captureContent) {
                b.captureContent(redactor);
            }
            runCalls(b.build(), redactor);
            spans = otel.spans();
            emitted = spanText(spans) + metricText(otel.metrics()) + logs.text();
            assertThat(logs.text()).as("log capture sees aims-core's slf4j lines").contains("failed on call");
        }

        assertThat(spans).as("one span per call").hasSize(4);
        for (String value : SEEDED.keySet()) {
            assertThat(emitted).as(SEEDED.get(value)).doesNotContain(value).doesNotContain(jsonEscaped(value));
        }
        assertThat(emitted).doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        List<String> content = new ArrayList<>();
        for (SpanData s : spans) {
            String in = s.getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES);
            String out = s.getAttributes().get(AimsAttributes.GEN_AI_OUTPUT_MESSAGES);
            if (in != null) {
                content.add(in);
            }
            if (out != null) {
                content.add(out);
            }
        }
        if (captureContent) {
            // Content did reach the spans, in redacted form: placeholders for every type, in and out.
            assertThat(String.join("", content)).contains("Please check", "Checked");
            for (String type : SEEDED.values()) {
                assertThat(String.join("", content)).contains("<" + type + "_");
            }
        } else {
            assertThat(content).isEmpty();
            assertThat(emitted).doesNotContain("Please check", "Checked");
        }
    }

    private static void runCalls(AimsTelemetry telemetry, SeededRedactor redactor) {
        CallContext context = CallContext.builder().principal("jane.doe@example.com").tenant("claims")
                .systemId("claims-assistant").purpose("triage").sessionId("s-1").build();
        AiResponse echo = AiResponse.builder()
                .message(Message.builder(Role.ASSISTANT).text("Checked: " + ALL)
                        .toolCall(ToolCall.of("t-2", "notify", "{\"to\":\"" + ALL + "\"}")).build())
                .usage(Usage.of(300, 120)).finishReason(FinishReason.TOOL_CALLS).responseId("r-1").model("gpt-4o")
                .build();
        GovernedClient.Builder common = GovernedClient.builder()
                .provider("openai").server("api.openai.com", 443)
                .redactor(redactor)
                .policy(Policies.of("no-keys-for-deny-purpose", "1", PolicyStage.PRE_SEND,
                        in -> !"deny".equals(in.context().purpose().orElse("")), "purpose_denied",
                        "denied for this purpose"))
                .observer(telemetry.observer())
                .observer(record -> {
                    throw new IllegalStateException("observer saw " + ALL);
                });
        GovernedClient client = common.delegate(request -> echo)
                .streamingDelegate((request, handler) -> {
                    for (String value : SEEDED.keySet()) {
                        handler.onPartial(value + " ");
                    }
                    handler.onComplete(echo);
                }).build();
        AiRequest request = AiRequest.builder().model("gpt-4o")
                .message(Message.system("Known customer: " + ALL))
                .message(Message.user("Please check " + ALL))
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of("t-1", "lookup", ALL)).build())
                .message(Message.tool(ToolResult.of("t-1", "lookup", "found " + ALL)))
                .build();

        client.call(request, context);
        client.stream(request, context, new StreamingHandler() {
            @Override
            public void onPartial(String text) {
            }

            @Override
            public void onComplete(AiResponse response) {
            }

            @Override
            public void onError(Throwable error) {
                throw new AssertionError("stream failed", error);
            }
        });
        assertThatThrownBy(() -> client.call(request, context.toBuilder().purpose("deny").build()))
                .isInstanceOf(AiPolicyViolationException.class);
        GovernedClient failing = GovernedClient.builder().provider("openai").redactor(redactor)
                .observer(telemetry.observer())
                .delegate(r -> {
                    // Providers sometimes echo the prompt in their errors.
                    throw new IllegalArgumentException("bad request: " + ALL);
                }).build();
        assertThatThrownBy(() -> failing.call(request, context)).isInstanceOf(AiProviderException.class);
    }

    private static String spanText(List<SpanData> spans) {
        StringBuilder sb = new StringBuilder();
        for (SpanData s : spans) {
            sb.append(s.getName()).append('\n').append(s.getStatus().getDescription()).append('\n');
            s.getAttributes().forEach((k, v) -> sb.append(k.getKey()).append('=').append(v).append('\n'));
            for (EventData e : s.getEvents()) {
                sb.append(e.getName()).append('\n');
                e.getAttributes().forEach((k, v) -> sb.append(k.getKey()).append('=').append(v).append('\n'));
            }
            s.getLinks().forEach(l -> sb.append(l).append('\n'));
            sb.append(s).append('\n');
        }
        return sb.toString();
    }

    private static String metricText(Collection<MetricData> metrics) {
        StringBuilder sb = new StringBuilder();
        for (MetricData m : metrics) {
            sb.append(m.getName()).append(' ').append(m.getDescription()).append('\n');
            for (PointData p : m.getData().getPoints()) {
                p.getAttributes().forEach((k, v) -> sb.append(k.getKey()).append('=').append(v).append('\n'));
                p.getExemplars().forEach(x -> sb.append(x).append('\n'));
            }
            sb.append(m).append('\n');
        }
        return sb.toString();
    }

    private static String jsonEscaped(String value) {
        StringBuilder sb = new StringBuilder();
        ContentCapture.string(sb, value);
        return sb.substring(1, sb.length() - 1);
    }
}
