package dev.aims.core;

import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallInterceptor;
import dev.aims.api.Message;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The last step of a streamed call. Each chunk the provider sends is appended to the text received so far; what
 * {@link StreamHoldBack} allows is released to the caller's handler, pseudonyms restored ({@link RestoringStream}),
 * but only after the POST policies have passed the text received so far ({@link PolicyStep#checkPartial}), so an
 * entity split across chunks is judged whole before any of it leaves, and a denial ends the stream at once. The
 * step waits for the end of the stream so that the POST policies and the record see the whole answer; the tail it
 * still holds is released by {@link #releaseRest()} once they have passed it.
 *
 * <p>One instance serves one call. Chunks may arrive on any thread; they are handled one at a time, in order.
 */
final class StreamingDelegateStep implements CallInterceptor {
    private final StreamingModelClient delegate;
    private final String provider;
    private final Clock clock;
    private final StreamingHandler downstream;
    private final PolicyStep post;
    private final Object lock = new Object();
    private final StringBuilder received = new StringBuilder();
    private RestoringStream restorer;
    private int released;
    private boolean ended;

    StreamingDelegateStep(StreamingModelClient delegate, String provider, Clock clock, StreamingHandler downstream,
            PolicyStep post) {
        this.delegate = delegate;
        this.provider = provider;
        this.clock = clock;
        this.downstream = downstream;
        this.post = post;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        CallState state = ((RealChain) chain).state();
        AiRequest request = chain.request();
        String providerName = request.provider().orElse(provider);
        state.sentRequest = request;
        synchronized (lock) {
            restorer = new RestoringStream(state.redaction);
        }
        CompletableFuture<AiResponse> done = new CompletableFuture<>();
        try {
            delegate.stream(request, new StreamingHandler() {
                @Override
                public void onPartial(String text) {
                    accept(state, request, text, done);
                }

                @Override
                public void onComplete(AiResponse response) {
                    synchronized (lock) {
                        if (ended) {
                            return;
                        }
                        ended = true;
                    }
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    synchronized (lock) {
                        if (ended) {
                            return;
                        }
                        ended = true;
                    }
                    done.completeExceptionally(error);
                }
            });
        } catch (AimsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AiProviderException(state.callId, providerName, e);
        }
        AiResponse response;
        try {
            response = done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AimsException) {
                throw (AimsException) e.getCause();
            }
            throw new AiProviderException(state.callId, providerName, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiProviderException(state.callId, providerName, e);
        }
        if (response == null) {
            throw new AiProviderException(state.callId, providerName,
                    new IllegalStateException("streaming delegate completed with null"));
        }
        state.receivedResponse = response;
        return response;
    }

    private void accept(CallState state, AiRequest request, String text, CompletableFuture<AiResponse> done) {
        synchronized (lock) {
            if (ended || text == null || text.isEmpty()) {
                return;
            }
            if (state.firstChunkAt == null) {
                state.firstChunkAt = clock.instant();
            }
            received.append(text);
            int cut = StreamHoldBack.releasable(received, released);
            if (cut == released) {
                return;
            }
            AiResponse partial = AiResponse.builder().message(Message.assistant(received.toString())).build();
            try {
                post.checkPartial(state, request, partial);
            } catch (AimsException e) {
                ended = true;
                state.receivedResponse = partial;
                done.completeExceptionally(e);
                return;
            }
            String out = restorer.accept(received.substring(released, cut));
            released = cut;
            if (!out.isEmpty()) {
                downstream.onPartial(out);
            }
        }
    }

    /** Releases the text still held back, pseudonyms restored; call once the POST policies passed the answer. */
    void releaseRest() {
        String out;
        synchronized (lock) {
            if (restorer == null) {
                return;
            }
            out = restorer.accept(received.substring(released)) + restorer.flush();
            released = received.length();
        }
        if (!out.isEmpty()) {
            downstream.onPartial(out);
        }
    }
}
