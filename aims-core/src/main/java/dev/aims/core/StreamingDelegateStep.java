package dev.aims.core;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallInterceptor;
import dev.aims.api.Message;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The last step of a streamed call. Each chunk the provider sends is appended to the text received so far; what
 * {@link StreamHoldBack} allows is released to the caller's handler, pseudonyms restored ({@link RestoringStream}),
 * but only after the POST policies have passed the text received so far ({@link PolicyStep#checkPartial}), so an
 * entity split across chunks is judged whole before any of it leaves, and a denial ends the stream at once. When a
 * policy modifies the answer (an output rule masking what the model wrote), the caller is sent the modified text,
 * held back by as many characters as the received text is; a modification that no longer begins with what was
 * already sent (a policy replacing the whole answer) cannot be honoured and fails the call closed.
 *
 * <p>The step waits for the end of the stream so that the POST policies and the record see the whole answer; the
 * tail it still holds is released by {@link #releaseRest()} once they have passed it. One instance serves one call.
 * Chunks may arrive on any thread; they are handled one at a time, in order.
 */
final class StreamingDelegateStep implements CallInterceptor {
    /** A handler for calls nobody streams to: {@code call} on a client that has only a streaming delegate. */
    static final StreamingHandler DISCARD = new StreamingHandler() {
        @Override
        public void onPartial(String text) {
        }

        @Override
        public void onComplete(AiResponse response) {
        }

        @Override
        public void onError(Throwable error) {
        }
    };

    private final StreamingModelClient delegate;
    private final Clock clock;
    private final long idleNanos;
    private final Duration idle;
    /** When the provider last sent something (a chunk or the start); the idle timeout counts from here. */
    private volatile long lastActivity;
    private final StreamingHandler downstream;
    private final PolicyStep post;
    private final Object lock = new Object();
    private final StringBuilder received = new StringBuilder();
    private RestoringStream restorer;
    /** How far the received text has been judged releasable; bounds the hold-back scan. */
    private int receivedCut;
    /** The text the caller is sent: the received text as the POST policies left it. */
    private String source = "";
    /** How much of {@link #source} was sent. */
    private int released;
    private boolean ended;

    StreamingDelegateStep(StreamingModelClient delegate, Clock clock, StreamingHandler downstream, PolicyStep post,
            Duration idle) {
        this.delegate = delegate;
        this.clock = clock;
        this.idle = idle;
        this.idleNanos = idle.toNanos();
        this.downstream = downstream;
        this.post = post;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        RealCall state = ((RealChain) chain).call();
        AiRequest request = chain.request();
        String providerName = state.provider();
        state.sentRequest = request;
        synchronized (lock) {
            restorer = new RestoringStream(state.redaction);
        }
        CompletableFuture<AiResponse> done = new CompletableFuture<>();
        lastActivity = System.nanoTime();
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
        } catch (Exception e) {
            // Checked exceptions thrown through the lambda (SDKs written in Kotlin) are the provider's failure too.
            throw new AiProviderException(state.callId, providerName, e);
        }
        AiResponse response;
        try {
            response = await(done);
        } catch (TimeoutException e) {
            synchronized (lock) {
                ended = true;
            }
            throw new AiProviderException(state.callId, providerName, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AimsException) {
                throw (AimsException) e.getCause();
            }
            throw new AiProviderException(state.callId, providerName, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiProviderException(state.callId, providerName, e);
        } catch (CancellationException e) {
            // get() rethrows a CancellationException given to completeExceptionally as is: the provider's stream
            // was cancelled, which is the provider's failure, not a control's.
            throw new AiProviderException(state.callId, providerName, e);
        }
        if (response == null) {
            throw new AiProviderException(state.callId, providerName,
                    new IllegalStateException("streaming delegate completed with null"));
        }
        state.receivedResponse = response;
        synchronized (lock) {
            if (received.length() > 0) {
                // The tail is released from the streamed text as the policies leave it, once the POST step has
                // passed the whole answer; the final response itself goes to onComplete.
                String raw = received.toString();
                AiResponse streamed = AiResponse.builder().message(Message.assistant(raw))
                        .finishReasons(response.finishReasons()).build();
                AiResponse checked = post.checkPartial(state, request, streamed);
                source(state, checked == streamed ? raw : checked.text());
            }
        }
        return response;
    }

    /**
     * Waits for the end of the stream, for as long as the provider keeps sending: each chunk restarts the idle
     * timeout.
     *
     * @throws TimeoutException when nothing came for the idle timeout
     */
    private AiResponse await(CompletableFuture<AiResponse> done)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            long wait = lastActivity + idleNanos - System.nanoTime();
            if (wait <= 0) {
                throw new TimeoutException("the provider sent nothing for " + idle);
            }
            try {
                return done.get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // A chunk may have come meanwhile; the loop measures again from the last one.
            }
        }
    }

    private void accept(RealCall state, AiRequest request, String text, CompletableFuture<AiResponse> done) {
        synchronized (lock) {
            if (ended || text == null || text.isEmpty()) {
                return;
            }
            lastActivity = System.nanoTime();
            if (state.firstChunkAt == null) {
                state.firstChunkAt = clock.instant();
            }
            received.append(text);
            int cut = StreamHoldBack.releasable(received, receivedCut);
            if (cut == receivedCut) {
                return;
            }
            receivedCut = cut;
            String raw = received.toString();
            AiResponse partial = AiResponse.builder().message(Message.assistant(raw)).build();
            String out;
            try {
                AiResponse checked = post.checkPartial(state, request, partial);
                String text2 = checked == partial ? raw : checked.text();
                out = source(state, text2).substring(0, Math.max(0, text2.length() - (raw.length() - cut)));
            } catch (AimsException e) {
                ended = true;
                state.receivedResponse = partial;
                done.completeExceptionally(e);
                return;
            }
            if (out.length() <= released) {
                return;
            }
            String piece = restorer.accept(out.substring(released));
            released = out.length();
            if (!piece.isEmpty()) {
                downstream.onPartial(piece);
            }
        }
    }

    /**
     * Makes {@code next} the text the caller is sent from, after checking that it still begins with what was sent.
     *
     * @throws AiGovernanceException when a policy's modification rewrote text already sent
     */
    private String source(RealCall state, String next) {
        if (!next.regionMatches(0, source, 0, released)) {
            throw new AiGovernanceException(state.callId, "POST policies", "a MODIFY rewrote " + released
                    + " characters of the streamed answer that had already been sent", null);
        }
        source = next;
        return next;
    }

    /** Releases the text still held back, pseudonyms restored; call once the POST policies passed the answer. */
    void releaseRest() {
        String out;
        synchronized (lock) {
            if (restorer == null) {
                return;
            }
            out = restorer.accept(source.substring(Math.min(released, source.length()))) + restorer.flush();
            released = source.length();
        }
        if (!out.isEmpty()) {
            downstream.onPartial(out);
        }
    }
}
