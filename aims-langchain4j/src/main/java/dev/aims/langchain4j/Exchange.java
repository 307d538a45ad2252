package dev.aims.langchain4j;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import dev.aims.api.Message;
import dev.aims.api.StreamingHandler;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One call's LangChain4j side, carried from the decorator to the governed delegate across the AIMS pipeline as a
 * tag of the request ({@link AiRequest#tag(Class)}): the original request and its effective parameters (for the
 * settings AIMS does not model), the delegate's defaults, the caller's options, and the delegate's response (to keep
 * the provider's metadata). Being on the request, it travels with it to whatever thread an interceptor continues
 * on; a request rebuilt with {@code toBuilder()} or {@code mapText} keeps it, a brand-new one does not, and the
 * call then fails naming the way to keep it.
 *
 * <p>For streamed calls it is also the caller's {@link StreamingHandle}: cancelling stops the provider's stream
 * (when the provider offers a handle), ends the governed call and silences the caller's handler.
 */
final class Exchange implements StreamingHandle {
    static final String CULPRIT = "aims-langchain4j";
    static final String MISSING = "the request reached the LangChain4j model without its exchange tag: an"
            + " interceptor or policy replaced it with a new AiRequest; derive a replacement from the request it was"
            + " given (request.toBuilder() or request.mapText), so that its tags travel with it";

    /**
     * Checks, right after the user's interceptors, that the request still carries its exchange, and tells the
     * exchange its call id (for the errors of the far side).
     */
    static final CallInterceptor CHECK = chain -> {
        of(chain.request(), chain.callId()).callId = chain.callId();
        return chain.proceed(chain.request());
    };

    final ChatRequest original;
    final ChatRequestParameters defaults;
    final ChatRequestParameters effective;
    /** The AIMS form of the original messages, before governance. */
    final List<Message> translated;
    final ChatRequestOptions options;
    volatile String callId;
    volatile ChatResponse response;
    /** The AIMS form of {@link #response}: when governance hands back this very instance, nothing changed. */
    volatile AiResponse received;
    private volatile StreamingHandle delegateHandle;
    private volatile StreamingHandler governedSide;
    private volatile boolean cancelled;

    Exchange(ChatRequest original, ChatRequestParameters defaults, ChatRequestParameters effective,
            List<Message> translated, ChatRequestOptions options) {
        this.original = original;
        this.defaults = defaults;
        this.effective = effective;
        this.translated = translated;
        this.options = options == null ? ChatRequestOptions.EMPTY : options;
    }

    /**
     * @param request a request of the pipeline
     * @param callId  its call id, when known
     * @return the exchange it carries
     * @throws AiGovernanceException if it carries none
     */
    static Exchange of(AiRequest request, String callId) {
        Exchange e = request.tag(Exchange.class);
        if (e == null) {
            throw new AiGovernanceException(callId, CULPRIT, MISSING, null);
        }
        return e;
    }

    /**
     * @param sent the governed request
     * @return the LangChain4j request the delegate is to send, built from it
     * @throws AiGovernanceException if the governed request cannot be expressed in LangChain4j
     */
    ChatRequest outgoing(AiRequest sent) {
        try {
            return Translator.toLangChain4j(sent, this);
        } catch (IllegalArgumentException e) {
            // Not chained: the messages here name fields, and a cause's could hold a value.
            throw new AiGovernanceException(callId, CULPRIT, "the governed request cannot be sent through"
                    + " LangChain4j: " + e.getMessage(), null);
        }
    }

    /**
     * @param governed the response governance returned
     * @return the LangChain4j response for the caller: the delegate's own when governance changed nothing
     */
    ChatResponse answer(AiResponse governed) {
        ChatResponse delegated = response;
        return governed == received && delegated != null ? delegated
                : Translator.toLangChain4j(governed, delegated);
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
     * attached as suppressed. A {@code chat} call can rethrow only unchecked ones; a stream's {@code onError} takes
     * any (streaming clients report a refused connection as the checked exception it is).
     *
     * @param e       what governance ended the call with
     * @param checked whether a checked provider exception may be handed on
     * @return the provider's own exception, or {@code e}
     */
    static Throwable unwrap(Throwable e, boolean checked) {
        Throwable cause = e.getCause();
        if (e instanceof AiProviderException && cause != null && cause != e
                && (checked ? !(cause instanceof Error) : cause instanceof RuntimeException)) {
            cause.addSuppressed(e);
            return cause;
        }
        return e;
    }
}
