package dev.aims.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.CallRecord;
import dev.aims.api.Operator;
import dev.aims.api.PolicyDecision;
import dev.aims.core.ModelAllowList;
import dev.aims.core.UninspectedContent;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real SDK client, governed, against a loopback server speaking the chat-completions wire format: what left,
 * what came back, blocking, asynchronous and streamed.
 */
class ChatCompletionsTest {
    static final String EMAIL = Seeds.byType().get("EMAIL_ADDRESS");

    LoopbackOpenAiServer server;
    OpenAIClient raw;
    RecordingObserver records = new RecordingObserver();
    AimsOpenAi aims;
    OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAiServer(5);
        raw = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("test-key").maxRetries(0).build();
        aims = AimsOpenAi.builder(a -> a.redactor(pseudonymising()).observer(records)
                .policy(ModelAllowList.of("gpt-4o*"))).build();
        client = aims.wrap(raw);
    }

    @AfterEach
    void stop() {
        aims.close();
        raw.close();
        server.close();
    }

    static AimsRedactor pseudonymising() {
        return AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build();
    }

    static ChatCompletionCreateParams ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build();
    }

    @Test
    void createSendsPlaceholdersAndRestoresTheAnswer() {
        ChatCompletion answer = client.chat().completions().create(ask("gpt-4o-mini", "I'm " + EMAIL));

        assertThat(server.allBodies()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        assertThat(answer.choices().get(0).message().content()).contains("You said: I'm " + EMAIL);
        assertThat(answer.usage().orElseThrow().promptTokens()).isEqualTo(21);
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(records.only().findingCounts()).containsEntry("EMAIL_ADDRESS", 1);
    }

    @Test
    void everySeededValueLeavesAsAPlaceholderAndComesBack() {
        ChatCompletion answer = client.chat().completions().create(ask("gpt-4o-mini", Seeds.all()));

        assertThat(Seeds.foundIn("bytes sent", server.allBodies())).isEmpty();
        assertThat(answer.choices().get(0).message().content().orElseThrow()).isEqualTo("You said: " + Seeds.all());
        assertThat(records.only().findingCounts().keySet()).containsAll(Seeds.byType().keySet());
    }

    @Test
    void aDeniedCallNeverReachesTheServer() {
        Throwable e = catchThrowable(() -> client.chat().completions().create(ask("o1-preview", "I'm " + EMAIL)));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(((AiPolicyViolationException) e).decision().effect()).isEqualTo(PolicyDecision.Effect.DENY);
        assertThat(server.bodies()).isEmpty();
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void aStreamArrivesInChunksRestoredAndTheServerSawPlaceholders() {
        String text;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions()
                .createStreaming(ask("gpt-4o-mini", "Mail " + EMAIL + " please"))) {
            text = s.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
                    .collect(Collectors.joining());
        }

        assertThat(text).isEqualTo("You said: Mail " + EMAIL + " please");
        assertThat(server.allBodies()).doesNotContain(EMAIL).contains("\"stream\":true");
        assertThat(records.only().streaming()).isTrue();
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void aDeniedStreamThrowsWhereItIsOpenedAndSendsNothing() {
        Throwable e = catchThrowable(() -> client.chat().completions().createStreaming(ask("o1-preview", "Hi")));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
    }

    @Test
    void asyncCreateAndAsyncStreamAreGovernedAlike() throws Exception {
        ChatCompletion answer = client.async().chat().completions().create(ask("gpt-4o-mini", "I'm " + EMAIL))
                .get(20, TimeUnit.SECONDS);
        assertThat(answer.choices().get(0).message().content()).contains("You said: I'm " + EMAIL);

        StringBuilder text = new StringBuilder();
        CompletableFuture<Optional<Throwable>> done = new CompletableFuture<>();
        AsyncStreamResponse<ChatCompletionChunk> s = client.async().chat().completions()
                .createStreaming(ask("gpt-4o-mini", "Call " + EMAIL));
        s.subscribe(new AsyncStreamResponse.Handler<ChatCompletionChunk>() {
            @Override
            public void onNext(ChatCompletionChunk chunk) {
                chunk.choices().forEach(c -> text.append(c.delta().content().orElse("")));
            }

            @Override
            public void onComplete(Optional<Throwable> error) {
                done.complete(error);
            }
        });
        assertThat(done.get(20, TimeUnit.SECONDS)).isEmpty();
        s.onCompleteFuture().get(20, TimeUnit.SECONDS);

        assertThat(text.toString()).isEqualTo("You said: Call " + EMAIL);
        assertThat(server.allBodies()).doesNotContain(EMAIL);
        assertThat(records.records).hasSize(2);
    }

    @Test
    void anAsyncDenialFailsTheFutureAndSendsNothing() {
        CompletableFuture<ChatCompletion> f = client.async().chat().completions().create(ask("o1-preview", "Hi"));

        Throwable e = catchThrowable(() -> f.get(20, TimeUnit.SECONDS));

        assertThat(e).hasCauseInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
    }

    static ChatCompletionFunctionTool lookup() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("lookup")
                .description("Finds the orders of a customer")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("q", Map.of("type", "string"))))
                        .build()).build()).build();
    }

    @Test
    void toolCallArgumentsStayPlaceholdersUnlessTheToolIsNamed() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("orders of " + EMAIL).addTool(lookup()).build();

        ChatCompletionMessageToolCall call = client.chat().completions().create(params).choices().get(0).message()
                .toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().arguments()).contains("<EMAIL_ADDRESS_1>").doesNotContain(EMAIL);

        try (AimsOpenAi named = AimsOpenAi.builder(a -> a.redactor(pseudonymising()).restoreIntoTools("lookup"))
                .build()) {
            ChatCompletionMessageToolCall restored = named.wrap(raw).chat().completions().create(params).choices()
                    .get(0).message().toolCalls().orElseThrow().get(0);
            assertThat(restored.asFunction().function().arguments()).contains(EMAIL);
        }
        assertThat(server.allBodies()).doesNotContain(EMAIL);
    }

    @Test
    void aStreamedToolCallArrivesWholeInTheLastChunk() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("orders of " + EMAIL).addTool(lookup()).build();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
            chunks = s.stream().collect(Collectors.toList());
        }

        ChatCompletionChunk.Choice last = chunks.get(chunks.size() - 1).choices().get(0);
        assertThat(last.finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
        assertThat(last.delta().toolCalls().orElseThrow().get(0).function().orElseThrow().arguments().orElseThrow())
                .isEqualTo("{\"q\":\"orders of <EMAIL_ADDRESS_1>\"}");
        assertThat(server.allBodies()).doesNotContain(EMAIL);
    }

    @Test
    void anUnknownBodyFieldIsUninspectedAndRefusedByDefault() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("Hi").putAdditionalBodyProperty("x_note", JsonValue.from(EMAIL)).build();

        Throwable e = catchThrowable(() -> client.chat().completions().create(params));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
        assertThat(records.only().uninspectedParts()).isEqualTo(1);

        try (AimsOpenAi allowing = AimsOpenAi.builder(a -> a.uninspectedContent(UninspectedContent.ALLOW))
                .build()) {
            allowing.wrap(raw).chat().completions().create(params);
        }
        assertThat(server.allBodies()).contains("\"x_note\"");
    }

    @Test
    void aFailingProviderSurfacesTheSdksOwnException() {
        OpenAIClient down = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("k")
                .maxRetries(0).build();
        Throwable e = catchThrowable(() -> aims.wrap(down).chat().completions().create(ask("gpt-4o-mini", "Hi")));

        assertThat(e).isInstanceOf(com.openai.errors.OpenAIException.class);
        assertThat(e.getSuppressed()).anySatisfy(s -> assertThat(s).isInstanceOf(dev.aims.api.AiProviderException.class));
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
        down.close();
    }
}
