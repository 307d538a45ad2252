package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.ObservedCall;
import dev.aims.api.PolicyDecision;
import dev.aims.api.Role;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import dev.aims.api.ToolResult;
import dev.aims.api.Usage;
import dev.aims.anthropic.AimsAnthropic;
import dev.aims.core.GovernedClient;
import dev.aims.evidence.EvidenceLog;
import dev.aims.langchain4j.AimsLangChain4j;
import dev.aims.openai.AimsOpenAi;
import dev.aims.otel.AimsTelemetry;
import dev.aims.springai.AimsAutoConfiguration;
import dev.aims.springai.AimsSpringAi;
import dev.aims.testkit.LogCapture;
import dev.aims.testkit.LoopbackAnthropicServer;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import dev.aims.testkit.Texts;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.opentelemetry.exporter.logging.otlp.internal.metrics.OtlpStdoutMetricExporter;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Nothing raw anywhere, end to end. A value of every entity type ({@link Seeds}) is seeded into every channel a
 * provider reads — message names, texts and media URLs, tool calls and results, tool names, descriptions and
 * parameter schemas, stop sequences, the response format, provider extras — and into every context field; calls run
 * through a {@link GovernedClient} built as the README shows (built-in redactor, the example policy through
 * {@code policyFile}, {@link AimsTelemetry} on an SDK with in-memory and OTLP JSON exporters, an {@link EvidenceLog}
 * whose signing key lies apart from the log, and the README's logging observer), against a loopback OpenAI-compatible
 * server: allowed, denied (three ways), provider failing (down, and throwing a checked exception), streamed, with
 * pseudonyms restored into the tool the policy names, and with a model answering the values themselves; and the same
 * through the LangChain4j entry point ({@code AimsLangChain4j.govern} over LangChain4j's real OpenAI clients, every
 * channel they send seeded), whole, streamed and denied; and through the other entry points likewise, each against a
 * loopback server speaking its provider's wire format, each with every channel it sends seeded (and checked to arrive
 * redacted): the OpenAI SDK wrapper ({@code AimsOpenAi...wrap} over the official client; chat completions and
 * Responses), the Anthropic SDK wrapper ({@code AimsAnthropic...wrap} over the official client, logging at DEBUG;
 * body, header and query) and Spring AI 2 over its real OpenAI model, by hand ({@code AimsSpringAi.govern}) and
 * through Boot's auto-configuration ({@code aims.enabled}), a custom header too. Then {@code aims verify},
 * {@code aims report} and {@code aims inventory} run over the evidence.
 * Everything emitted is searched for every value in every spelling: the bytes the providers received (bodies and
 * heads), spans and metrics (as data and as OTLP JSON), all log output (slf4j at TRACE in this test's own run,
 * java.util.logging at every level), exception messages with causes, the {@code toString()} of records, requests,
 * contexts, clients and observers, what observers were told at the start, the evidence files, the report (HTML and
 * JSON) and the CLI's output. Nothing raw may be found; the principal, kept as given in the
 * evidence files as the audit identity, is taken out of those files alone before they are searched.
 *
 * <p>The example policy refuses {@code PRIVATE_KEY} and {@code AWS_ACCESS_KEY_ID} for every system, so the calls it
 * allows carry the other seventeen types in their channels and the calls it denies carry all nineteen; it binds
 * AI systems to purposes, so the calls it allows name {@code payments-desk} for {@code customer-support} and the
 * call denied for its purpose carries the values in its system id and purpose too.
 */
