package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Operator;
import dev.aims.api.PolicySet;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.MimeTypeUtils;

/**
 * A value of every entity type in every channel Spring AI's OpenAI model sends and in every context field, through
 * the governed model — by hand and through the auto-configuration, whole and streamed, allowed and refused — with
 * Spring AI's real OpenAI client against a loopback server, and AIMS's built-in redactor. Searched afterwards:
 * the bytes the server received, the log output of every logger, the records, the exceptions, the spans, the
 * evidence files and the {@code toString()}s. Nothing raw may be found (the principal in the evidence aside: it is
 * the audit identity).
 */
class NothingRawLeavesTest {
    static final String ALL = Seeds.all();
    /** The principal: kept as given in the evidence log, searched for everywhere else. */
    static final String PRINCIPAL = "rita.ortega@corp.example";
    static final String TOOL = "lookup_orders " + ALL;

    LoopbackOpenAiServer server;
    LeakProbe probe;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAiServer(7);
        probe = new LeakProbe(PRINCIPAL);
    }

    @AfterEach
    void stop() {
        probe.close();
        server.close();
    }

    static CallContext context() {
        return CallContext.builder().principal(PRINCIPAL).tenant("tenant " + Seeds.byType().get("IBAN_CODE"))
                .systemId("system " + Seeds.byType().get("US_SSN")).purpose("refund for\n" + ALL)
                .sessionId("session " + Seeds.byType().get("JWT")).sourceId("ticket " + ALL)
                .label("customer", ALL).build();
    }

    static String json(Object value) {
        return JsonValues.write(value);
    }

    /** Every message kind and every option of OpenAiChatOptions that carries text, each holding every value. */
    static Prompt prompt() {
        String schema = json(Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string",
                "description", ALL, "enum", List.of(ALL), "default", ALL, "examples", List.of(ALL)))));
        StaticTool tool = new StaticTool(TOOL, "Looks up orders of " + ALL, schema, "none");
        OpenAiChatOptions options = LineFixtures.openAiOptionsCarrying(ALL, tool, schema,
                json(Map.of("type", "function", "function", Map.of("name", TOOL))));
        return new Prompt(List.of(
                new SystemMessage("You serve:\n" + ALL),
                UserMessage.builder().text("History:\n" + ALL).media(
                        Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG)
                                .data("https://files.example/scan?note=" + urlSafe(ALL)).build(),
                        Media.builder().mimeType(Media.Format.DOC_PDF).data("https://files.example/statement.pdf")
                                .name("statement of " + ALL).build()).build(),
                AssistantMessage.builder().content("Earlier:\n" + ALL)
                        .toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", TOOL,
                                json(Map.of("q", ALL)))))
                        .properties(Map.of(PromptTranslator.REASONING_KEY, "thinking about\n" + ALL,
                                PromptTranslator.TOOL_CALL_PROPERTIES_KEY, Map.of("call_1",
                                        json(Map.of("extra", ALL))))).build(),
                ToolResponseMessage.builder().responses(List.of(new ToolResponseMessage.ToolResponse("call_1",
                        TOOL, "result:\n" + ALL))).build(),
                new UserMessage("Now:\n" + ALL)),
                options);
    }

    /** A URL's query as people write one by hand: spaces and line breaks as {@code +}, nothing else encoded. */
    static String urlSafe(String s) {
        return s.replace(' ', '+').replace('\n', '+');
    }

    ApplicationContextRunner openAi(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LineFixtures.openAiAutoConfigurations()))
                .withConfiguration(AutoConfigurations.of(AimsAutoConfiguration.class))
                .withPropertyValues("spring.ai.openai.base-url=" + server.baseUrl(),
                        "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini")
                .withPropertyValues(LineFixtures.noRetries())
                .withPropertyValues(properties);
    }

    static String call(ChatModel model) {
        try (CallContext.Scope s = CallContext.bind(context())) {
            return model.call(prompt()).getResult().getOutput().getText();
        }
    }

    static String stream(ChatModel model) {
        Flux flux = new Flux();
        try (CallContext.Scope s = CallContext.bind(context())) {
            flux.chunks = model.stream(prompt()).collectList().block(Duration.ofSeconds(20));
        }
        StringBuilder text = new StringBuilder();
        for (ChatResponse c : flux.chunks) {
            text.append(c.getResult().getOutput().getText());
        }
        return text.toString();
    }

    /** Holds what a stream delivered. */
    static final class Flux {
        List<ChatResponse> chunks;
    }

    void searchAll(List<CallRecord> records, Object... toStrings) {
        assertThat(server.bodies()).isNotEmpty();
        probe.search("bytes the provider received", server.allBodies());
        probe.searchRecords(records);
        for (Object o : toStrings) {
            probe.search("toString of " + o.getClass().getSimpleName(), String.valueOf(o));
        }
        probe.searchLogs();
        probe.search("principal", PRINCIPAL);
    }

    void assertNothingRaw() {
        // The principal, searched for on purpose, is the one hit a working search must report.
        assertThat(probe.hits()).as("searched: " + probe.searched()).containsExactly(
                "more[0] in principal at offset 0");
    }

    /** Governed with AIMS's redactor, pseudonymising (so that the answer comes back restored). */
    ChatModel byHand(ChatModel raw, RecordingObserver records, Function<AimsRedactor, PolicySet> policies) {
        AimsRedactor redactor = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build();
        PolicySet set = policies.apply(redactor);
        return AimsSpringAi.govern(raw, aims -> aims.redactor(redactor).observer(records).policySource(() -> set));
    }

    @Test
    void aCallGovernedByHandSendsAndEmitsNothingRaw() {
        openAi().run(ctx -> {
            RecordingObserver records = new RecordingObserver();
            ChatModel model = byHand(ctx.getBean(ChatModel.class), records, r -> PolicySet.EMPTY);

            String answer = call(model);

            assertThat(answer).contains("You said: Now:\n" + ALL);
            assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
            assertThat(records.only().findingCounts().keySet()).containsAll(Seeds.types());
            searchAll(records.records, model);
            assertNothingRaw();
        });
    }

    @Test
    void aStreamGovernedByHandSendsAndEmitsNothingRaw() {
        openAi().run(ctx -> {
            RecordingObserver records = new RecordingObserver();
            ChatModel model = byHand(ctx.getBean(ChatModel.class), records, r -> PolicySet.EMPTY);

            String answer = stream(model);

            assertThat(answer).contains("You said: Now:\n" + ALL);
            assertThat(server.allBodies()).contains("\"stream\":true");
            assertThat(records.only().streaming()).isTrue();
            searchAll(records.records, model);
            assertNothingRaw();
        });
    }

    @Test
    void aCallRefusedByAPolicyEmitsNothingRawAndSendsNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aims-policy.json");
        Files.writeString(file, "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"rules\": [{\"id\": \"keys\","
                + " \"type\": \"sensitive-data\", \"entities\": {\"PRIVATE_KEY\": \"deny\"}}]}");
        openAi().run(ctx -> {
            RecordingObserver records = new RecordingObserver();
            ChatModel model = byHand(ctx.getBean(ChatModel.class), records, r -> load(r, file));

            Throwable e = catchThrowable(() -> call(model));

            assertThat(e).isInstanceOf(AiPolicyViolationException.class);
            assertThat(server.bodies()).isEmpty();
            probe.searchException(e);
            probe.searchRecords(records.records);
            probe.searchLogs();
            probe.search("principal", PRINCIPAL);
            assertNothingRaw();
        });
    }

    static PolicySet load(AimsRedactor redactor, Path file) {
        try (PolicyLoader loader = PolicyLoader.builder().redactor(redactor).build()) {
            return loader.load(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aProviderFailureEmitsNothingRaw() {
        openAi("spring.ai.openai.base-url=http://127.0.0.1:9/v1").run(ctx -> {
            RecordingObserver records = new RecordingObserver();
            ChatModel model = byHand(ctx.getBean(ChatModel.class), records, r -> PolicySet.EMPTY);

            Throwable e = catchThrowable(() -> call(model));

            assertThat(e).isNotNull();
            assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
            probe.searchException(e);
            probe.searchRecords(records.records);
            probe.searchLogs();
            probe.search("principal", PRINCIPAL);
            assertNothingRaw();
        });
    }

    @Test
    void theAutoConfigurationWithNothingButEnabledSendsAndEmitsNothingRaw(@TempDir Path evidence) throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        openAi("aims.enabled=true", "aims.evidence.directory=" + evidence)
                .withBean(RecordingObserver.class, RecordingObserver::new)
                .withBean(OpenTelemetry.class, () -> otel)
                .run(ctx -> {
                    ChatModel model = ctx.getBean(ChatModel.class);
                    assertThat(model).isInstanceOf(GovernedChatModel.class);

                    assertThat(call(model)).contains("You said: Now:\n" + ALL);
                    assertThat(stream(model)).contains("You said: Now:\n" + ALL);

                    List<CallRecord> records = ctx.getBean(RecordingObserver.class).records;
                    assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.findingCounts().keySet())
                            .containsAll(Seeds.types()));
                    assertThat(spans.getFinishedSpanItems()).hasSize(2);
                    searchAll(records, model);
                    probe.search("spans", spans.getFinishedSpanItems().toString());
                });
        StringBuilder files = new StringBuilder();
        try (Stream<Path> walk = Files.walk(evidence)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.append(Files.readString(f));
            }
        }
        assertThat(files).contains(PRINCIPAL);
        probe.search("evidence files (but the principal)", files.toString().replace(PRINCIPAL, "<principal>"));
        assertNothingRaw();
    }
}
