package dev.aims.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Operator;
import dev.aims.core.ModelAllowList;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LoopbackAnthropicServer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The governed async client against the loopback server: futures and subscribed streams. */
class GovernedMessageServiceAsyncTest {
    static final String EMAIL = "jane.doe@corp.example";

    final RecordingObserver observer = new RecordingObserver();
    LoopbackAnthropicServer server;
    AnthropicClientAsync raw;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackAnthropicServer(4);
        raw = AnthropicOkHttpClientAsync.builder().apiKey("test-key").baseUrl(server.baseUrl()).maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() {
        raw.close();
        server.close();
    }

    AnthropicClientAsync governed(String... approved) {
        return AimsAnthropic.builder().governance(aims -> {
            aims.redactor(AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build()).observer(observer);
            if (approved.length > 0) {
                aims.policy(ModelAllowList.of(approved));
            }
        }).build().wrap(raw);
    }

    static MessageCreateParams ask(String text) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage(text).build();
    }

    @Test
    void aFutureAnswersRestoredInTheContextBoundWhereTheCallWasMade() throws Exception {
        AnthropicClientAsync client = governed();

        CompletableFuture<Message> answer;
        try (CallContext.Scope s = CallContext.bind(CallContext.builder().tenant("support").build())) {
            answer = client.messages().create(ask("Mail " + EMAIL));
        }

        assertThat(answer.get(10, TimeUnit.SECONDS).content().get(0).asText().text())
                .isEqualTo("You said: Mail " + EMAIL);
        assertThat(server.everything()).contains("<EMAIL_ADDRESS_1>").doesNotContain(EMAIL);
        assertThat(observer.only().context().tenant()).hasValue("support");
    }

    @Test
    void aDeniedFutureFailsWithTheDenialAndNothingIsSent() {
        AnthropicClientAsync client = governed("claude-haiku-*");

        Throwable e = catchThrowable(() -> client.messages().create(ask(EMAIL)).get(10, TimeUnit.SECONDS));

        assertThat(e).isInstanceOf(ExecutionException.class).cause().isInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void aSubscribedStreamDeliversRestoredEventsThenCompletes() throws Exception {
        AnthropicClientAsync client = governed();
        MessageAccumulator accumulator = MessageAccumulator.create();
        CompletableFuture<Optional<Throwable>> ended = new CompletableFuture<>();

        AsyncStreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ask("Mail "
                + EMAIL + " " + "soon ".repeat(50)));
        stream.subscribe(new AsyncStreamResponse.Handler<RawMessageStreamEvent>() {
            @Override
            public void onNext(RawMessageStreamEvent event) {
                accumulator.accumulate(event);
            }

            @Override
            public void onComplete(Optional<Throwable> error) {
                ended.complete(error);
            }
        });

        assertThat(ended.get(10, TimeUnit.SECONDS)).isEmpty();
        stream.onCompleteFuture().get(10, TimeUnit.SECONDS);
        assertThat(accumulator.message().content().get(0).asText().text())
                .isEqualTo("You said: Mail " + EMAIL + " " + "soon ".repeat(50));
        assertThat(server.everything()).doesNotContain(EMAIL);
        assertThat(observer.only().streaming()).isTrue();
    }

    @Test
    void aDeniedStreamEndsWithTheDenialInOnComplete() throws Exception {
        AnthropicClientAsync client = governed("claude-haiku-*");
        CompletableFuture<Optional<Throwable>> ended = new CompletableFuture<>();

        AsyncStreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ask(EMAIL));
        stream.subscribe(new AsyncStreamResponse.Handler<RawMessageStreamEvent>() {
            @Override
            public void onNext(RawMessageStreamEvent event) {
                throw new AssertionError("no event expected");
            }

            @Override
            public void onComplete(Optional<Throwable> error) {
                ended.complete(error);
            }
        });

        assertThat(ended.get(10, TimeUnit.SECONDS)).containsInstanceOf(AiPolicyViolationException.class);
        assertThat(catchThrowable(() -> stream.onCompleteFuture().get(10, TimeUnit.SECONDS)))
                .cause().isInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
    }
}
