package dev.aims.openai;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import dev.aims.api.StreamingHandler;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * One governed call's SDK side: the application's request in AIMS form, how to send the governed request through
 * the SDK, and how to turn the governed answer back into the SDK's types. It travels on the request as a tag
 * ({@link AiRequest#tag(Class)}), so an interceptor may continue the call on any thread; a request an interceptor
 * or policy replaces must be derived from the one it was given, or the call fails saying so.
 *
 * <p>For streamed calls it also holds the provider's stream, so that closing the application's stream stops it.
 *
 * @param <R> the SDK's answer ({@code ChatCompletion}, {@code Response})
 * @param <C> the SDK's stream element ({@code ChatCompletionChunk}, {@code ResponseStreamEvent})
 */
abstract class OpenAiCall<R, C> {
    static final String CULPRIT = "aims-openai";
    static final String MISSING = "the request reached the OpenAI client without its call tag: an interceptor or"
            + " policy replaced it with a new AiRequest; derive a replacement from the request it was given"
            + " (request.toBuilder() or request.mapText), so that its tags travel with it";

    /** Checks, right after the user's interceptors, that the request still carries its call, and names it. */
    static final CallInterceptor CHECK = chain -> {
        of(chain.request(), chain.callId()).callId = chain.callId();
        return chain.proceed(chain.request());
    };

    volatile String callId;
    private volatile AutoCloseable providerStream;
    private volatile StreamingHandler governedSide;
    private volatile Runnable onSent;
    private volatile boolean cancelled;

    /** @return the application's request in AIMS form, tagged with this call */
    abstract AiRequest request();

    /**
     * Sends the governed request and waits for the answer (the blocking delegate).
     *
     * @param sent the request as governance lets it leave
     * @return the provider's answer, in AIMS form
     */
    abstract AiResponse send(AiRequest sent);

    /**
     * Sends the governed request as a stream (the streaming delegate): its text goes to {@code governedSide} as it
     * arrives, then the whole answer.
     */
    abstract void stream(AiRequest sent, StreamingHandler governedSide);

    /**
     * @param governed the answer as governance returned it
     * @return the SDK's answer for the application
     */
    abstract R answer(AiResponse governed);

    /** @return the stream element that carries a piece of governed text to the application */
    abstract C text(String text);

    /** @return the stream elements that end a stream whose whole governed answer is {@code governed} */
    abstract List<C> end(AiResponse governed);

    /**
     * @param request a request of the pipeline
     * @param callId  its call id, when known
     * @return the call it carries
     * @throws AiGovernanceException if it carries none
     */
    static OpenAiCall<?, ?> of(AiRequest request, String callId) {
        OpenAiCall<?, ?> c = request.tag(OpenAiCall.class);
        if (c == null) {
            throw new AiGovernanceException(callId, CULPRIT, MISSING, null);
        }
        return c;
    }

    /**
     * @param build builds the SDK request from the governed one
     * @param <T>   the SDK request
     * @return the SDK request
     * @throws AiGovernanceException when the governed request cannot be expressed in the SDK's types
     */
    <T> T outgoing(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            // Not chained: the messages name fields, and a cause's could hold a value.
            throw new AiGovernanceException(callId, CULPRIT, "the governed request cannot be sent through the"
                    + " OpenAI SDK: " + e.getMessage(), null);
        }
    }

    /** @param onSent told when the governed request leaves (streamed calls: the application's stream starts) */
    void onSent(Runnable onSent) {
        this.onSent = onSent;
    }

    /** Records the provider's stream and the governed side, and tells the application's stream that it left. */
    void streaming(StreamingHandler governedSide) {
        this.governedSide = governedSide;
        Runnable r = onSent;
        if (r != null) {
            r.run();
        }
    }

    void providerStream(AutoCloseable stream) {
        this.providerStream = stream;
        if (cancelled) {
            stopProvider();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Stops the provider's stream, if there is one; used when governance ended the call early. */
    void stopProvider() {
        AutoCloseable s = providerStream;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                // Closing is best effort: the call has ended either way, and the record says how.
            }
        }
    }

    /** The application closed its stream: stop the provider's, and end the governed call. */
    void cancel() {
        cancelled = true;
        stopProvider();
        StreamingHandler g = governedSide;
        if (g != null) {
            g.onError(new CancellationException("stream closed by the application"));
        }
    }

    /**
     * Provider failures reach the application as the SDK's own exception, as they would without AIMS, with the
     * AIMS exception (and its call id) attached as suppressed.
     *
     * @param e what governance ended the call with
     * @return the SDK's own exception, or {@code e}
     */
    static Throwable unwrap(Throwable e) {
        Throwable cause = e.getCause();
        if (e instanceof AiProviderException && cause instanceof RuntimeException) {
            cause.addSuppressed(e);
            return cause;
        }
        return e;
    }
}
