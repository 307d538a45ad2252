package dev.aims.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.LogLevel;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Operator;
import dev.aims.core.UninspectedContent;
import dev.aims.evidence.EvidenceLog;
import dev.aims.otel.AimsTelemetry;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LoopbackAnthropicServer;
import dev.aims.testkit.Seeds;
import dev.aims.testkit.Texts;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value of every entity type (aims-testkit's {@link Seeds}) in every channel of a Messages API request and in
 * every context field; then the SDK's real clients, blocking and async, whole and streamed, governed with AIMS's
 * built-in redactor, call a loopback server speaking Anthropic's wire format, logging at DEBUG. Searched afterwards:
 * the bytes the server received (heads, URL-decoded, and bodies, JSON-decoded), everything written to standard
 * output and error (the SDK's request log, slf4j at DEBUG), the records and their {@code toString()}s, the spans
 * and metrics, the evidence files, the exceptions with their stack traces, the governed objects' {@code toString()}s.
 * Nothing raw may be found, the principal in the evidence aside (it is the audit identity).
 */
class NothingRawLeavesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALL = String.join(" ; ", Seeds.values());
    /** Every value that fits on one line (HTTP headers and query parameters cannot hold a PEM block). */
    static final String LINE = String.join(" ; ", Seeds.values().stream().filter(v -> !v.contains("\n")).toList());
    /** Every value a URL's query can hold as written. */
    static final String URL = "https://files.example.org/scan.png?mail=" + Seeds.byType().get("EMAIL_ADDRESS")
            + "&card=" + Seeds.byType().get("CREDIT_CARD").replace(" ", "") + "&aws="
            + Seeds.byType().get("AWS_ACCESS_KEY_ID") + "&gh=" + Seeds.byType().get("GITHUB_TOKEN") + "&key="
            + Seeds.byType().get("OPENAI_API_KEY") + "&g=" + Seeds.byType().get("GOOGLE_API_KEY") + "&jwt="
            + Seeds.byType().get("JWT") + "&ssn=" + Seeds.byType().get("US_SSN");
    /** The principal: kept as given in the evidence log, searched for everywhere else. */
    static final String PRINCIPAL = "rita.ortega@corp.example";

    final RecordingObserver records = new RecordingObserver();
    final List<String> found = new ArrayList<>();
    final List<String> searched = new ArrayList<>();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final PrintStream previousErr = System.err;
    final PrintStream previousOut = System.out;
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    LoopbackAnthropicServer server;
    OpenTelemetrySdk otel;
    EvidenceLog evidence;
    Path evidenceDir;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new LoopbackAnthropicServer(7);
        PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setErr(both);
        System.setOut(both);
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build()).build();
        evidenceDir = dir.resolve("evidence");
        evidence = EvidenceLog.builder().directory(evidenceDir).signingKey(dir.resolve("signing.key")).build();
    }

    @AfterEach
    void stop() {
        System.setErr(previousErr);
        System.setOut(previousOut);
        evidence.close();
        otel.close();
        server.close();
    }

    static CallContext context() {
        return CallContext.builder().principal(PRINCIPAL).tenant("tenant " + LINE).systemId("system " + LINE)
                .purpose("refund for\n" + ALL).sessionId("session " + LINE).sourceId("ticket " + ALL)
                .label("customer", ALL).build();
    }

    /** Every channel of the Messages API, each holding every value (as the wire JSON, read by the SDK). */
    static MessageCreateParams everyChannel(ObjectMapper mapper) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", "claude-sonnet-4-5").put("max_tokens", 512).put("temperature", 0.5).put("top_k", 5);
        body.putArray("system").addObject().put("type", "text").put("text", "You serve:\n" + ALL)
                .putObject("cache_control").put("type", "ephemeral");
        ArrayNode messages = body.putArray("messages");
        ArrayNode user = messages.addObject().put("role", "user").putArray("content");
        ObjectNode text = user.addObject().put("type", "text").put("text", "History:\n" + ALL);
        text.putArray("citations").addObject().put("type", "char_location").put("cited_text", ALL)
                .put("document_index", 0).put("document_title", ALL).put("start_char_index", 0)
                .put("end_char_index", 4);
        user.addObject().put("type", "image").putObject("source").put("type", "url").put("url", URL);
        ObjectNode doc = user.addObject().put("type", "document").put("title", "Statement of " + ALL)
                .put("context", "Context: " + ALL);
        doc.putObject("source").put("type", "text").put("media_type", "text/plain").put("data", "Statement:\n" + ALL);
        user.addObject().put("type", "document").putObject("source").put("type", "url").put("url", URL);
        ObjectNode contentDoc = user.addObject().put("type", "document");
        contentDoc.putObject("source").put("type", "content").putArray("content").addObject().put("type", "text")
                .put("text", "Page:\n" + ALL);
        ObjectNode search = user.addObject().put("type", "search_result").put("source", URL)
                .put("title", "Result " + ALL);
        search.putArray("content").addObject().put("type", "text").put("text", "Found:\n" + ALL);
        ArrayNode assistant = messages.addObject().put("role", "assistant").putArray("content");
        assistant.addObject().put("type", "thinking").put("thinking", "They wrote\n" + ALL)
                .put("signature", "sig " + LINE);
        assistant.addObject().put("type", "text").put("text", "Checking:\n" + ALL);
        assistant.addObject().put("type", "tool_use").put("id", "toolu_1").put("name", "lookup " + LINE)
                .putObject("input").put("q", ALL);
        ArrayNode results = messages.addObject().put("role", "user").putArray("content");
        ObjectNode result = results.addObject().put("type", "tool_result").put("tool_use_id", "toolu_1")
                .put("is_error", false);
        result.putArray("content").addObject().put("type", "text").put("text", "Result:\n" + ALL);
        ((ArrayNode) result.get("content")).addObject().put("type", "text").put("text", "More:\n" + ALL);
        results.addObject().put("type", "text").put("text", "Summarise:\n" + ALL);
        ArrayNode tools = body.putArray("tools");
        ObjectNode tool = tools.addObject().put("name", "lookup " + LINE).put("description", "Looks up " + ALL);
        ObjectNode q = tool.putObject("input_schema").put("type", "object").putObject("properties").putObject("q");
        q.put("type", "string").put("description", ALL).put("default", ALL);
        q.putArray("enum").add(ALL);
        q.putArray("examples").add(ALL);
        tool.putObject("cache_control").put("type", "ephemeral");
        ObjectNode web = tools.addObject().put("type", "web_search_20250305").put("name", "web_search")
                .put("max_uses", 2);
        web.putObject("user_location").put("type", "approximate").put("city", ALL).put("region", ALL);
        body.putObject("tool_choice").put("type", "auto");
        body.putArray("stop_sequences").add("END " + ALL);
        body.putObject("metadata").put("user_id", ALL);
        ObjectNode format = body.putObject("output_config").putObject("format").put("type", "json_schema");
        format.putObject("schema").put("type", "object").putObject("properties").putObject("reply")
                .put("type", "string").put("description", ALL);
        body.put("x_note", ALL);
        return MessageCreateParams.builder().body(mapper.treeToValue(body, MessageCreateParams.Body.class))
                .putAdditionalHeader("x-customer", LINE).putAdditionalQueryParam("customer", LINE)
                .userProfileId("profile " + LINE).build();
    }

    AimsAnthropic aims(Function<AimsRedactor, List<dev.aims.api.Policy>> policies) {
        AimsRedactor redactor = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build();
        return AimsAnthropic.builder().governance(aims -> aims.redactor(redactor).policies(policies.apply(redactor))
                .uninspectedContent(UninspectedContent.DENY).observer(records).observer(evidence)
                .observer(AimsTelemetry.create(otel).observer())).build();
    }

    AnthropicClient blocking(String baseUrl) {
        return AnthropicOkHttpClient.builder().apiKey("test-key").baseUrl(baseUrl).maxRetries(0)
                .logLevel(LogLevel.DEBUG).build();
    }

    AnthropicClientAsync async(String baseUrl) {
        return AnthropicOkHttpClientAsync.builder().apiKey("test-key").baseUrl(baseUrl).maxRetries(0)
                .logLevel(LogLevel.DEBUG).build();
    }

    static String answerText(Message m) {
        StringBuilder sb = new StringBuilder();
        m.content().forEach(b -> b.text().ifPresent(t -> sb.append(t.text())));
        return sb.toString();
    }

    @Test
    void aBlockingCallSendsEveryChannelRedactedAndEmitsNothingRaw() throws Exception {
        AimsAnthropic aims = aims(r -> List.of());
        AnthropicClient raw = blocking(server.baseUrl());
        AnthropicClient client = aims.wrap(raw);

        Message answer;
        try (CallContext.Scope s = CallContext.bind(context())) {
            answer = client.messages().create(everyChannel(raw.options().jsonMapper()));
        }

        assertThat(answerText(answer)).as("restored").startsWith("Tool said: Result:\n" + ALL)
                .endsWith("You said: Summarise:\n" + ALL);
        assertEveryChannelWasSentRedacted();
        searchEverything(client, client.messages(), aims);
        assertNothingRaw();
        raw.close();
    }

    @Test
    void aBlockingStreamSendsEveryChannelRedactedAndEmitsNothingRaw() throws Exception {
        AimsAnthropic aims = aims(r -> List.of());
        AnthropicClient raw = blocking(server.baseUrl());
        AnthropicClient client = aims.wrap(raw);
        MessageAccumulator accumulator = MessageAccumulator.create();

        StreamResponse<RawMessageStreamEvent> stream;
        try (CallContext.Scope s = CallContext.bind(context())) {
            stream = client.messages().createStreaming(everyChannel(raw.options().jsonMapper()));
        }
        try (stream) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThat(answerText(accumulator.message())).endsWith("You said: Summarise:\n" + ALL);
        assertThat(JSON.readTree(server.bodies().get(0)).path("stream").asBoolean()).isTrue();
        assertEveryChannelWasSentRedacted();
        assertThat(records.only().streaming()).isTrue();
        searchEverything(client, client.messages(), aims, stream);
        assertNothingRaw();
        raw.close();
    }

    @Test
    void anAsyncCallAndStreamSendEveryChannelRedactedAndEmitNothingRaw() throws Exception {
        AimsAnthropic aims = aims(r -> List.of());
        AnthropicClientAsync raw = async(server.baseUrl());
        AnthropicClientAsync client = aims.wrap(raw);
        MessageAccumulator accumulator = MessageAccumulator.create();

        Message answer;
        AsyncStreamResponse<RawMessageStreamEvent> stream;
        try (CallContext.Scope s = CallContext.bind(context())) {
            answer = client.messages().create(everyChannel(raw.options().jsonMapper())).get(20, TimeUnit.SECONDS);
            stream = client.messages().createStreaming(everyChannel(raw.options().jsonMapper()));
        }
        stream.subscribe(accumulator::accumulate);
        stream.onCompleteFuture().get(20, TimeUnit.SECONDS);

        assertThat(answerText(answer)).endsWith("You said: Summarise:\n" + ALL);
        assertThat(answerText(accumulator.message())).endsWith("You said: Summarise:\n" + ALL);
        assertThat(server.bodies()).hasSize(2);
        assertThat(records.records).hasSize(2).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
            assertThat(r.context().tenant()).as("the context bound where the call was made").isPresent();
        });
        for (int i = 0; i < 2; i++) {
            assertChannelsRedacted(JSON.readTree(server.bodies().get(i)), server.heads().get(i));
        }
        searchEverything(client, client.messages(), aims, stream);
        assertNothingRaw();
        raw.close();
    }

    @Test
    void aRefusedCallSendsNothingAndSaysNothingRaw() throws Exception {
        AimsAnthropic aims = aims(r -> List.of(dev.aims.core.Policies.of("no-keys", "1",
                dev.aims.api.PolicyStage.PRE_SEND,
                in -> in.findings().stream().noneMatch(f -> "PRIVATE_KEY".equals(f.type())),
                "private_key", "")));
        AnthropicClient raw = blocking(server.baseUrl());
        AnthropicClient client = aims.wrap(raw);

        Throwable blocking;
        Throwable streamed;
        try (CallContext.Scope s = CallContext.bind(context())) {
            blocking = catchThrowable(() -> client.messages().create(everyChannel(raw.options().jsonMapper())));
            streamed = catchThrowable(() -> client.messages().createStreaming(
                    everyChannel(raw.options().jsonMapper())));
        }

        assertThat(blocking).isInstanceOf(AiPolicyViolationException.class);
        assertThat(streamed).isInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
        assertThat(records.records).hasSize(2)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(CallRecord.Outcome.DENIED));
        searchEverything(client, blocking, streamed);
        assertNothingRaw();
        raw.close();
    }

    @Test
    void aProviderFailureSaysNothingRaw() throws Exception {
        AimsAnthropic aims = aims(r -> List.of());
        AnthropicClient raw = blocking("http://127.0.0.1:9");
        AnthropicClient client = aims.wrap(raw);

        Throwable blocking;
        Throwable streamed;
        try (CallContext.Scope s = CallContext.bind(context())) {
            blocking = catchThrowable(() -> client.messages().create(everyChannel(raw.options().jsonMapper())));
            streamed = catchThrowable(() -> client.messages().createStreaming(
                    everyChannel(raw.options().jsonMapper())));
        }

        assertThat(blocking).isNotNull();
        assertThat(streamed).isNotNull();
        assertThat(records.records).hasSize(2)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(CallRecord.Outcome.ERROR));
        searchEverything(client, blocking, streamed);
        assertNothingRaw();
        raw.close();
    }

    void assertEveryChannelWasSentRedacted() throws Exception {
        assertThat(server.bodies()).hasSize(1);
        assertChannelsRedacted(JSON.readTree(server.bodies().get(0)), server.heads().get(0));
        assertThat(records.only().findingCounts().keySet()).containsAll(Seeds.byType().keySet());
    }

    /** Each channel arrived, holding placeholders: sent redacted, not dropped. */
    static void assertChannelsRedacted(JsonNode body, String head) {
        assertThat(body.path("system").get(0).path("text").asText()).contains("<PRIVATE_KEY_");
        JsonNode user = body.path("messages").get(0).path("content");
        assertThat(user.get(0).path("text").asText()).contains("<CREDIT_CARD_");
        assertThat(user.get(0).path("citations").get(0).path("cited_text").asText()).contains("<EMAIL_ADDRESS_");
        assertThat(user.get(1).path("source").path("url").asText()).startsWith("https://files.example.org/scan.png?")
                .contains("<EMAIL_ADDRESS_", "<JWT_");
        assertThat(user.get(2).path("source").path("data").asText()).contains("<US_SSN_");
        assertThat(user.get(2).path("title").asText()).contains("<IBAN_CODE_");
        assertThat(user.get(2).path("context").asText()).contains("<PHONE_NUMBER_");
        assertThat(user.get(3).path("source").path("url").asText()).contains("<GITHUB_TOKEN_");
        assertThat(user.get(4).path("source").path("content").get(0).path("text").asText()).contains("<JWT_");
        assertThat(user.get(5).path("content").get(0).path("text").asText()).contains("<AWS_ACCESS_KEY_ID_");
        assertThat(user.get(5).path("title").asText()).contains("<OPENAI_API_KEY_");
        assertThat(user.get(5).path("source").asText()).contains("<GOOGLE_API_KEY_");
        JsonNode assistant = body.path("messages").get(1).path("content");
        assertThat(assistant.get(0).path("thinking").asText()).contains("<PRIVATE_KEY_");
        assertThat(assistant.get(0).path("signature").asText()).contains("<EMAIL_ADDRESS_");
        assertThat(assistant.get(1).path("text").asText()).contains("<CREDIT_CARD_");
        assertThat(assistant.get(2).path("name").asText()).contains("<EMAIL_ADDRESS_");
        assertThat(assistant.get(2).path("input").path("q").asText()).contains("<PRIVATE_KEY_");
        JsonNode result = body.path("messages").get(2).path("content").get(0);
        assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_1");
        assertThat(result.path("content").get(0).path("text").asText()).contains("<US_SSN_");
        assertThat(result.path("content").get(1).path("text").asText()).contains("<IBAN_CODE_");
        assertThat(body.path("messages").get(2).path("content").get(1).path("text").asText()).contains("<JWT_");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("name").asText()).contains("<GITHUB_TOKEN_");
        assertThat(tool.path("description").asText()).contains("<AWS_ACCESS_KEY_ID_");
        JsonNode q = tool.path("input_schema").path("properties").path("q");
        for (String field : List.of("description", "default")) {
            assertThat(q.path(field).asText()).contains("<CREDIT_CARD_");
        }
        assertThat(q.path("enum").get(0).asText()).contains("<PRIVATE_KEY_");
        assertThat(q.path("examples").get(0).asText()).contains("<PRIVATE_KEY_");
        assertThat(body.path("tools").get(1).path("user_location").path("city").asText()).contains("<US_SSN_");
        assertThat(body.path("tools").get(1).path("type").asText()).isEqualTo("web_search_20250305");
        assertThat(body.path("stop_sequences").get(0).asText()).contains("<GOOGLE_API_KEY_");
        assertThat(body.path("metadata").path("user_id").asText()).contains("<EMAIL_ADDRESS_");
        assertThat(body.path("output_config").path("format").path("schema").toString()).contains("<JWT_");
        assertThat(body.path("x_note").asText()).contains("<OPENAI_API_KEY_");
        assertThat(body.path("top_k").asInt()).isEqualTo(5);
        String decodedHead = URLDecoder.decode(head, StandardCharsets.UTF_8);
        assertThat(decodedHead).containsPattern("(?i)x-customer: [^\\n]*<EMAIL_ADDRESS_")
                .containsPattern("(?i)anthropic-user-profile-id: profile [^\\n]*<GITHUB_TOKEN_")
                .containsPattern("customer=[^\\n]*<CREDIT_CARD_");
    }

    void search(String where, String text) {
        searched.add(where);
        found.addAll(Seeds.foundIn(where, text));
        if (text.contains(PRINCIPAL)) {
            found.add("principal in " + where);
        }
    }

    void searchEverything(Object... more) throws Exception {
        List<String> heads = server.heads();
        for (int i = 0; i < heads.size(); i++) {
            search("request head " + i, heads.get(i));
            search("request head " + i + " (URL-decoded)", URLDecoder.decode(heads.get(i), StandardCharsets.UTF_8));
        }
        List<String> bodies = server.bodies();
        for (int i = 0; i < bodies.size(); i++) {
            search("request body " + i, bodies.get(i));
            search("request body " + i + " (decoded)", decoded(JSON.readTree(bodies.get(i))));
        }
        for (CallRecord r : records.records) {
            StringBuilder all = new StringBuilder(r.toString()).append('\n').append(r.decisions()).append('\n')
                    .append(r.restorations());
            r.sentRequest().ifPresent(q -> all.append(q).append('\n').append(texts(q)));
            r.receivedResponse().ifPresent(a -> all.append(a).append('\n').append(texts(a)));
            r.decisions().forEach(d -> all.append(d.message()).append(d.obligations()));
            CallContext c = r.context();
            all.append(c).append(c.tenant()).append(c.systemId()).append(c.purpose()).append(c.sessionId())
                    .append(c.sourceIds()).append(c.labels());
            search("record " + r.callId(), all.toString());
        }
        otel.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
        assertThat(spans.getFinishedSpanItems()).hasSize(records.records.size());
        search("spans", spans.getFinishedSpanItems().toString());
        search("metrics", metrics.collectAllMetrics().toString());
        evidence.flush();
        StringBuilder files = new StringBuilder();
        try (Stream<Path> walk = Files.walk(evidenceDir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.append(Files.readString(f));
            }
        }
        assertThat(files).contains(PRINCIPAL);
        search("evidence files (but the principal)", files.toString().replace(PRINCIPAL, "<principal>"));
        for (Object o : more) {
            if (o instanceof Throwable) {
                StringWriter w = new StringWriter();
                ((Throwable) o).printStackTrace(new PrintWriter(w));
                search("exception " + o.getClass().getSimpleName(), w.toString());
            } else {
                search("toString of " + o.getClass().getSimpleName(), String.valueOf(o));
            }
        }
        System.out.flush();
        System.err.flush();
        String out = console.toString(StandardCharsets.UTF_8);
        if (!server.bodies().isEmpty()) {
            assertThat(out).as("the SDK logged its requests").contains("<EMAIL_ADDRESS_");
        }
        search("standard output and error (" + out.length() + " chars)", out);
    }

    void assertNothingRaw() {
        assertThat(found).as("searched: " + searched).isEmpty();
    }

    static String texts(AiRequest request) {
        return Texts.of(request);
    }

    static String texts(AiResponse response) {
        return Texts.of(response);
    }

    /** Every key and string of a JSON document, unescaped. */
    static String decoded(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        decode(node, sb);
        return sb.toString();
    }

    private static void decode(JsonNode node, StringBuilder sb) {
        if (node.isTextual()) {
            sb.append(node.textValue()).append('\n');
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            sb.append(e.getKey()).append('\n');
            decode(e.getValue(), sb);
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                decode(child, sb);
            }
        }
    }
}
