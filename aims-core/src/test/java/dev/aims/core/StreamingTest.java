package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Message;
import dev.aims.api.PolicyStage;
import dev.aims.api.StreamingModelClient;
import dev.aims.api.Usage;
import dev.aims.testkit.FakeRedactor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingTest {
    static final String EMAIL = "alice.smith@example.org";

    final RecordingObserver observer = new RecordingObserver();

    /** Streams the chunks on another thread, as HTTP clients do, then completes. */
    static StreamingModelClient streaming(List<String> chunks) {
        return (request, handler) -> new Thread(() -> {
            StringBuilder all = new StringBuilder();
            for (String c : chunks) {
                all.append(c);
                handler.onPartial(c);
            }
            handler.onComplete(AiResponse.builder().message(Message.assistant(all.toString()))
                    .usage(Usage.of(5, chunks.size())).build());
        }).start();
    }

    @Test
    void chunksArriveAndThePlaceholderSplitAcrossChunksIsRestored() {
        GovernedClient c = GovernedClient.builder().observer(observer)
                .streamingDelegate(streaming(List.of("Mail <EMAIL_AD", "DRESS_1> today", ".")))
                .redactor(new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS")))
                .build();
        CollectingHandler h = new CollectingHandler();

        c.stream(AiRequest.of("m", "write to " + EMAIL), CallContext.EMPTY, h);

        assertThat(String.join("", h.partials)).isEqualTo("Mail " + EMAIL + " today.");
        // no fragment of the placeholder reaches the caller (the text is short: it is held back whole until the end)
        assertThat(h.partials).noneMatch(p -> p.contains("<") || p.contains(">"));
        assertThat(h.completed.get().text()).isEqualTo("Mail " + EMAIL + " today.");
        assertThat(h.error.get()).isNull();
        CallRecord rec = observer.only();
        assertThat(rec.streaming()).isTrue();
        assertThat(rec.firstChunkAt()).isPresent();
        assertThat(rec.usage().outputTokens()).isEqualTo(3);
        assertThat(rec.sentRequest().orElseThrow().messages().get(0).text()).doesNotContain(EMAIL);
    }

    @Test
    void postDenialEndsTheStreamWithAnError() {
        GovernedClient c = GovernedClient.builder().observer(observer)
                .streamingDelegate(streaming(List.of("forbidden ", "words")))
                .policy(Policies.of("no-forbidden", "1", PolicyStage.POST,
                        in -> !in.response().orElseThrow().text().contains("forbidden"), "forbidden_output", ""))
                .build();
        CollectingHandler h = new CollectingHandler();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, h);

        assertThat(h.completed.get()).isNull();
        assertThat(h.error.get()).isInstanceOf(AiPolicyViolationException.class);
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void streamErrorIsAProviderError() {
        GovernedClient c = GovernedClient.builder().observer(observer)
                .streamingDelegate((req, handler) -> handler.onError(new java.io.IOException("reset")))
                .build();
        CollectingHandler h = new CollectingHandler();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, h);

        assertThat(h.error.get()).isInstanceOf(AiProviderException.class)
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThat(observer.only().errorType()).contains(java.io.IOException.class.getName());
    }

    @Test
    void cancelledStreamIsAProviderError() {
        GovernedClient c = GovernedClient.builder().observer(observer)
                .streamingDelegate((req, handler) -> handler.onError(new java.util.concurrent.CancellationException()))
                .build();
        CollectingHandler h = new CollectingHandler();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, h);

        assertThat(h.error.get()).isInstanceOf(AiProviderException.class)
                .hasCauseInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(observer.only().errorType()).contains(java.util.concurrent.CancellationException.class.getName());
    }

    @Test
    void plainDelegateServesStreamsAsOneChunk() {
        GovernedClient c = GovernedClient.builder().observer(observer).delegate(req -> AiResponse.of("whole"))
                .build();
        CollectingHandler h = new CollectingHandler();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, h);

        assertThat(h.partials).containsExactly("whole");
        assertThat(h.completed.get().text()).isEqualTo("whole");
        assertThat(observer.only().streaming()).isTrue();
    }

    @Test
    void streamingOnlyClientAnswersPlainCalls() {
        GovernedClient c = GovernedClient.builder().observer(observer)
                .streamingDelegate(streaming(List.of("a", "b"))).build();

        assertThat(c.call(AiRequest.of("m", "hi"), CallContext.EMPTY).text()).isEqualTo("ab");
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
    }
}
