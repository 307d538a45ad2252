package dev.aims.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionDeveloperMessageParam;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputContent;
import com.openai.models.responses.ResponseInputImage;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseInputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.evidence.EvidenceLog;
import dev.aims.otel.AimsTelemetry;
import dev.aims.testkit.LogCapture;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value of every entity type in every channel the SDK sends — for chat completions and for the Responses API,
 * whole and streamed, allowed and refused — and in every context field, through the governed SDK client against
 * the loopback server, with AIMS's built-in redactor and its defaults. Searched afterwards: the bytes the server
 * received, the log output, the records, the spans, the evidence files, the exceptions and the {@code toString()}s
 * of what the application holds. Nothing raw may be found (the principal in the evidence aside: it is the audit
 * identity).
 */
class NothingRawLeavesTest {
    static final String ALL = Seeds.all();
    static final String PRINCIPAL = "rita.ortega@corp.example";
    static final String IMAGE = Seeds.url("https://files.example/scan");

    @TempDir
    Path dir;
    LoopbackOpenAiServer server;
    OpenAIClient raw;
    RecordingObserver records = new RecordingObserver();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel;
    EvidenceLog evidence;
    AimsOpenAi aims;
    OpenAIClient client;
    LogCapture logs;
    final List<String> found = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        logs = new LogCapture();
        server = new LoopbackOpenAiServer(7);
        raw = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("test-key").maxRetries(0).build();
        otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        evidence = EvidenceLog.builder().directory(dir.resolve("evidence")).signingKey(dir.resolve("signing.key"))
                .build();
        aims = AimsOpenAi.builder(a -> a.observer(AimsTelemetry.create(otel).observer()).observer(evidence)
                .observer(records)).build();
        client = aims.wrap(raw);
    }

    @AfterEach
    void stop() {
        aims.close();
        raw.close();
        server.close();
        logs.close();
        otel.close();
    }

    static CallContext context() {
        return CallContext.builder().principal(PRINCIPAL).tenant("tenant " + Seeds.byType().get("IBAN_CODE"))
                .systemId("system " + Seeds.byType().get("US_SSN")).purpose("refund for\n" + ALL)
                .sessionId("session " + Seeds.byType().get("JWT")).sourceId("ticket " + ALL)
                .label("customer", ALL).build();
    }

    static String schema() {
        return "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"description\":"
                + quote(ALL) + ",\"enum\":[" + quote(ALL) + "],\"default\":" + quote(ALL) + ",\"examples\":["
                + quote(ALL) + "]}}}";
    }

    static String quote(String s) {
        return com.openai.core.ObjectMappers.jsonMapper().valueToTree(s).toString();
    }

    static Map<String, JsonValue> schemaMap() {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = com.openai.core.ObjectMappers.jsonMapper().readValue(schema(), Map.class);
            return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> JsonValue.from(e.getValue())));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every message kind and every field of a chat request that carries text, each holding every value. */
    static ChatCompletionCreateParams chat() {
        String args = "{\"q\":" + quote(ALL) + "}";
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addSystemMessage("You serve:\n" + ALL)
                .addMessage(ChatCompletionDeveloperMessageParam.builder().content("Developer:\n" + ALL)
                        .name("dev " + Seeds.byType().get("EMAIL_ADDRESS")).build())
                .addMessage(ChatCompletionUserMessageParam.builder().name("user " + Seeds.byType().get("PHONE_NUMBER"))
                        .contentOfArrayOfContentParts(List.of(
                                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                        .text("History:\n" + ALL).build()),
                                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(IMAGE)
                                                .detail(ChatCompletionContentPartImage.ImageUrl.Detail.LOW).build())
                                        .build()))).build())
                .addMessage(ChatCompletionAssistantMessageParam.builder().content("Earlier:\n" + ALL)
                        .refusal("Refused:\n" + ALL)
                        .addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall
                                .builder().id("call_1").function(ChatCompletionMessageFunctionToolCall.Function
                                        .builder().name("lookup").arguments(args).build()).build())).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1").content("result:\n" + ALL)
                        .build())
                .addUserMessage("Now:\n" + ALL)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("lookup")
                        .description("Looks up orders of " + ALL).parameters(FunctionParameters.builder()
                                .additionalProperties(schemaMap()).build()).build()).build())
                .stopOfStrings(List.of("END " + ALL))
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema
                        .builder().name("answer").description("An answer for " + ALL)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .additionalProperties(schemaMap()).build()).build()).build())
                .user(ALL).safetyIdentifier(ALL).promptCacheKey(ALL)
                .metadata(ChatCompletionCreateParams.Metadata.builder().putAdditionalProperty("customer",
                        JsonValue.from(ALL)).build())
                .build();
    }

    /** Every item kind and every field of a Responses request that carries text, each holding every value. */
    static ResponseCreateParams responses() {
        String args = "{\"q\":" + quote(ALL) + "}";
        ResponseFunctionToolCall call = ResponseFunctionToolCall.builder().callId("call_1").name("lookup")
                .arguments(args).build();
        return ResponseCreateParams.builder().model("gpt-4o-mini").instructions("You serve:\n" + ALL)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.DEVELOPER).content("Developer:\n" + ALL).build()),
                        ResponseInputItem.ofMessage(ResponseInputItem.Message.builder()
                                .role(ResponseInputItem.Message.Role.USER).content(List.of(
                                        ResponseInputContent.ofInputText(ResponseInputText.builder()
                                                .text("History:\n" + ALL).build()),
                                        ResponseInputContent.ofInputImage(ResponseInputImage.builder()
                                                .imageUrl(IMAGE).detail(ResponseInputImage.Detail.LOW).build())))
                                .build()),
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.ASSISTANT).content("Earlier:\n" + ALL).build()),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId("call_1").output("result:\n" + ALL).build()),
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.USER).content("Now:\n" + ALL).build())))
                .addTool(FunctionTool.builder().name("lookup").description("Looks up orders of " + ALL)
                        .strict(false).parameters(FunctionTool.Parameters.builder()
                                .additionalProperties(schemaMap()).build()).build())
                .text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder()
                        .name("answer").description("An answer for " + ALL).schema(
                                ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                        .additionalProperties(schemaMap()).build()).build()).build())
                .user(ALL).safetyIdentifier(ALL).promptCacheKey(ALL)
                .metadata(ResponseCreateParams.Metadata.builder().putAdditionalProperty("customer",
                        JsonValue.from(ALL)).build())
                .build();
    }

    void search(String where, String text, String... more) {
        found.addAll(Seeds.foundIn(where, text, more));
    }

    /** Searches everything the calls so far emitted, and the objects the application holds. */
    void searchAll(Object... held) throws IOException {
        evidence.close();
        search("bytes the provider received", server.allBodies());
        for (CallRecord r : records.records) {
            StringBuilder all = new StringBuilder(r.toString()).append(r.decisions()).append(r.restorations());
            r.sentRequest().ifPresent(q -> all.append(q).append(texts(q)));
            r.receivedResponse().ifPresent(a -> all.append(a));
            CallContext c = r.context();
            all.append(c).append(c.tenant()).append(c.systemId()).append(c.purpose()).append(c.sessionId())
                    .append(c.sourceIds()).append(c.labels());
            search("record " + r.callId(), all.toString());
        }
        search("spans", spans.getFinishedSpanItems().toString(), PRINCIPAL);
        try (Stream<Path> files = Files.walk(dir.resolve("evidence"))) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                search("evidence " + f.getFileName(), Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        for (Object o : held) {
            search("toString of " + o.getClass().getSimpleName(), String.valueOf(o), PRINCIPAL);
        }
        search("toString of the client and AIMS", client + " " + aims + " " + client.chat().completions() + " "
                + client.responses(), PRINCIPAL);
        search("log output", logs.text(), PRINCIPAL);
    }

    static String texts(dev.aims.api.AiRequest request) {
        StringBuilder sb = new StringBuilder();
        request.mapText(s -> {
            sb.append(s).append('\n');
            return s;
        });
        return sb.toString();
    }

    static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void aChatCallSendsAndEmitsNothingRaw() throws IOException {
        ChatCompletion answer;
        try (CallContext.Scope s = CallContext.bind(context())) {
            answer = client.chat().completions().create(chat());
        }

        assertThat(answer.choices()).hasSize(1);
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(records.only().findingCounts().keySet()).containsAll(Seeds.types());
        assertThat(records.only().uninspectedParts()).isZero();
        searchAll();
        assertThat(found).isEmpty();
    }

    @Test
    void aChatStreamSendsAndEmitsNothingRaw() throws IOException {
        List<ChatCompletionChunk> chunks;
        try (CallContext.Scope s = CallContext.bind(context());
                StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat())) {
            chunks = stream.stream().collect(Collectors.toList());
            search("toString of the stream", stream.toString());
        }

        assertThat(chunks).isNotEmpty();
        assertThat(server.allBodies()).contains("\"stream\":true");
        assertThat(records.only().streaming()).isTrue();
        searchAll();
        assertThat(found).isEmpty();
    }

    @Test
    void aResponsesCallSendsAndEmitsNothingRaw() throws IOException {
        Response answer;
        try (CallContext.Scope s = CallContext.bind(context())) {
            answer = client.responses().create(responses());
        }

        assertThat(answer.output()).isNotEmpty();
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(records.only().findingCounts().keySet()).containsAll(Seeds.types());
        assertThat(records.only().uninspectedParts()).isZero();
        searchAll();
        assertThat(found).isEmpty();
    }

    @Test
    void aResponsesStreamSendsAndEmitsNothingRaw() throws IOException {
        List<ResponseStreamEvent> events;
        try (CallContext.Scope s = CallContext.bind(context());
                StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(responses())) {
            events = stream.stream().collect(Collectors.toList());
        }

        assertThat(events).isNotEmpty();
        assertThat(records.only().streaming()).isTrue();
        searchAll();
        assertThat(found).isEmpty();
    }

    @Test
    void aRefusedCallSendsNothingAndEmitsNothingRaw() throws IOException {
        ChatCompletionCreateParams inline = chat().toBuilder().addUserMessageOfArrayOfContentParts(List.of(
                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(
                        ChatCompletionContentPartImage.ImageUrl.builder().url("data:image/png;base64,iVBORw0KGgo=")
                                .build()).build()))).build();
        Throwable e;
        try (CallContext.Scope s = CallContext.bind(context())) {
            e = catchThrowable(() -> client.chat().completions().create(inline));
        }

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
        assertThat(records.only().uninspectedParts()).isEqualTo(1);
        search("exception", stackTrace(e) + e, PRINCIPAL);
        searchAll();
        assertThat(found).isEmpty();
    }

    @Test
    void aProviderFailureEmitsNothingRaw() throws IOException {
        OpenAIClient down = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("k").maxRetries(0)
                .build();
        Throwable e;
        try (CallContext.Scope s = CallContext.bind(context())) {
            e = catchThrowable(() -> aims.wrap(down).responses().create(responses()));
        }
        down.close();

        assertThat(e).isNotNull();
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
        search("exception", stackTrace(e) + e, PRINCIPAL);
        searchAll();
        assertThat(found).isEmpty();
    }

    @Test
    void theSearchFindsWhatItLooksFor() {
        // The probe itself: a raw value and the principal, searched for on purpose, must be reported.
        search("a planted text", "x " + Seeds.byType().get("CREDIT_CARD") + " " + PRINCIPAL, PRINCIPAL);
        assertThat(found).hasSize(2);
    }
}