@Tag("nothing-raw")
class NothingRawAnywhereTest {
    private static final Logger LOG = LoggerFactory.getLogger(NothingRawAnywhereTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path POLICY = Path.of("..", "examples", "aims-policy.json");
    /** What the example policy denies for every system ({@code data-default}). */
    static final Set<String> REFUSED = Set.of("PRIVATE_KEY", "AWS_ACCESS_KEY_ID");
    /** The principal holds every value: evidence keeps it as given; everywhere else it must not be found. */
    static final String PRINCIPAL = "principal of\n" + Seeds.all();
    static final String SYSTEM = "payments-desk";
    static final String PURPOSE = "customer-support";
    /** Every call the test makes, through every entry point. */
    static final int CALLS = 39;

    @TempDir
    Path dir;

    final Map<String, String> emitted = new LinkedHashMap<>();
    final List<CallRecord> records = new CopyOnWriteArrayList<>();
    final List<CallStart> starts = new CopyOnWriteArrayList<>();
    final List<AiRequest> thrower = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new ArrayList<>();

    /** The seeded text of the given types, one a line, each after its type's name. */
    static String text(Set<String> types) {
        StringBuilder sb = new StringBuilder();
        Seeds.byType().forEach((type, value) -> {
            if (types.contains(type)) {
                sb.append(type.toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ").append(value)
                        .append('\n');
            }
        });
        return sb.toString();
    }

    /** A URL whose query holds, as written, every value of the given types a URL can hold so. */
    static String url(String base, Set<String> types) {
        StringBuilder sb = new StringBuilder(base);
        char sep = '?';
        for (Map.Entry<String, String> e : Seeds.inUrls().entrySet()) {
            if (types.contains(e.getValue())) {
                sb.append(sep).append(e.getValue().toLowerCase(Locale.ROOT)).append('=').append(e.getKey());
                sep = '&';
            }
        }
        return sb.toString();
    }

    /** The values of the given types that fit on one line (HTTP headers cannot hold a line break), joined. */
    static String line(Set<String> types) {
        StringBuilder sb = new StringBuilder();
        Seeds.byType().forEach((type, value) -> {
            if (types.contains(type) && !value.contains("\n")) {
                sb.append(sb.length() == 0 ? "" : " ; ").append(value);
            }
        });
        return sb.toString();
    }

    static String anthropicText(com.anthropic.models.messages.Message m) {
        StringBuilder sb = new StringBuilder();
        m.content().forEach(b -> b.text().ifPresent(t -> sb.append(t.text())));
        return sb.toString();
    }

    static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every channel a provider reads, each holding the values of {@code types}. */
    static AiRequest everyChannel(String model, Set<String> types) {
        String t = text(types);
        String q = quoted(t);
        return AiRequest.builder().model(model)
                .message(Message.builder(Role.SYSTEM).text("You help with:\n" + t).name("desk of " + t).build())
                .message(Message.builder(Role.USER).text("History:\n" + t).text("Again:\n" + t)
                        .mediaUrl(url("https://files.example/scan.png", types)).name("customer " + t).build())
                .message(Message.builder(Role.ASSISTANT).text("Earlier:\n" + t)
                        .toolCall(ToolCall.of("call_1", "lookup " + t, "{\"q\": " + q + "}")).build())
                .message(Message.tool(ToolResult.of("call_1", "lookup " + t, "result:\n" + t)))
                .message(Message.user("Now:\n" + t))
                .tools(List.of(new ToolDefinition("lookup " + t, "Looks up " + t,
                        "{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\", \"description\": " + q
                                + ", \"enum\": [" + q + "], \"default\": " + q + ", \"examples\": [" + q + "]}}}")))
                .stopSequences(List.of("END " + t))
                .responseFormat("{\"type\": \"json_schema\", \"json_schema\": {\"name\": \"answer\", \"schema\": "
                        + "{\"type\": \"object\", \"description\": " + q + ", \"const\": " + q + "}}}")
                .extra("user", q)
                .extra("metadata", "{\"customer\": " + q + "}")
                .build();
    }

    /** A request that offers tools and holds no tool result: the loopback server calls the first tool. */
    static AiRequest toolUse(String firstTool, Set<String> types) {
        String schema = "{\"type\": \"object\", \"properties\": {\"customer\": {\"type\": \"string\"}}}";
        ToolDefinition lookup = new ToolDefinition("lookupOrder", "Looks an order up", schema);
        ToolDefinition fetch = new ToolDefinition("http_get", "Fetches a URL", schema);
        return AiRequest.builder().model("gpt-4o-mini")
                .message(Message.user("Where is my order? I am\n" + text(types)))
                .tools(firstTool.equals("lookupOrder") ? List.of(lookup, fetch) : List.of(fetch, lookup)).build();
    }

    /** Every context field holds every value; system and purpose too when given so. */
    static CallContext context(String system, String purpose) {
        String all = Seeds.all();
        return CallContext.builder().principal(PRINCIPAL).tenant("tenant " + all).systemId(system).purpose(purpose)
                .sessionId("session " + all).parentCallId("parent " + all).sourceId("doc " + all)
                .sourceId("ticket " + all).label("customer", all).label("note", "see " + all).build();
    }

    /** Records what observers are told at the start and at the end of each call. */
    final class Recording implements CallObserver {
        @Override
        public void onCall(CallRecord record) {
            records.add(record);
        }

        @Override
        public ObservedCall start(CallStart start) {
            starts.add(start);
            return this::onCall;
        }
    }

    /** A client built as the README shows; a delegate that can stream serves streamed calls too. */
    GovernedClient readme(ModelClient delegate, EvidenceLog evidence, AimsTelemetry telemetry) {
        GovernedClient.Builder b = GovernedClient.builder().delegate(delegate).provider("openai").policyFile(POLICY)
                .observer(telemetry.observer()).observer(evidence).observer(new Recording())
                .observer(record -> LOG.info("{}", record));          // the README's observer
        if (delegate instanceof StreamingModelClient streaming) {
            b.streamingDelegate(streaming);
        }
        return b.build();
    }

    @Test
    void nothingRawIsFoundInAnythingEmitted() throws Exception {
        assertThat(LoggerFactory.getLogger("dev.aims").isTraceEnabled())
                .as("slf4j at TRACE: the nothing-raw execution of aims-cli's pom sets it").isTrue();
        Set<String> all = Seeds.types();
        Set<String> sent = new TreeSet<>(all);
        sent.removeAll(REFUSED);
        Path evidenceDir = dir.resolve("evidence");
        Path key = dir.resolve("keys").resolve("evidence-signing.key");
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        ByteArrayOutputStream otlpSpans = new ByteArrayOutputStream();
        ByteArrayOutputStream otlpMetrics = new ByteArrayOutputStream();
        PeriodicMetricReader otlpMetricReader = PeriodicMetricReader.builder(OtlpStdoutMetricExporter.builder()
                .setOutput(otlpMetrics).setWrapperJsonObject(true).build()).setInterval(Duration.ofHours(1)).build();
        List<String> answers = new ArrayList<>();
        List<AiResponse> toolAnswers = new ArrayList<>();
        List<String> blurted = new ArrayList<>();
        List<String> toolLoop = new ArrayList<>();
        String logged;
        List<SpanData> finished;
        List<MetricData> collected;
        try (LoopbackOpenAiServer server = new LoopbackOpenAiServer(7);
                LoopbackAnthropicServer anthropicServer = new LoopbackAnthropicServer(7);
                LogCapture logs = new LogCapture()) {
            try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                            .addSpanProcessor(SimpleSpanProcessor.create(OtlpStdoutSpanExporter.builder()
                                    .setOutput(otlpSpans).setWrapperJsonObject(true).build())).build())
                    .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics)
                            .registerMetricReader(otlpMetricReader).build())
                    .build();
                    EvidenceLog evidence = EvidenceLog.builder().directory(evidenceDir).signingKey(key).build()) {
                AimsTelemetry telemetry = AimsTelemetry.create(sdk);
                OpenAiWire wire = new OpenAiWire(server.baseUrl());
                GovernedClient client = readme(wire, evidence, telemetry);
                GovernedClient down = readme(new OpenAiWire("http://127.0.0.1:1/v1"), evidence, telemetry);
                GovernedClient throwing = readme(request -> {
                    thrower.add(request);
                    // An SDK written in Kotlin throws checked exceptions undeclared; this one quotes what it got.
                    throw sneaky(new IOException("provider refused: " + OpenAiWire.body(request, false)));
                }, evidence, telemetry);
                GovernedClient blurting = readme(new Blurting(text(all)), evidence, telemetry);
                CallContext allowed = context(SYSTEM, PURPOSE);
                CallContext unbound = context("system " + Seeds.all(), "purpose " + Seeds.all());

                // 1. allowed, whole
                answers.add(client.call(everyChannel("gpt-4o-mini", sent), allowed).text());
                // 2-4. denied: a refused type (PRE_SEND), an unapproved model (PRE), a purpose the system lacks (PRE)
                failures.add(catchThrowable(() -> client.call(everyChannel("gpt-4o-mini", all), allowed)));
                failures.add(catchThrowable(() -> client.call(everyChannel("o1-preview", all), allowed)));
                failures.add(catchThrowable(() -> client.call(everyChannel("gpt-4o-mini", all), unbound)));
                // 5-6. the provider fails: down, or throwing a checked exception
                failures.add(catchThrowable(() -> down.call(everyChannel("gpt-4o-mini", sent), allowed)));
                failures.add(catchThrowable(() -> throwing.call(everyChannel("gpt-4o-mini", sent), allowed)));
                // 7-9. streamed: allowed, denied, provider down
                answers.add(stream(client, everyChannel("gpt-4o-mini", sent), allowed).get(20, TimeUnit.SECONDS)
                        .text());
                failures.add(streamFailure(client, everyChannel("gpt-4o-mini", all), allowed));
                failures.add(streamFailure(down, everyChannel("gpt-4o-mini", sent), allowed));
                // 10-12. pseudonyms restored into the tool the policy names (whole and streamed), not into another
                toolAnswers.add(client.call(toolUse("lookupOrder", sent), allowed));
                toolAnswers.add(stream(client, toolUse("lookupOrder", sent), allowed).get(20, TimeUnit.SECONDS));
                toolAnswers.add(client.call(toolUse("http_get", sent), allowed));
                // 13-14. a model that answers with the values themselves: the policy's output rule masks them
                blurted.add(blurting.call(everyChannel("gpt-4o-mini", sent), allowed).text());
                StringBuilder partials = new StringBuilder();
                blurted.add(stream(blurting, everyChannel("gpt-4o-mini", sent), allowed, partials)
                        .get(20, TimeUnit.SECONDS).text());
                blurted.add(partials.toString());

                // 15-17. the LangChain4j entry point, configured as the README shows: whole, streamed, denied
                Consumer<GovernedClient.Builder> aims = b -> b.policyFile(POLICY).observer(telemetry.observer())
                        .observer(evidence).observer(new Recording()).observer(record -> LOG.info("{}", record));
                ChatModel chat = AimsLangChain4j.govern(LangChain4jChannels.model(server.baseUrl(), text(sent)), aims);
                StreamingChatModel streaming = AimsLangChain4j.govern(
                        LangChain4jChannels.streamingModel(server.baseUrl(), text(sent)), aims);
                String sentUrl = url("https://files.example/scan.png", sent);
                try (CallContext.Scope scope = CallContext.bind(allowed)) {
                    answers.add(chat.chat(LangChain4jChannels.everyChannel(text(sent), sentUrl)).aiMessage().text());
                    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
                    streaming.chat(LangChain4jChannels.everyChannel(text(sent), sentUrl), handler(done));
                    answers.add(done.get(20, TimeUnit.SECONDS).aiMessage().text());
                    failures.add(catchThrowable(() -> chat.chat(LangChain4jChannels.everyChannel(text(all),
                            url("https://files.example/scan.png", all)))));
                }
                emitted.put("toString of the LangChain4j models", chat + "\n" + streaming);

                // 18-39. the OpenAI SDK wrapper, the Anthropic SDK wrapper (blocking and async) and Spring AI (by hand
                // and auto-configured), configured as the README shows; each whole, streamed and denied
                openAiSdk(server.baseUrl(), aims, allowed, answers);
                anthropicSdk(anthropicServer.baseUrl(), aims, allowed, answers);
                springAi(server.baseUrl(), aims, allowed, answers);
                asyncSdks(server.baseUrl(), anthropicServer.baseUrl(), aims, allowed, answers);
                // Last: the context closes the beans it was given, the evidence log among them.
                springBoot(server.baseUrl(), List.of(telemetry.observer(), evidence, new Recording(),
                        record -> LOG.info("{}", record)), allowed, answers, toolLoop);

                emitted.put("toString of the clients", client + "\n" + down + "\n" + throwing + "\n" + blurting);
                emitted.put("toString of the evidence log and the telemetry observer",
                        evidence + "\n" + telemetry.observer());
                otlpMetricReader.forceFlush().join(10, TimeUnit.SECONDS);
                // Taken before the SDK closes: closing empties the in-memory exporters.
                finished = List.copyOf(spans.getFinishedSpanItems());
                collected = List.copyOf(metrics.collectAllMetrics());
                emitted.put("requests' and contexts' toString", everyChannel("gpt-4o-mini", all) + "\n"
                        + toolUse("lookupOrder", all) + "\n" + allowed + "\n" + unbound);
            }
            logged = logs.text();
            emitted.put("bytes the provider received (" + server.bodies().size() + " requests)",
                    server.allBodies());
            StringBuilder decoded = new StringBuilder();
            server.bodies().forEach(b -> decoded.append(OpenAiWire.decoded(b)).append('\n'));
            assertThat(server.bodies()).as("sent: allowed, streamed, three tool uses, LangChain4j whole and streamed,"
                    + " the OpenAI SDK's chat and Responses whole and streamed, Spring AI by hand and auto-configured,"
                    + " whole and streamed, the async OpenAI SDK whole and streamed, ChatClient's tool loop")
                    .hasSize(19);
            emitted.put("what the Anthropic server received (" + anthropicServer.bodies().size() + " requests)",
                    anthropicServer.everything());
            StringBuilder heads = new StringBuilder();
            anthropicServer.heads().forEach(h -> heads.append(urlDecoded(h))
                    .append('\n'));
            anthropicServer.bodies().forEach(b -> decoded.append(OpenAiWire.decoded(b)).append('\n'));
            server.heads().forEach(h -> heads.append(urlDecoded(h)).append('\n'));
            emitted.put("the servers' request heads, URL-decoded", heads.toString());
            emitted.put("the OpenAI-compatible server's request heads", String.join("\n", server.heads()));
            assertThat(anthropicServer.bodies()).as("sent: the Anthropic SDK's whole and streamed, blocking and async")
                    .hasSize(4);
            // Every channel of the SDKs and Spring AI arrived, redacted (a channel dropped on the way is no test).
            List<String> bodies = server.bodies();
            List<String> unsent = new ArrayList<>();
            unsent.addAll(unredacted("OpenAI SDK chat", bodies.subList(7, 9), OpenAiSdkChannels.CHAT_WIRE));
            unsent.addAll(unredacted("OpenAI SDK chat, async", bodies.subList(13, 15), OpenAiSdkChannels.CHAT_WIRE));
            unsent.addAll(unredacted("OpenAI SDK Responses", bodies.subList(9, 11), OpenAiSdkChannels.RESPONSES_WIRE));
            unsent.addAll(unredacted("Spring AI by hand", bodies.subList(11, 13), SpringAiChannels.WIRE));
            unsent.addAll(unredacted("Spring AI auto-configured", bodies.subList(15, 17), SpringAiChannels.WIRE));
            unsent.addAll(unredacted("Anthropic SDK", anthropicServer.bodies(), AnthropicChannels.WIRE));
            assertThat(unsent).as("channels not received as redacted text").isEmpty();
            assertThat(JSON.readTree(bodies.get(18)).at("/messages/2/content").asText())
                    .as("the tool's result, which ChatClient's loop sent").contains("Order 42 of", "<EMAIL_ADDRESS_");
            assertThat(List.of(server.heads().get(11), server.heads().get(12), server.heads().get(15),
                    server.heads().get(16))).as("Spring AI's custom header").allSatisfy(h -> assertThat(h)
                    .containsPattern("(?i)x-customer: <EMAIL_ADDRESS_"));
            assertThat(anthropicServer.heads()).allSatisfy(h -> assertThat(urlDecoded(h))
                    .as("the query parameter, the profile id and the header").containsPattern(
                            "(?s)\\?customer=<EMAIL_ADDRESS_.*(?i)anthropic-user-profile-id: profile <EMAIL_ADDRESS_.*"
                                    + "(?i)x-customer: <EMAIL_ADDRESS_"));
            emitted.put("the providers' requests, JSON decoded", decoded.toString());
        }

        // What the calls did: the searches below are of real output.
        assertThat(answers).allSatisfy(a -> assertThat(a).startsWith("Tool said: result:\n"));
        assertThat(toolLoop).as("ChatClient's answer, then what the tool the policy names received").hasSize(2);
        assertThat(toolLoop.get(0)).startsWith("Tool said: ").contains("Order 42 of");
        assertThat(toolLoop.get(1)).as("restored into lookupOrder").contains(Seeds.byType().get("EMAIL_ADDRESS"));
        assertThat(failures).hasSize(14);
        assertThat(failures.subList(0, 3)).allSatisfy(f -> assertThat(f)
                .isInstanceOf(AiPolicyViolationException.class));
        assertThat(failures.get(3)).isInstanceOf(AiProviderException.class);
        assertThat(failures.get(4)).isInstanceOf(AiProviderException.class).hasRootCauseInstanceOf(IOException.class);
        assertThat(failures.get(5)).isInstanceOf(AiPolicyViolationException.class);
        assertThat(failures.get(6)).isInstanceOf(AiProviderException.class);
        assertThat(failures.get(7)).as("through LangChain4j").isInstanceOf(AiPolicyViolationException.class);
        assertThat(failures.subList(8, 14)).as("through the OpenAI SDK (chat, Responses streamed, uninspected parts),"
                + " the Anthropic SDK, Spring AI by hand and auto-configured")
                .allSatisfy(f -> assertThat(f).isInstanceOf(AiPolicyViolationException.class));
        assertThat(thrower).hasSize(1);
        assertThat(records).hasSize(CALLS);
        assertThat(starts).hasSize(CALLS);
        assertThat(finished).hasSize(CALLS);
        assertThat(collected).isNotEmpty();
        CallRecord first = records.get(0);
        assertThat(first.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(first.findingCounts().keySet()).containsAll(sent);
        assertThat(records.get(1).findingCounts().keySet()).containsAll(all);
        assertThat(records).allSatisfy(r -> assertThat(r.redactionEnabled()).isTrue());
        String restoredEmail = Seeds.byType().get("EMAIL_ADDRESS");
        assertThat(toolAnswers.get(0).messages().get(0).toolCalls().get(0).arguments())
                .as("the named tool gets the real value back").contains(restoredEmail);
        assertThat(toolAnswers.get(1).messages().get(0).toolCalls().get(0).arguments()).contains(restoredEmail);
        assertThat(toolAnswers.get(2).messages().get(0).toolCalls().get(0).arguments())
                .as("another tool gets the placeholder").contains("<EMAIL_ADDRESS_").doesNotContain(restoredEmail);
        assertThat(records).filteredOn(r -> !r.restorations().isEmpty()).as("restored into lookupOrder: whole,"
                + " streamed, and in Spring AI's ChatClient loop").hasSize(3)
                .allSatisfy(r -> assertThat(r.restorations().toString()).contains("lookupOrder"));
        assertThat(logged).as("the README's observer logged each record").contains("CallRecord{");
        assertThat(logged).as("LangChain4j logged what it sent").contains("HTTP request");
        assertThat(blurted).hasSize(3).allSatisfy(a -> assertThat(a).startsWith("Here is what I know:"));
        assertThat(records.subList(12, 14)).as("the output rule masked what the model wrote").allSatisfy(r ->
                assertThat(r.decisions()).anySatisfy(d -> {
                    assertThat(d.policyId()).isEqualTo("output-check");
                    assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.MODIFY);
                }));
        assertThat(records.get(12).receivedResponse().orElseThrow().text()).as("the record keeps what it received")
                .contains(Seeds.byType().get("EMAIL_ADDRESS"));

        // The CLI over the evidence, the key pinned and not.
        Path pub = dir.resolve("keys").resolve("evidence-signing.pub");
        Path report = dir.resolve("report");
        List<CliRun> runs = List.of(
                CliRun.of("verify", "--public-key", pub.toString(), evidenceDir.toString()),
                CliRun.of("verify", evidenceDir.toString()),
                CliRun.of("report", evidenceDir.toString(), "--out", report.toString(), "--public-key",
                        pub.toString()),
                CliRun.of("inventory", evidenceDir.toString()));
        assertThat(runs.get(0).status()).as(runs.get(0).err()).isZero();
        assertThat(runs.get(2).status()).as(runs.get(2).err()).isZero();
        assertThat(runs.get(3).status()).as(runs.get(3).err()).isZero();
        JsonNode reportJson = JSON.readTree(report.resolve("report.json").toFile());
        assertThat(reportJson.at("/totals/calls").asLong()).isEqualTo(CALLS);
        for (int i = 0; i < runs.size(); i++) {
            emitted.put("aims CLI run " + i + " stdout and stderr", runs.get(i).out() + "\n" + runs.get(i).err());
        }

        emitted.put("log output", logged);
        emitted.put("spans", spanText(finished));
        emitted.put("spans as OTLP JSON", otlpSpans.toString(StandardCharsets.UTF_8));
        emitted.put("metrics", metricText(collected));
        emitted.put("metrics as OTLP JSON", otlpMetrics.toString(StandardCharsets.UTF_8));
        emitted.put("records", recordText(records));
        emitted.put("what observers were told at the start", startText(starts));
        emitted.put("what the throwing provider received", thrower.toString() + OpenAiWire.body(thrower.get(0), false));
        emitted.put("exceptions, with causes and stack traces", traces(failures));
        emitted.put("a model's raw answer as the application received it, masked by the output rule (whole,"
                + " streamed, the stream's pieces)", String.join("\n", blurted));
        int files = readFiles(evidenceDir, true) + readFiles(report, false) + readFiles(dir.resolve("keys"), false);

        long chars = 0;
        StringBuilder sizes = new StringBuilder();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> e : emitted.entrySet()) {
            chars += e.getValue().length();
            sizes.append("\n  ").append(e.getValue().length()).append('\t').append(e.getKey());
            found.addAll(Seeds.foundIn(e.getKey(), e.getValue()));
        }
        LOG.info("searched {} places ({} files, {} characters) for {} spellings of {} entity types; found {}:{}",
                emitted.size(), files, chars, Seeds.needles().size(), all.size(), found.size(), sizes);
        assertThat(found).as("searched: " + emitted.keySet()).isEmpty();
    }

    /**
     * 18-24: the OpenAI SDK wrapper, chat completions and Responses, whole and streamed; both denied; and a chat call
     * whose additional header, query parameter and body property, which AIMS does not read, are refused.
     */
    void openAiSdk(String baseUrl, Consumer<GovernedClient.Builder> aims, CallContext allowed, List<String> answers) {
        Set<String> all = Seeds.types();
        String sent = text(sentTypes());
        String sentUrl = url("https://files.example/scan.png", sentTypes());
        String allUrl = url("https://files.example/scan.png", all);
        OpenAIClient raw = OpenAiSdkChannels.client(baseUrl);
        try (AimsOpenAi openAi = AimsOpenAi.builder(aims).build();
                CallContext.Scope scope = CallContext.bind(allowed)) {
            OpenAIClient sdk = openAi.wrap(raw);
            answers.add(sdk.chat().completions().create(OpenAiSdkChannels.chat(sent, sentUrl)).choices().get(0)
                    .message().content().orElse(""));
            try (StreamResponse<ChatCompletionChunk> chunks = sdk.chat().completions()
                    .createStreaming(OpenAiSdkChannels.chat(sent, sentUrl))) {
                StringBuilder text = new StringBuilder();
                chunks.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
                answers.add(text.toString());
                emitted.put("toString of the OpenAI SDK's chat stream", chunks.toString());
            }
            answers.add(sdk.responses().create(OpenAiSdkChannels.responses(sent, sentUrl)).output().stream()
                    .flatMap(o -> o.message().stream()).flatMap(m -> m.content().stream())
                    .flatMap(c -> c.outputText().stream()).map(t -> t.text()).findFirst().orElse(""));
            try (StreamResponse<ResponseStreamEvent> events = sdk.responses()
                    .createStreaming(OpenAiSdkChannels.responses(sent, sentUrl))) {
                StringBuilder text = new StringBuilder();
                events.stream().forEach(e -> e.outputTextDelta().ifPresent(d -> text.append(d.delta())));
                answers.add(text.toString());
            }
            failures.add(catchThrowable(() -> sdk.chat().completions().create(OpenAiSdkChannels.chat(text(all),
                    allUrl))));
            failures.add(catchThrowable(() -> {
                try (StreamResponse<ResponseStreamEvent> events = sdk.responses().createStreaming(
                        OpenAiSdkChannels.responses(text(all), allUrl))) {
                    events.stream().forEach(e -> { });
                }
            }));
            failures.add(catchThrowable(() -> sdk.chat().completions().create(OpenAiSdkChannels.chat(sent, sentUrl)
                    .toBuilder().putAdditionalHeader("x-customer", line(sentTypes()))
                    .putAdditionalQueryParam("customer", line(sentTypes()))
                    .putAdditionalBodyProperty("x_note", JsonValue.from(sent)).build())));
            emitted.put("toString of the OpenAI SDK wrapper and client", openAi + "\n" + sdk + "\n"
                    + sdk.chat().completions() + "\n" + sdk.responses());
        } finally {
            raw.close();
        }
    }

    /** 25-27: the Anthropic SDK wrapper, whole, streamed and denied. */
    void anthropicSdk(String baseUrl, Consumer<GovernedClient.Builder> aims, CallContext allowed,
            List<String> answers) {
        Set<String> all = Seeds.types();
        String sent = text(sentTypes());
        String sentLine = line(sentTypes());
        String sentUrl = url("https://files.example/scan.png", sentTypes());
        AnthropicClient raw = AnthropicChannels.client(baseUrl);
        try (AimsAnthropic anthropic = AimsAnthropic.builder().governance(aims).build();
                CallContext.Scope scope = CallContext.bind(allowed)) {
            AnthropicClient sdk = anthropic.wrap(raw);
            answers.add(anthropicText(sdk.messages().create(AnthropicChannels.everyChannel(sent, sentLine, sentUrl,
                    raw))));
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> events = sdk.messages()
                    .createStreaming(AnthropicChannels.everyChannel(sent, sentLine, sentUrl, raw))) {
                events.stream().forEach(accumulator::accumulate);
                emitted.put("toString of the Anthropic SDK's stream", events.toString());
            }
            answers.add(anthropicText(accumulator.message()));
            failures.add(catchThrowable(() -> sdk.messages().create(AnthropicChannels.everyChannel(text(all),
                    line(all), url("https://files.example/scan.png", all), raw))));
            emitted.put("toString of the Anthropic SDK wrapper and client", anthropic + "\n" + sdk + "\n"
                    + sdk.messages());
        } finally {
            raw.close();
        }
    }

    /** 28-30: Spring AI's OpenAI chat model governed by hand, whole, streamed and denied. */
    void springAi(String baseUrl, Consumer<GovernedClient.Builder> aims, CallContext allowed, List<String> answers) {
        Set<String> all = Seeds.types();
        String sent = text(sentTypes());
        String sentLine = line(sentTypes());
        String sentUrl = url("https://files.example/scan.png", sentTypes());
        org.springframework.ai.chat.model.ChatModel spring = AimsSpringAi.govern(SpringAiChannels.model(baseUrl),
                aims);
        try (CallContext.Scope scope = CallContext.bind(allowed)) {
            answers.add(spring.call(SpringAiChannels.everyChannel(sent, sentLine, sentUrl)).getResult().getOutput()
                    .getText());
            StringBuilder text = new StringBuilder();
            spring.stream(SpringAiChannels.everyChannel(sent, sentLine, sentUrl)).toStream()
                    .forEach(r -> text.append(r.getResult().getOutput().getText()));
            answers.add(text.toString());
            failures.add(catchThrowable(() -> spring.call(SpringAiChannels.everyChannel(text(all), line(all),
                    url("https://files.example/scan.png", all)))));
        }
        emitted.put("toString of the governed Spring AI model", spring.toString());
    }

    /**
     * 35-39: Spring AI through Boot's auto-configuration, as the README's Spring quick start ({@code aims.enabled},
     * {@code aims.policy-file}; the application's observers are beans): whole, streamed and denied; then a
     * {@code ChatClient} whose tool loop runs the tool the model asks for ({@code lookupOrder}, which the policy
     * names for restoration) and sends its result, which holds the values, back: two calls.
     */
    void springBoot(String baseUrl, List<CallObserver> observers, CallContext allowed, List<String> answers,
            List<String> toolLoop) {
        Set<String> all = Seeds.types();
        String sent = text(sentTypes());
        String sentLine = line(sentTypes());
        String sentUrl = url("https://files.example/scan.png", sentTypes());
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class,
                        ToolCallingAutoConfiguration.class, AimsAutoConfiguration.class))
                .withPropertyValues("aims.enabled=true", "aims.policy-file=" + POLICY.toAbsolutePath(),
                        "spring.ai.openai.base-url=" + baseUrl, "spring.ai.openai.api-key=test-key",
                        "spring.ai.openai.chat.model=gpt-4o-mini", "spring.ai.openai.max-retries=0");
        for (int i = 0; i < observers.size(); i++) {
            CallObserver observer = observers.get(i);
            runner = runner.withBean("observer" + i, CallObserver.class, () -> observer);
        }
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            org.springframework.ai.chat.model.ChatModel spring = context.getBean(
                    org.springframework.ai.chat.model.ChatModel.class);
            try (CallContext.Scope scope = CallContext.bind(allowed)) {
                answers.add(spring.call(SpringAiChannels.everyChannel(sent, sentLine, sentUrl)).getResult()
                        .getOutput().getText());
                StringBuilder text = new StringBuilder();
                spring.stream(SpringAiChannels.everyChannel(sent, sentLine, sentUrl)).toStream()
                        .forEach(r -> text.append(r.getResult().getOutput().getText()));
                answers.add(text.toString());
                failures.add(catchThrowable(() -> spring.call(SpringAiChannels.everyChannel(text(all), line(all),
                        url("https://files.example/scan.png", all)))));
                SpringAiChannels.Tool lookup = new SpringAiChannels.Tool("lookupOrder", "Looks an order up",
                        "{\"type\": \"object\", \"properties\": {\"customer\": {\"type\": \"string\"}}}",
                        "Order 42 of\n" + sent);
                toolLoop.add(ChatClient.create(spring).prompt().user("Where is my order? I am\n" + sent)
                        .toolCallbacks(lookup).call().content());
                toolLoop.addAll(lookup.inputs);
            }
            emitted.put("toString of the auto-configured Spring AI model", spring.toString());
        });
    }

    /** 31-34: the SDK wrappers' async clients, OpenAI's chat completions and Anthropic's messages, whole, streamed. */
    void asyncSdks(String openAiUrl, String anthropicUrl, Consumer<GovernedClient.Builder> aims, CallContext allowed,
            List<String> answers) throws Exception {
        String sent = text(sentTypes());
        String sentUrl = url("https://files.example/scan.png", sentTypes());
        OpenAIClientAsync rawOpenAi = OpenAIOkHttpClientAsync.builder().baseUrl(openAiUrl).apiKey("test-key")
                .maxRetries(0).build();
        AnthropicClientAsync rawAnthropic = AnthropicOkHttpClientAsync.builder().apiKey("test-key")
                .baseUrl(anthropicUrl).maxRetries(0).logLevel(com.anthropic.core.LogLevel.DEBUG).build();
        AnthropicClient mapper = AnthropicChannels.client(anthropicUrl);     // reads the requests' wire JSON
        try (AimsOpenAi openAi = AimsOpenAi.builder(aims).build();
                AimsAnthropic anthropic = AimsAnthropic.builder().governance(aims).build()) {
            OpenAIClientAsync openAiSdk = openAi.wrap(rawOpenAi);
            AnthropicClientAsync anthropicSdk = anthropic.wrap(rawAnthropic);
            CompletableFuture<com.openai.models.chat.completions.ChatCompletion> chat;
            com.openai.core.http.AsyncStreamResponse<ChatCompletionChunk> chunks;
            CompletableFuture<com.anthropic.models.messages.Message> message;
            com.anthropic.core.http.AsyncStreamResponse<RawMessageStreamEvent> events;
            try (CallContext.Scope scope = CallContext.bind(allowed)) {
                chat = openAiSdk.chat().completions().create(OpenAiSdkChannels.chat(sent, sentUrl));
                chunks = openAiSdk.chat().completions().createStreaming(OpenAiSdkChannels.chat(sent, sentUrl));
                message = anthropicSdk.messages().create(AnthropicChannels.everyChannel(sent, line(sentTypes()),
                        sentUrl, mapper));
                events = anthropicSdk.messages().createStreaming(AnthropicChannels.everyChannel(sent,
                        line(sentTypes()), sentUrl, mapper));
            }
            answers.add(chat.get(20, TimeUnit.SECONDS).choices().get(0).message().content().orElse(""));
            StringBuilder text = new StringBuilder();
            chunks.subscribe(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
            chunks.onCompleteFuture().get(20, TimeUnit.SECONDS);
            answers.add(text.toString());
            answers.add(anthropicText(message.get(20, TimeUnit.SECONDS)));
            MessageAccumulator accumulator = MessageAccumulator.create();
            events.subscribe(accumulator::accumulate);
            events.onCompleteFuture().get(20, TimeUnit.SECONDS);
            answers.add(anthropicText(accumulator.message()));
            emitted.put("toString of the async SDK clients and streams", openAiSdk + "\n" + chunks + "\n"
                    + anthropicSdk + "\n" + events);
        } finally {
            rawOpenAi.close();
            rawAnthropic.close();
            mapper.close();
        }
    }

    /** @return the types the example policy lets through */
    static Set<String> sentTypes() {
        Set<String> sent = new TreeSet<>(Seeds.types());
        sent.removeAll(REFUSED);
        return sent;
    }

    /** @return {@code head} URL-decoded, or as it is where it holds what is no escape (a raw {@code %}) */
    static String urlDecoded(String head) {
        try {
            return URLDecoder.decode(head, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return head;
        }
    }

    /** @return the JSON pointers of {@code wire} whose text, in any of {@code bodies}, holds no placeholder */
    static List<String> unredacted(String where, List<String> bodies, List<String> wire) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode body = JSON.readTree(bodies.get(i));
            for (String pointer : wire) {
                JsonNode at = body.at(pointer);
                if (!at.isTextual() || !at.asText().toLowerCase(Locale.ROOT).contains("<email_address_")) {
                    out.add(where + " request " + i + " " + pointer);
                }
            }
        }
        return out;
    }

    /** Reads every file under {@code root} into {@link #emitted}; evidence files without the principal. */
    int readFiles(Path root, boolean evidence) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (evidence) {
                String escaped = quoted(PRINCIPAL);
                escaped = escaped.substring(1, escaped.length() - 1);
                if (f.getFileName().toString().endsWith(".jsonl")) {
                    assertThat(text).as("the evidence keeps the principal as given").contains(escaped);
                }
                text = text.replace(escaped, "<principal>").replace(PRINCIPAL, "<principal>");
            }
            emitted.put("file " + dir.relativize(f), text);
        }
        assertThat(files).as(root.toString()).isNotEmpty();
        return files.size();
    }

    static CompletableFuture<AiResponse> stream(GovernedClient client, AiRequest request, CallContext context) {
        return stream(client, request, context, new StringBuilder());
    }

    static CompletableFuture<AiResponse> stream(GovernedClient client, AiRequest request, CallContext context,
            StringBuilder partials) {
        CompletableFuture<AiResponse> done = new CompletableFuture<>();
        client.stream(request, context, new StreamingHandler() {
            @Override
            public void onPartial(String text) {
                partials.append(text);
            }

            @Override
            public void onComplete(AiResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    static StreamingChatResponseHandler handler(CompletableFuture<ChatResponse> done) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }

    static Throwable streamFailure(GovernedClient client, AiRequest request, CallContext context) throws Exception {
        try {
            stream(client, request, context).get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** A provider whose model answers with the values themselves, as a model may (from a tool, or its training). */
    static final class Blurting implements ModelClient, StreamingModelClient {
        static final String ID = "resp-blurted";
        private final String answer;

        Blurting(String answer) {
            this.answer = "Here is what I know:\n" + answer;
        }

        @Override
        public AiResponse call(AiRequest request) {
            return AiResponse.builder().message(Message.assistant(answer)).usage(Usage.of(500, 300))
                    .finishReason(FinishReason.STOP).responseId(ID).model(request.model()).build();
        }

        @Override
        public void stream(AiRequest request, StreamingHandler handler) {
            for (int i = 0; i < answer.length(); i += 5) {
                handler.onPartial(answer.substring(i, Math.min(answer.length(), i + 5)));
            }
            handler.onComplete(call(request));
        }
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    static String traces(List<Throwable> failures) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t : failures) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            sb.append(t).append('\n').append(w).append('\n');
        }
        return sb.toString();
    }

    static String recordText(List<CallRecord> records) {
        StringBuilder sb = new StringBuilder();
        for (CallRecord r : records) {
            sb.append(r).append('\n').append(contextText(r.context())).append('\n').append(r.restorations())
                    .append('\n');
            for (PolicyDecision d : r.decisions()) {
                sb.append(d).append('\n').append(d.message()).append('\n').append(d.obligations()).append('\n');
                d.replacementRequest().ifPresent(q -> sb.append(q).append('\n').append(texts(q)));
                d.replacementResponse().ifPresent(a -> sb.append(a).append('\n').append(texts(a)));
            }
            r.sentRequest().ifPresent(q -> sb.append(q).append('\n').append(texts(q)));
            // The answer as the provider gave it, before restoration: placeholders only, unless the model itself
            // wrote the values — content kept for opt-in capture, documented as to be redacted before emitting.
            r.receivedResponse().ifPresent(a -> sb.append(a).append('\n')
                    .append(a.responseId().orElse("").equals(Blurting.ID) ? "" : texts(a)));
            r.errorType().ifPresent(sb::append);
        }
        return sb.toString();
    }

    static String startText(List<CallStart> starts) {
        StringBuilder sb = new StringBuilder();
        for (CallStart s : starts) {
            sb.append(s).append('\n').append(contextText(s.context())).append('\n');
        }
        return sb.toString();
    }

    /**
     * A context as observers read it: every field but the principal, which observers receive as given because it is
     * the audit identity the evidence log keeps (telemetry pseudonymises it; its spans are searched).
     */
    static String contextText(CallContext c) {
        return String.join("\n", c.toString(), c.tenant().orElse(""),
                c.systemId().orElse(""), c.purpose().orElse(""), c.sessionId().orElse(""),
                c.parentCallId().orElse(""), String.join("\n", c.sourceIds()), c.labels().toString());
    }

    static String texts(AiRequest request) {
        return Texts.of(request);
    }

    static String texts(AiResponse response) {
        return Texts.of(response);
    }

    static String spanText(List<SpanData> spans) {
        StringBuilder sb = new StringBuilder();
        for (SpanData s : spans) {
            sb.append(s.getName()).append('\n').append(s.getStatus().getDescription()).append('\n');
            s.getAttributes().forEach((k, v) -> sb.append(k.getKey()).append('=').append(v).append('\n'));
            for (EventData e : s.getEvents()) {
                sb.append(e.getName()).append('\n');
                e.getAttributes().forEach((k, v) -> sb.append(k.getKey()).append('=').append(v).append('\n'));
            }
            sb.append(s).append('\n');
        }
        return sb.toString();
    }

    static String metricText(List<MetricData> metrics) {
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
}
