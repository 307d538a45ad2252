package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Operator;
import dev.aims.api.PolicyStage;
import dev.aims.api.Role;
import dev.aims.api.StreamingHandler;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import dev.aims.api.ToolResult;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.Policies;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LogCapture;
import dev.aims.testkit.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingLogRecordExporter;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingMetricExporter;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing raw leaves through telemetry. A value of every entity type the built-in redactor knows is seeded into
 * every context field and every channel of the request (texts, message name, media URL, tool calls and results, tool
 * definitions and schemas, stop sequences, response format, provider extras) and into the provider's answers and
 * errors; the calls — whole, streamed, denied, failed, with a pseudonym restored into a tool call — run through a
 * {@link GovernedClient} with {@link AimsRedactor}. Then every exported span (name, status, attribute, event), metric
 * (name, point attribute, exemplar), log event, their OTLP JSON form, and every log line is searched for each value,
 * in every spelling ({@link Seeds}): none is found. With content capture on, the content is there, as placeholders.
 */
class NothingRawTest {
    /** Every seeded value, one a line after its type's name; the secret keeps the label that makes it one. */
    private static final String ALL = Seeds.all();
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Z_]+)_\\d+>");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final InMemoryLogRecordExporter events = InMemoryLogRecordExporter.create();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "content capture {0}")
    @ValueSource(booleans = {false, true})
    void noSeededValueLeavesThroughSpansMetricsEventsOrLogs(boolean captureContent) {
        AimsRedactor redactor = redactor();
        String emitted;
        String logged;
        List<SpanData> finished;
        List<LogRecordData> logRecords;
        try (LogCapture logs = new LogCapture()) {
            PeriodicMetricReader otlpMetrics = PeriodicMetricReader.builder(OtlpJsonLoggingMetricExporter.create())
                    .setInterval(Duration.ofHours(1)).build();
            try (OpenTelemetrySdk sdk = sdk(otlpMetrics)) {
                AimsTelemetry.Builder telemetry = AimsTelemetry.builder(sdk).emitGenAiSystem(true);
                if (captureContent) {
                    telemetry.captureContent(redactor).configuration(name -> null, name -> "SPAN_AND_EVENT");
                }
                runCalls(telemetry.build(), redactor);
                otlpMetrics.forceFlush().join(10, TimeUnit.SECONDS);
                // Taken before the SDK closes: closing empties the in-memory exporters.
                finished = List.copyOf(spans.getFinishedSpanItems());
                logRecords = List.copyOf(events.getFinishedLogRecordItems());
                emitted = spanText(finished) + metricText(metrics.collectAllMetrics()) + eventText(logRecords);
            }
            logged = logs.text();
        }

        assertThat(logged).as("the OTLP JSON form of spans, metrics and events was captured")
                .contains("\"scopeSpans\"", "\"scopeMetrics\"", "gen_ai.guardrail.result", "aims.calls");
        assertThat(logged).as("log capture sees aims-core's lines").contains("failed on call");
        assertThat(records).hasSize(5);
        assertThat(finished).hasSize(5);
        String everything = emitted + logged;
        assertThat(Seeds.foundIn("spans, metrics, events and log lines", everything)).isEmpty();
        List<String> content = capturedContent(finished);
        if (captureContent) {
            assertThat(placeholderTypes(String.join("", content))).containsAll(Seeds.types());
            assertThat(logRecords).isNotEmpty();
        } else {
            assertThat(content).isEmpty();
            assertThat(logRecords).isEmpty();
        }
        assertThat(records.stream().mapToInt(r -> r.restorations().size()).sum())
                .as("a pseudonym was restored into a tool call").isPositive();
        assertThat(finished).anySatisfy(s -> assertThat(s.getAttributes()
                .get(AimsAttributes.AIMS_RESTORATION_TYPES)).isNotEmpty());
    }

    @ParameterizedTest(name = "content capture {0}")
    @ValueSource(booleans = {false, true})
    void everyNameEmittedIsAConstantOfAimsAttributes(boolean captureContent) throws IllegalAccessException {
        AimsRedactor redactor = redactor();
        Set<String> used = new TreeSet<>();
        try (LogCapture ignored = new LogCapture(); OpenTelemetrySdk sdk = sdk(null)) {
            AimsTelemetry.Builder telemetry = AimsTelemetry.builder(sdk).emitGenAiSystem(true);
            if (captureContent) {
                telemetry.captureContent(redactor).configuration(name -> null, name -> "SPAN_AND_EVENT");
            }
            runCalls(telemetry.build(), redactor);
            // Collected before the SDK closes: closing empties the in-memory exporters.
            for (SpanData s : spans.getFinishedSpanItems()) {
                keys(s.getAttributes(), used);
                for (EventData e : s.getEvents()) {
                    used.add(e.getName());
                    keys(e.getAttributes(), used);
                }
            }
            for (MetricData m : metrics.collectAllMetrics()) {
                used.add(m.getName());
                for (PointData p : m.getData().getPoints()) {
                    keys(p.getAttributes(), used);
                }
            }
            for (LogRecordData l : events.getFinishedLogRecordItems()) {
                used.add(l.getEventName());
                keys(l.getAttributes(), used);
            }
        }
        Set<String> constants = constants();

        assertThat(constants).containsAll(used);
        assertThat(used).contains("gen_ai.guardrail.result", "aims.call.unsent.duration",
                "gen_ai.client.operation.time_to_first_chunk", "aims.restorations", "enduser.pseudo.id");
    }

    /** The built-in redactor, pseudonymising e-mail addresses so that one can be restored into a tool call. */
    private static AimsRedactor redactor() {
        return AimsRedactor.builder().operator("EMAIL_ADDRESS", Operator.PSEUDONYMIZE).build();
    }

    private OpenTelemetrySdk sdk(PeriodicMetricReader otlpMetrics) {
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans));
        SdkMeterProviderBuilder metering = SdkMeterProvider.builder().registerMetricReader(metrics);
        SdkLoggerProviderBuilder logging = SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(events));
        if (otlpMetrics != null) {
            tracing.addSpanProcessor(SimpleSpanProcessor.create(OtlpJsonLoggingSpanExporter.create()));
            metering.registerMetricReader(otlpMetrics);
            logging.addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpJsonLoggingLogRecordExporter.create()));
        }
        return OpenTelemetrySdk.builder().setTracerProvider(tracing.build()).setMeterProvider(metering.build())
                .setLoggerProvider(logging.build()).build();
    }

    private void runCalls(AimsTelemetry telemetry, AimsRedactor redactor) {
        CallContext context = CallContext.builder().principal(ALL).tenant(ALL).systemId(ALL).purpose(ALL)
                .sessionId(ALL).parentCallId(ALL).sourceId(ALL).sourceId("doc-" + ALL).label("customer", ALL)
                .label("note", ALL).build();
        GovernedClient client = client(telemetry, redactor)
                .delegate(request -> answer(request))
                .streamingDelegate((request, handler) -> {
                    for (String value : Seeds.values()) {
                        handler.onPartial(value + " ");
                    }
                    handler.onComplete(answer(request));
                }).build();
        AiRequest request = request("gpt-4o");

        client.call(request, context);
        client.stream(request, context, new Quiet());
        client.stream(request("gpt-4o-mini"), context, new Quiet());
        assertThatThrownBy(() -> client.call(request("gpt-4o-deny"), context))
                .isInstanceOf(AiPolicyViolationException.class);
        GovernedClient failing = client(telemetry, redactor).delegate(r -> {
            // Providers sometimes echo the prompt in their errors.
            throw new IllegalArgumentException("bad request: " + ALL);
        }).build();
        assertThatThrownBy(() -> failing.call(request, context)).isInstanceOf(AiProviderException.class);
    }

    private GovernedClient.Builder client(AimsTelemetry telemetry, AimsRedactor redactor) {
        return GovernedClient.builder()
                .provider("openai").server("api.openai.com", 443)
                .redactor(redactor)
                .restoreIntoTools("notify")
                .policy(Policies.of("no-deny-model", "1", PolicyStage.PRE,
                        in -> !in.request().model().endsWith("-deny"), "model_denied", "denied: " + ALL))
                .observer(telemetry.observer())
                .observer(records::add)
                .observer(record -> {
                    throw new IllegalStateException("observer saw " + ALL);
                });
    }

    /** The whole request, every channel seeded. */
    private static AiRequest request(String model) {
        String quoted = json(ALL);
        return AiRequest.builder().model(model)
                .message(Message.system("Known customer: " + ALL))
                .message(Message.builder(Role.USER).name(Seeds.byType().get("EMAIL_ADDRESS"))
                        .text("Please check " + ALL).mediaUrl(Seeds.url("https://files.example/scan")).build())
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of("t-1", "lookup",
                        "{\"q\":" + quoted + "}")).build())
                .message(Message.tool(ToolResult.of("t-1", "lookup", "found " + ALL)))
                .tools(List.of(new ToolDefinition("lookup", "Looks a customer up, e.g. " + ALL,
                        "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"enum\":[" + quoted
                                + "],\"default\":" + quoted + ",\"examples\":[" + quoted + "]}}}"),
                        new ToolDefinition("notify", "Sends a note", "{\"type\":\"object\"}")))
                .stopSequences(List.of(ALL))
                .responseFormat("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"r\",\"schema\":{\"type\":"
                        + "\"object\",\"description\":" + quoted + "}}}")
                .extra("user", quoted)
                .extra("metadata", "{\"customer\":" + quoted + "}")
                .build();
    }

    /**
     * What a model might say: the raw values back (a model can generate personal data), and a call of the tool
     * "notify" addressed to the first placeholder it was sent, which the client restores into the arguments.
     */
    private static AiResponse answer(AiRequest sent) {
        Matcher m = PLACEHOLDER.matcher(sent.messages().get(1).texts().get(0));
        String placeholder = m.find() ? m.group() : "none";
        return AiResponse.builder()
                .message(Message.builder(Role.ASSISTANT).text("Checked: " + ALL)
                        .toolCall(ToolCall.of("t-2", "notify", "{\"to\":\"" + placeholder + "\"}")).build())
                .usage(Usage.of(300, 120).withCache(200, 0).withReasoning(40))
                .finishReason(FinishReason.TOOL_CALLS).responseId("r-1").model("gpt-4o-2024-08-06").build();
    }

    private static List<String> capturedContent(List<SpanData> finished) {
        List<String> content = new ArrayList<>();
        for (SpanData s : finished) {
            String in = s.getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES);
            String out = s.getAttributes().get(AimsAttributes.GEN_AI_OUTPUT_MESSAGES);
            if (in != null) {
                content.add(in);
            }
            if (out != null) {
                content.add(out);
            }
        }
        return content;
    }

    private static Set<String> placeholderTypes(String text) {
        Set<String> types = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            types.add(m.group(1));
        }
        return types;
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
            sb.append(s.getResource()).append('\n').append(s).append('\n');
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

    private static String eventText(List<LogRecordData> logs) {
        StringBuilder sb = new StringBuilder();
        for (LogRecordData l : logs) {
            sb.append(l.getEventName()).append('\n').append(l.getBodyValue()).append('\n');
            l.getAttributes().forEach((k, v) -> sb.append(k.getKey()).append('=').append(v).append('\n'));
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    private static void keys(Attributes attributes, Set<String> into) {
        attributes.forEach((k, v) -> into.add(k.getKey()));
    }

    private static Set<String> constants() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field f : AimsAttributes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && !f.isAnnotationPresent(Deprecated.class)) {
                Object value = f.get(null);
                names.add(value instanceof AttributeKey ? ((AttributeKey<?>) value).getKey() : (String) value);
            }
        }
        return names;
    }

    private static String json(String value) {
        StringBuilder sb = new StringBuilder();
        ContentCapture.string(sb, value);
        return sb.toString();
    }

    /** A stream consumer that only fails the test on an error. */
    private static final class Quiet implements StreamingHandler {
        @Override
        public void onPartial(String text) {
        }

        @Override
        public void onComplete(AiResponse response) {
        }

        @Override
        public void onError(Throwable error) {
            throw new AssertionError("stream failed: " + error.getClass().getName());
        }
    }
}
