package dev.aims.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message.Builder;
import dev.aims.api.Operator;
import dev.aims.api.PolicyStage;
import dev.aims.api.Role;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.ModelAllowList;
import dev.aims.core.Policies;
import dev.aims.core.UninspectedContent;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LoopbackAnthropicServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The governed blocking client against a loopback server speaking Anthropic's wire format, with the SDK's real
 * OkHttp client: what left, what came back, what was recorded.
 */
class GovernedMessageServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EMAIL = "jane.doe@corp.example";
    static final String CARD = "4111 1111 1111 1111";

    final RecordingObserver observer = new RecordingObserver();
    LoopbackAnthropicServer server;
    AnthropicClient raw;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackAnthropicServer(5);
        raw = AnthropicOkHttpClient.builder().apiKey("test-key").baseUrl(server.baseUrl()).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        raw.close();
        server.close();
    }

    AnthropicClient governed(Consumer<GovernedClient.Builder> more) {
        return AimsAnthropic.builder().governance(aims -> {
            aims.redactor(AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build()).observer(observer);
            more.accept(aims);
        }).build().wrap(raw);
    }

    static MessageCreateParams.Builder params() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256);
    }

    static JsonNode body(String body) throws Exception {
        return JSON.readTree(body);
    }

    static Tool lookup() {
        return Tool.builder().name("lookup").description("Looks up a customer")
                .inputSchema(Tool.InputSchema.builder().properties(JsonValue.from(Map.of("q", Map.of("type",
                        "string")))).build()).build();
    }

    @Test
    void aCallLeavesWithPlaceholdersAndComesBackRestored() throws Exception {
        AnthropicClient client = governed(aims -> { });

        Message answer = client.messages().create(params().system("Serve " + EMAIL)
                .addUserMessage("My card is " + CARD).build());

        JsonNode sent = body(server.bodies().get(0));
        assertThat(sent.path("system").asText()).isEqualTo("Serve <EMAIL_ADDRESS_1>");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("My card is <CREDIT_CARD_1>");
        assertThat(server.everything()).doesNotContain(EMAIL, CARD, CARD.replace(" ", ""));
        assertThat(answer.content()).singleElement().satisfies(b -> assertThat(b.asText().text())
                .isEqualTo("You said: My card is " + CARD));
        assertThat(answer.id()).startsWith("msg_loopback_");
        CallRecord record = observer.only();
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(record.provider()).isEqualTo("anthropic");
        assertThat(record.findingCounts()).containsKeys("EMAIL_ADDRESS", "CREDIT_CARD");
        assertThat(record.usage().inputTokens()).as("cached tokens counted in").isEqualTo(21 + 5 + 2);
        assertThat(record.usage().cacheReadInputTokens()).isEqualTo(5);
    }

    @Test
    void theAnswerKeepsWhatTheProviderSaidBesideItsTexts() {
        AnthropicClient client = governed(aims -> { });

        Message untouched = client.messages().create(params().addUserMessage("Nothing personal here").build());
        Message restored = client.messages().create(params().addUserMessage("Mail " + EMAIL).build());

        for (Message m : List.of(untouched, restored)) {
            assertThat(m.id()).startsWith("msg_loopback_");
            assertThat(m.model().asString()).isEqualTo("claude-sonnet-4-5");
            assertThat(m.usage().cacheReadInputTokens()).hasValue(5L);
            assertThat(m.usage().cacheCreationInputTokens()).hasValue(2L);
            assertThat(m.stopReason().orElseThrow().asString()).isEqualTo("end_turn");
        }
        assertThat(untouched.content().get(0).asText().text()).isEqualTo("You said: Nothing personal here");
        assertThat(restored.content().get(0).asText().text()).isEqualTo("You said: Mail " + EMAIL);
    }

    @Test
    void toolCallsKeepPlaceholdersUnlessTheToolIsNamed() {
        MessageCreateParams ask = params().addTool(lookup()).addUserMessage(EMAIL).build();

        Message unnamed = governed(aims -> { }).messages().create(ask);
        Message named = governed(aims -> aims.restoreIntoTools("lookup")).messages().create(ask);

        assertThat(unnamed.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("tool_use"));
        assertThat(unnamed.content().get(0).asToolUse()._input().toString()).contains("<EMAIL_ADDRESS_1>")
                .doesNotContain(EMAIL);
        assertThat(named.content().get(0).asToolUse()._input().toString()).contains(EMAIL);
        assertThat(observer.records.get(1).restorations()).singleElement()
                .satisfies(r -> assertThat(r.toolName()).isEqualTo("lookup"));
    }

    @Test
    void aToolLoopSendsResultsRedactedAndNamesThem() throws Exception {
        AnthropicClient client = governed(aims -> { });
        MessageCreateParams ask = params().addTool(lookup()).addUserMessage("Find " + EMAIL).build();
        Message call = client.messages().create(ask);
        ContentBlock use = call.content().get(0);

        Message answer = client.messages().create(ask.toBuilder().addMessage(call.toParam())
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam
                        .builder().toolUseId(use.asToolUse().id()).content("Card " + CARD).build()))).build());

        JsonNode second = body(server.bodies().get(1));
        JsonNode result = second.path("messages").get(2).path("content").get(0);
        assertThat(result.path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("content").asText()).isEqualTo("Card <CREDIT_CARD_1>");
        assertThat(second.path("messages").get(1).path("content").get(0).path("input").path("q").asText())
                .as("the model's own placeholder goes back as it came").isEqualTo("Find <EMAIL_ADDRESS_1>");
        assertThat(answer.content().get(0).asText().text()).isEqualTo("Tool said: Card " + CARD
                + " | You said: Find " + EMAIL);
        assertThat(server.everything()).doesNotContain(EMAIL, CARD);
        assertThat(observer.records.get(1).sentRequest().orElseThrow().messages())
                .extracting(dev.aims.api.Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL);
        assertThat(observer.records.get(1).sentRequest().orElseThrow().messages().get(2).toolResult()
                .orElseThrow().toolName()).isEqualTo("lookup");
    }

    @Test
    void aDenialNeverReachesTheServer() {
        AnthropicClient client = governed(aims -> aims.policy(ModelAllowList.of("claude-haiku-*")));

        Throwable e = catchThrowable(() -> client.messages().create(params().addUserMessage(EMAIL).build()));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class).hasMessageContaining("model-allow-list")
                .hasMessageNotContaining(EMAIL);
        assertThat(server.bodies()).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void anInlineImageIsRefusedByDefaultAndSentAsIsWhenAllowed() throws Exception {
        ContentBlockParam image = ContentBlockParam.ofImage(Base64ImageSource.builder()
                .mediaType(Base64ImageSource.MediaType.IMAGE_PNG).data("iVBORw0KGgo=").build());
        MessageCreateParams ask = params().addUserMessageOfContentBlockParams(List.of(image,
                ContentBlockParam.ofText("What is this, " + EMAIL + "?"))).build();

        Throwable refused = catchThrowable(() -> governed(aims -> { }).messages().create(ask));
        Message allowed = governed(aims -> aims.uninspectedContent(UninspectedContent.ALLOW)).messages()
                .create(ask);

        assertThat(refused).isInstanceOf(AiPolicyViolationException.class)
                .hasMessageContaining("aims.uninspected-content");
        assertThat(server.bodies()).hasSize(1);
        JsonNode content = body(server.bodies().get(0)).path("messages").get(0).path("content");
        assertThat(content.get(0).path("source").path("data").asText()).isEqualTo("iVBORw0KGgo=");
        assertThat(content.get(1).path("text").asText()).isEqualTo("What is this, <EMAIL_ADDRESS_1>?");
        assertThat(allowed.content().get(0).asText().text()).contains(EMAIL);
        assertThat(observer.records.get(1).uninspectedParts()).isEqualTo(1);
    }

    @Test
    void aProviderFailureIsTheSdksOwnExceptionWithTheAimsOneSuppressed() {
        AnthropicClient down = AnthropicOkHttpClient.builder().apiKey("test-key").baseUrl("http://127.0.0.1:9")
                .maxRetries(0).build();
        AnthropicClient client = AimsAnthropic.builder().governance(aims -> aims.observer(observer)).build()
                .wrap(down);

        Throwable e = catchThrowable(() -> client.messages().create(params().addUserMessage(EMAIL).build()));

        assertThat(e).isInstanceOf(AnthropicIoException.class);
        assertThat(e.getSuppressed()).singleElement().isInstanceOf(AiProviderException.class);
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
        down.close();
    }

    @Test
    void anInterceptorThatReplacesTheRequestFailsTheCallNamingTheWayToKeepIt() {
        AnthropicClient client = governed(aims -> aims.interceptor(chain -> chain.proceed(AiRequest.builder()
                .model("claude-sonnet-4-5").messages(chain.request().messages()).build())));

        Throwable e = catchThrowable(() -> client.messages().create(params().addUserMessage(EMAIL).build()));

        assertThat(e).isInstanceOf(AiGovernanceException.class).hasMessageContaining("request.toBuilder()");
        assertThat(server.bodies()).isEmpty();
    }

    @Test
    void aRequestReshapedByGovernanceIsNotSentHalfMapped() {
        AnthropicClient client = governed(aims -> aims.interceptor(chain -> {
            List<dev.aims.api.Message> messages = new ArrayList<>(chain.request().messages());
            Builder extra = dev.aims.api.Message.builder(Role.USER).text("and one more");
            messages.add(extra.build());
            return chain.proceed(chain.request().toBuilder().messages(messages).build());
        }));

        Throwable e = catchThrowable(() -> client.messages().create(params().addUserMessage(EMAIL).build()));

        assertThat(e).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("cannot be sent through the Anthropic SDK: it has 2 messages");
        assertThat(server.bodies()).isEmpty();
    }

    @Test
    void aStreamReleasesRestoredTextAsTheApisEvents() throws Exception {
        AnthropicClient client = governed(aims -> { });
        List<RawMessageStreamEvent> events = new ArrayList<>();
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params()
                .addUserMessage("Mail " + EMAIL + " about card " + CARD + ", " + "please ".repeat(40)).build())) {
            stream.stream().forEach(e -> events.add(accumulator.accumulate(e)));
        }

        assertThat(body(server.bodies().get(0)).path("stream").asBoolean()).isTrue();
        assertThat(server.everything()).doesNotContain(EMAIL, CARD);
        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count())
                .as("text released in pieces").isGreaterThan(1);
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        Message whole = accumulator.message();
        assertThat(whole.content()).singleElement().satisfies(b -> assertThat(b.asText().text())
                .isEqualTo("You said: Mail " + EMAIL + " about card " + CARD + ", " + "please ".repeat(40)));
        assertThat(whole.stopReason().orElseThrow().asString()).isEqualTo("end_turn");
        CallRecord record = observer.only();
        assertThat(record.streaming()).isTrue();
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void aStreamedAnswerWithThinkingAndAToolAccumulatesInTheProvidersOrder() {
        AnthropicClient client = governed(aims -> aims.restoreIntoTools("lookup"));
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params()
                .maxTokens(2048).enabledThinking(1024).addTool(lookup()).addUserMessage("Who is " + EMAIL + "?")
                .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message whole = accumulator.message();
        assertThat(whole.content()).hasSize(2);
        assertThat(whole.content().get(0).asThinking().thinking())
                .as("thinking as the provider wrote it: its signature covers it")
                .isEqualTo("Considering: Who is <EMAIL_ADDRESS_1>?");
        assertThat(whole.content().get(0).asThinking().signature()).startsWith("sig-");
        assertThat(whole.content().get(1).asToolUse()._input().toString()).contains(EMAIL);
        assertThat(whole.stopReason().orElseThrow().asString()).isEqualTo("tool_use");
    }

    @Test
    void aStreamDeniedBeforeSendingThrowsFromCreateStreaming() {
        AnthropicClient client = governed(aims -> aims.policy(ModelAllowList.of("claude-haiku-*")));

        Throwable e = catchThrowable(() -> client.messages().createStreaming(params().addUserMessage(EMAIL)
                .build()));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void aDenialMidStreamEndsTheStreamBeforeTheDeniedText() {
        AnthropicClient client = governed(aims -> aims.policy(Policies.of("no-forbidden", "1", PolicyStage.POST,
                in -> in.response().map(r -> !r.text().contains("forbidden")).orElse(true), "forbidden", "")));
        StringBuilder released = new StringBuilder();

        Throwable e;
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params()
                .addUserMessage("fine words ".repeat(60) + "then the forbidden one").build())) {
            e = catchThrowable(() -> stream.stream().forEach(ev -> ev.contentBlockDelta()
                    .ifPresent(d -> released.append(d.delta().asText().text()))));
        }

        assertThat(e).isInstanceOf(AiPolicyViolationException.class).hasMessageContaining("no-forbidden");
        assertThat(released.toString()).as("released before the denial").startsWith("You said: fine words")
                .doesNotContain("forbidden");
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void closingAStreamStopsItAndTheCallIsStillRecorded() throws Exception {
        AnthropicClient client = governed(aims -> { });
        StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params()
                .addUserMessage("word ".repeat(500)).build());

        RawMessageStreamEvent first = stream.stream().iterator().next();
        stream.close();

        assertThat(first.isMessageStart()).isTrue();
        for (int i = 0; i < 200 && observer.records.isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertThat(observer.records).as("one record, whatever the outcome").hasSize(1);
    }

    @Test
    void aStreamedAnswerWithThinkingAndTextAccumulatesThinkingFirst() {
        AnthropicClient client = governed(aims -> { });
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<RawMessageStreamEvent> events = new ArrayList<>();

        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params()
                .maxTokens(2048).enabledThinking(1024).addUserMessage("Mail " + EMAIL).build())) {
            stream.stream().forEach(e -> events.add(accumulator.accumulate(e)));
        }

        Message whole = accumulator.message();
        assertThat(whole.content()).hasSize(2);
        assertThat(whole.content().get(0).asThinking().thinking()).isEqualTo("Considering: Mail <EMAIL_ADDRESS_1>");
        assertThat(whole.content().get(1).asText().text()).isEqualTo("You said: Mail " + EMAIL);
        int thinkingAt = -1;
        int firstText = -1;
        for (int i = 0; i < events.size(); i++) {
            RawMessageStreamEvent e = events.get(i);
            if (e.isContentBlockStart() && e.asContentBlockStart().contentBlock().isThinking()) {
                thinkingAt = i;
            }
            if (firstText < 0 && e.isContentBlockDelta()) {
                firstText = i;
            }
        }
        assertThat(thinkingAt).as("thinking arrives once the whole answer passed").isGreaterThan(firstText);
    }

    @Test
    void anAnswerAnInterceptorGaveIsReturnedAsAMessage() {
        AnthropicClient client = governed(aims -> aims.interceptor(chain -> AiResponse.builder()
                .message(dev.aims.api.Message.assistant("from the cache")).usage(new Usage(7, 3))
                .finishReason(FinishReason.STOP).build()));
        MessageAccumulator accumulator = MessageAccumulator.create();

        Message whole = client.messages().create(params().addUserMessage(EMAIL).build());
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params()
                .addUserMessage(EMAIL).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        for (Message m : List.of(whole, accumulator.message())) {
            assertThat(m.content()).singleElement().satisfies(b -> assertThat(b.asText().text())
                    .isEqualTo("from the cache"));
            assertThat(m.model().asString()).isEqualTo("claude-sonnet-4-5");
            assertThat(m.stopReason().orElseThrow().asString()).isEqualTo("end_turn");
        }
        assertThat(whole.usage().inputTokens()).isEqualTo(7);
        assertThat(server.bodies()).isEmpty();
    }
}
