package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallInterceptor;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.PolicyStage;
import dev.aims.core.ModelAllowList;
import dev.aims.core.Policies;
import dev.aims.testkit.FakeRedactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

class GovernedChatModelTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String CARD = "4111 1111 1111 1111";

    final RecordingObserver observer = new RecordingObserver();
    final FakeRedactor redactor = new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS", CARD, "CREDIT_CARD"));
    final EchoChatModel provider = new EchoChatModel();

    final ExecutorService elsewhere = Executors.newSingleThreadExecutor(r -> new Thread(r, "elsewhere"));

    @AfterEach
    void stopThreads() {
        elsewhere.shutdownNow();
    }

    /** An interceptor that continues every call on another thread, as an asynchronous retry or cache would. */
    CallInterceptor hopsThreads() {
        return chain -> CompletableFuture.supplyAsync(() -> chain.proceed(chain.request()), elsewhere).join();
    }

    ChatModel governed() {
        return AimsSpringAi.govern(provider, aims -> aims.redactor(redactor).observer(observer));
    }

    static String text(List<ChatResponse> responses) {
        StringBuilder sb = new StringBuilder();
        for (ChatResponse r : responses) {
            sb.append(r.getResult().getOutput().getText());
        }
        return sb.toString();
    }

    @Test
    void redactsBeforeTheProviderAndRestoresForTheCaller() {
        String answer = governed().call("Refund " + CARD + " and mail " + EMAIL);

        assertThat(provider.received).singleElement().satisfies(p -> assertThat(p.getContents())
                .doesNotContain(EMAIL).doesNotContain(CARD).contains("<EMAIL_ADDRESS_1>", "<CREDIT_CARD_1>"));
        assertThat(answer).isEqualTo("You said: Refund " + CARD + " and mail " + EMAIL);
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(rec.requestModel()).isEqualTo("gpt-4o-mini");
        assertThat(rec.temperature()).contains(0.3);
        assertThat(rec.responseModel()).contains("gpt-4o-mini-2024");
        assertThat(rec.usage().outputTokens()).isEqualTo(4);
        assertThat(rec.finishReasons()).containsExactly(dev.aims.api.FinishReason.STOP);
    }

    @Test
    @SuppressWarnings("removal")
    void optionsAreTheDelegates() {
        ChatModel model = governed();

        assertThat(SpringAiLine.options(model)).isSameAs(provider.options);
        assertThat(model.getDefaultOptions()).isSameAs(provider.options);
    }

    @Test
    void aStreamCarriesRestoredTextAcrossChunkBoundariesThenTheClosingMetadata() {
        List<ChatResponse> chunks = governed().stream(new Prompt("mail " + EMAIL + " please")).collectList()
                .block(Duration.ofSeconds(10));

        assertThat(provider.received.get(0).getContents()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(text(chunks)).isEqualTo(EchoChatModel.PROSE + "You said: mail " + EMAIL + " please "
                + EchoChatModel.PROSE);
        ChatResponse last = chunks.get(chunks.size() - 1);
        assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(30);
        assertThat(last.getMetadata().getId()).isEqualTo("r-2");
        CallRecord rec = observer.only();
        assertThat(rec.streaming()).isTrue();
        assertThat(rec.usage().outputTokens()).isEqualTo(30);
    }

    @Test
    void aDenialMidStreamEndsTheFluxWithTheErrorAndStopsTheProvider() {
        ChatModel model = AimsSpringAi.govern(provider, aims -> aims.observer(observer).policy(Policies.of(
                "no-codename", "1", PolicyStage.POST,
                in -> !in.response().orElseThrow().text().contains("Project Zeus"), "codename", "")));
        List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();

        Throwable e = catchThrowable(() -> model.stream(new Prompt("tell me about Project Zeus"))
                .doOnNext(r -> texts.add(r.getResult().getOutput().getText())).blockLast(Duration.ofSeconds(10)));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(String.join("", texts)).startsWith("We have looked").doesNotContain("Project");
        assertThat(provider.cancelled).isTrue();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void cancellingTheSubscriptionStopsTheProviderAndEndsTheCall() throws Exception {
        List<ChatResponse> first = governed().stream(new Prompt("hi")).take(1).collectList()
                .block(Duration.ofSeconds(10));

        assertThat(first).hasSize(1);
        for (int i = 0; i < 100 && observer.records.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(provider.cancelled).isTrue();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void theContextIsTakenWhenStreamIsCalled() {
        CallContext ctx = CallContext.builder().principal("u-1").sessionId("s-1").build();
        reactor.core.publisher.Flux<ChatResponse> flux;
        try (CallContext.Scope s = CallContext.bind(ctx)) {
            flux = governed().stream(new Prompt("hi"));
        }

        flux.blockLast(Duration.ofSeconds(10));

        assertThat(observer.only().context()).isEqualTo(ctx);
    }

    @Test
    void aDeniedCallNeverReachesTheProvider() {
        ChatModel model = AimsSpringAi.govern(provider, aims -> aims.policy(ModelAllowList.of("claude-*")));

        Throwable e = catchThrowable(() -> model.call("hello"));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(provider.received).isEmpty();
    }

    @Test
    void aProviderFailureReachesTheCallerAsTheProvidersOwnException() {
        provider.failure = new IllegalStateException("rate limited");

        Throwable e = catchThrowable(() -> governed().call("mail " + EMAIL));

        assertThat(e).isSameAs(provider.failure);
        assertThat(e.getSuppressed()).singleElement().isInstanceOf(AiProviderException.class);
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void aCallContinuedOnAnotherThreadByAnInterceptorStillReachesTheProviderRedacted() {
        ChatModel model = AimsSpringAi.govern(provider, aims -> aims.redactor(redactor).observer(observer)
                .interceptor(hopsThreads()));

        String answer = model.call("mail " + EMAIL);

        assertThat(provider.threads).containsExactly("elsewhere");
        assertThat(provider.received.get(0).getContents()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        assertThat(answer).isEqualTo("You said: mail " + EMAIL);
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void aStreamContinuedOnAnotherThreadByAnInterceptorStillReachesTheProviderRedacted() {
        ChatModel model = AimsSpringAi.govern(provider, aims -> aims.redactor(redactor).observer(observer)
                .interceptor(hopsThreads()));

        List<ChatResponse> chunks = model.stream(new Prompt("mail " + EMAIL)).collectList()
                .block(Duration.ofSeconds(10));

        assertThat(provider.threads).containsExactly("elsewhere");
        assertThat(provider.received.get(0).getContents()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        assertThat(text(chunks)).contains("You said: mail " + EMAIL);
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void aRequestRebuiltWithoutItsTagFailsSayingToDeriveIt() {
        ChatModel model = AimsSpringAi.govern(provider, aims -> aims.observer(observer).interceptor(chain ->
                chain.proceed(AiRequest.builder().model(chain.request().model())
                        .messages(chain.request().messages()).build())));

        Throwable e = catchThrowable(() -> model.call("mail " + EMAIL));

        assertThat(e).hasMessageContaining("request.toBuilder()").hasMessageNotContaining(EMAIL);
        assertThat(provider.received).isEmpty();
        assertThat(observer.only().outcome()).isNotEqualTo(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void aStreamWhoseRequestLostItsTagEndsWithTheSameMessage() {
        ChatModel model = AimsSpringAi.govern(provider, aims -> aims.observer(observer).interceptor(chain ->
                chain.proceed(AiRequest.builder().model(chain.request().model())
                        .messages(chain.request().messages()).stream(true).build())));

        Throwable e = catchThrowable(() -> model.stream(new Prompt("hi")).blockLast(Duration.ofSeconds(10)));

        assertThat(e).hasMessageContaining("request.toBuilder()");
        assertThat(provider.received).isEmpty();
    }

    @Test
    void namesItselfAfterTheDelegate() {
        assertThat(governed()).hasToString("AimsSpringAi.govern(EchoChatModel)");
    }
}
