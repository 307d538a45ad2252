package dev.aims.springai;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.StreamingHandler;
import java.util.concurrent.CancellationException;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.Disposable;
import reactor.util.context.ContextView;

/**
 * One call's Spring side — the original prompt and what came back — carried through the governance chain to the
 * delegate as a tag of the request ({@link AiRequest#tag(Class)}), so an interceptor may continue the call on any
 * thread. Fields written on one thread and read on another are volatile.
 */
final class Exchange {
    final PromptTranslator.Translated translated;
    volatile ChatResponse response;
    /** The AIMS form of {@link #response}: when governance hands back this very instance, nothing changed. */
    volatile AiResponse received;
    volatile Disposable subscription;
    volatile StreamingHandler governedSide;
    volatile boolean cancelled;
    /** The Reactor context of a stream's subscriber, passed on to the provider's stream; null when blocking. */
    volatile ContextView subscriberContext;

    Exchange(PromptTranslator.Translated translated) {
        this.translated = translated;
    }

    /** @return the translated request, tagged with this exchange */
    AiRequest request() {
        return translated.request().toBuilder().tag(Exchange.class, this).build();
    }

    /**
     * @param request the request as it reaches the delegate
     * @return the exchange the request carries
     * @throws IllegalStateException when the request lost its tag: an interceptor built a new request instead of
     *                               deriving it from the one it was given
     */
    static Exchange of(AiRequest request) {
        Exchange e = request.tag(Exchange.class);
        if (e == null) {
            throw new IllegalStateException("the request reached the Spring AI model without the tag that carries"
                    + " its prompt: an interceptor built a new AiRequest; derive it with request.toBuilder() (or"
                    + " request.mapText) so that its tags travel with it");
        }
        return e;
    }

    void cancel() {
        cancelled = true;
        stopDelegate();
        StreamingHandler g = governedSide;
        if (g != null) {
            g.onError(new CancellationException("stream cancelled by the subscriber"));
        }
    }

    void stopDelegate() {
        Disposable d = subscription;
        if (d != null) {
            d.dispose();
        }
    }
}
