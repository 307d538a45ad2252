package dev.aims.langchain4j;

import dev.aims.api.AiProviderException;
import dev.aims.api.AiResponse;
import dev.aims.api.StreamingHandler;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CancellationException;

/**
 * One call's LangChain4j side, carried from the decorator to the governed delegate across the AIMS pipeline: the
 * original request (to rebuild what AIMS does not model), the caller's options, and the delegate's response (to
 * keep the provider's metadata). The pipeline calls its delegate on the caller's thread, so the exchange travels
 * in a thread-local, entered and left around each governed call (nested calls restore the outer one).
 *
 * <p>For streamed calls it is also the caller's {@link StreamingHandle}: cancelling stops the provider's stream
 * (when the provider offers a handle), ends the governed call and silences the caller's handler.
 */
final class Exchange implements StreamingHandle {
    private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

    final Translator.Translated translated;
    final ChatRequestOptions options;
    volatile ChatResponse response;
    /** The AIMS form of {@link #response}: when governance hands back this very instance, nothing changed. */
    volatile AiResponse received;
    private volatile StreamingHandle delegateHandle;
    private volatile StreamingHandler governedSide;
    private volatile boolean cancelled;

    Exchange(Translator.Translated translated, ChatRequestOptions options) {
        this.translated = translated;
        this.options = options == null ? ChatRequestOptions.EMPTY : options;
    }

    /**
     * @param governed the response governance returned
     * @return the LangChain4j response for the caller: the delegate's own when governance changed nothing
     */
    ChatResponse answer(AiResponse governed) {
        ChatResponse original = response;
        return governed == received && original != null ? original : Translator.toLangChain4j(governed, original);
    }

    /** @return the exchange that was current before, to hand back to {@link #leave} */
    Exchange enter() {
        Exchange previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    static void leave(Exchange previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /**
     * @return the exchange of the governed call running on this thread
     * @throws IllegalStateException if none is (the delegate was reached other than through the decorator)
     */
    static Exchange current() {
        Exchange e = CURRENT.get();
        if (e == null) {
            throw new IllegalStateException("no LangChain4j call is in progress on thread "
                    + Thread.currentThread().getName() + "; the governed delegate must be reached through the model"
                    + " returned by AimsLangChain4j.govern");
        }
        return e;
    }

    void streaming(StreamingHandler governedSide) {
        this.governedSide = governedSide;
    }

    void delegateHandle(StreamingHandle handle) {
        if (handle != null) {
            this.delegateHandle = handle;
        }
    }

    /** Stops the provider's stream, if it offered a way to; used when governance ended the call early. */
    void stopDelegate() {
        StreamingHandle h = delegateHandle;
        if (h != null && !h.isCancelled()) {
            h.cancel();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        stopDelegate();
        StreamingHandler g = governedSide;
        if (g != null) {
            g.onError(new CancellationException("stream cancelled by the caller"));
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Provider failures reach the caller as the provider's own exception, as they would without AIMS, so that
     * LangChain4j's and the application's handling of them is unchanged; the AIMS exception (with the call id) is
     * attached as suppressed.
     */
    static Throwable unwrap(Throwable e) {
        if (e instanceof AiProviderException && e.getCause() instanceof RuntimeException) {
            RuntimeException cause = (RuntimeException) e.getCause();
            cause.addSuppressed(e);
            return cause;
        }
        return e;
    }
}
