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
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The last step of a streamed call. Each chunk the provider sends joins the text held back ({@link StreamHoldBack});
 * what it allows is released to the caller's handler, pseudonyms restored ({@link RestoringStream}), but only after
 * the POST policies have passed it ({@link PolicyStep#checkPartial}) in a window: the last {@link #CONTEXT}
 * characters already sent, as left context, and everything held back — so an entity split across chunks is judged
 * whole before any of it leaves, a denial ends the stream at once, and each character is checked a bounded number of
 * times ({@link #HELD_PER_RELEASE}), whatever the length of the answer or of a run held back. Mid-stream the policies see that window, not the whole answer; they see the
 * whole answer once, at the end, before the last window is released. When a policy modifies the window (an output
 * rule masking what the model wrote), the modified text replaces what was held, and is what the caller is sent —
 * once no entity it changed may still be forming (see {@link #check}); a modification that no longer begins with
 * what was already sent (a policy replacing the whole answer) cannot be honoured and fails the call closed.
 *
 * <p>The caller's handler is never called under the step's lock: pieces are queued in order and delivered by one
 * thread at a time. The step waits for the end of the stream so that the POST policies and the record see the
 * whole answer; the tail it still holds is released by {@link #releaseRest()} once they have passed it. One
 * instance serves one call. Chunks may arrive on any thread; they are handled one at a time, in order.
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

    /** Released characters the POST policies see again as left context: a label, an entity's first half. */
    static final int CONTEXT = StreamHoldBack.WINDOW;
    /**
     * The fewest characters released at a time mid-stream: each release runs the POST policies on a window of a few
     * hundred characters, so releasing a character or two per chunk would multiply the work per character.
     */
    static final int MIN_RELEASE = 16;
    /**
     * How many held characters, beyond the window and the least release, one character received pays for in a
     * check: the POST policies run again once the characters received since the last check number at least that
     * share of what they would read. With a long run without whitespace held (a key of up to
     * {@link StreamHoldBack#MAX_RUN} characters may still be forming in it), checking it whole every
     * {@link #MIN_RELEASE} characters would read each character hundreds of times; this way about three times,
     * whatever the run. What is held back is the same; only the steps in which it is checked and released are
     * larger while much is held.
     */
    static final int HELD_PER_RELEASE = 2;

    private final StreamingModelClient delegate;
    private final Clock clock;
    private final long idleNanos;
    private final Duration idle;
    private final StreamingHandler downstream;
    private final PolicyStep post;
    private final Object lock = new Object();
    private StreamHoldBack held = new StreamHoldBack();
    /** The last characters sent, at most {@link #CONTEXT}: what the next window starts with. */
    private final StringBuilder context = new StringBuilder();
    /** Pieces for the caller, in order, delivered outside the lock. */
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean delivering;
    private RestoringStream restorer;
    /** The tail the final window check passed, released once the whole answer passed the POST policies. */
    private String rest = "";
    private boolean ended;
    /** The characters received since the POST policies last ran on a window ({@link #checkDue()}). */
    private int sinceCheck;
    /** While a modification waits for an entity to complete: the held length at which to check again, or 0. */
    private int retryAt;
    /** When the provider last sent something (a chunk or the start); the idle timeout counts from here. */
    private volatile long lastActivity;

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
            if (held.length() > 0) {
                // The tail is checked in its window, with the finish reasons; it is released once the POST step
                // has passed the whole answer. The final response itself goes to onComplete.
                rest = check(state, request, held.length(), response);
            }
        }
        drain();
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
            long now = System.nanoTime();
            lastActivity = now;
            if (state.firstChunkAt == null) {
                state.firstChunkAt = clock.instant();
            } else if (state.chunkIntervals.size() < RealCall.MAX_CHUNK_INTERVALS) {
                state.chunkIntervals.add(Duration.ofNanos(now - state.lastChunkNanos));
            }
            state.lastChunkNanos = now;
            held.append(text);
            sinceCheck += text.length();
            int cut = held.releasable();
            if (cut < MIN_RELEASE || !checkDue() || held.length() < retryAt) {
                return;
            }
            sinceCheck = 0;
            try {
                String piece = restorer.accept(check(state, request, cut, null));
                if (!piece.isEmpty()) {
                    outbox.add(piece);
                }
            } catch (AimsException e) {
                ended = true;
                state.receivedResponse = AiResponse.builder().message(Message.assistant(held.pending())).build();
                done.completeExceptionally(e);
                return;
            }
        }
        drain();
    }

    /**
     * @return whether enough came since the last check to pay for another: as many characters as a
     *     {@link #HELD_PER_RELEASE}th of the held text beyond the window and the least release
     */
    private boolean checkDue() {
        return sinceCheck >= (held.length() - StreamHoldBack.WINDOW - MIN_RELEASE) / HELD_PER_RELEASE;
    }

    /**
     * Runs the POST policies on the window — the last characters sent, as left context, and everything held — then
     * releases the first {@code cut} held characters. When a policy modified the window, what is released, and what
     * later windows see, is the text as the policies left it. Called under the lock.
     *
     * <p>Mid-stream, the held text from {@code cut} on may end in an entity still forming — a key whose last
     * characters have not come yet, a PEM block without its END line, an e-mail address cut after {@code corp.ex} —
     * which a policy may already find, in part, and mask. Such a modification must not take the place of what was
     * held: the rest of the entity, arriving later, would follow a mask instead of its first part, be found by
     * nothing and leave raw. So when a modification reaches past {@code cut}, the first {@code cut} characters are
     * checked alone and released as modified — if the window's modification begins with that and nothing was
     * changed at the very end of them, so that no entity reaches across the cut — and the rest stays held as the
     * provider wrote it. Otherwise nothing is released until a later window allows it or the stream ends; beyond
     * {@link StreamHoldBack#MAX_PEM} held characters the window's modification is kept as it stands, so that memory
     * stays bounded. At the end of the stream the policies see everything, and their modification is final.
     *
     * @param whole the final response, whose finish reasons tell the policies the answer is complete; null
     *              mid-stream (then {@code cut} is re-measured on a modified text)
     * @return the released text, possibly empty
     * @throws AiGovernanceException when a policy's modification rewrote text already sent
     */
    private String check(RealCall state, AiRequest request, int cut, AiResponse whole) {
        String sent = context.toString();
        String window = sent + held.pending();
        String modified = checked(state, request, sent, window, whole);
        String released;
        if (modified == window) {
            released = held.release(cut);
        } else if (whole != null || lastChangeEnd(window, modified) <= sent.length() + cut) {
            held = new StreamHoldBack();
            held.append(modified.substring(sent.length()));
            released = held.release(whole != null ? held.length() : held.releasable());
        } else {
            String head = sent + held.pending().substring(0, cut);
            String headModified = checked(state, request, sent, head, null);
            if (modified.startsWith(headModified) && lastChangeEnd(head, headModified) < head.length()) {
                held.release(cut);
                released = headModified.substring(sent.length());
            } else if (held.length() <= StreamHoldBack.MAX_PEM) {
                // Checked again once a quarter more has come: a value completes within a few characters, and an
                // endless one reaches the bound after a few checks, not after one every few characters.
                retryAt = held.length() + Math.max(MIN_RELEASE, held.length() / 4);
                return "";
            } else {
                held = new StreamHoldBack();
                held.append(modified.substring(sent.length()));
                released = held.release(held.releasable());
            }
        }
        retryAt = 0;
        context.append(released);
        if (context.length() > CONTEXT) {
            context.delete(0, context.length() - CONTEXT);
        }
        return released;
    }

    /**
     * @return the window as the POST policies leave it: {@code window} itself when unchanged
     * @throws AiGovernanceException when a modification rewrote {@code sent}, the characters already sent
     */
    private String checked(RealCall state, AiRequest request, String sent, String window, AiResponse whole) {
        AiResponse.Builder b = AiResponse.builder().message(Message.assistant(window));
        if (whole != null) {
            b.finishReasons(whole.finishReasons());
        }
        AiResponse partial = b.build();
        AiResponse checked = post.checkPartial(state, request, partial);
        if (checked == partial) {
            return window;
        }
        String modified = checked.text();
        if (!modified.startsWith(sent)) {
            throw new AiGovernanceException(state.callId, "POST policies", "a MODIFY rewrote characters of"
                    + " the streamed answer that had already been sent", null);
        }
        return modified;
    }

    /**
     * @return where, in {@code original}, the last change that made {@code modified} of it ends: its length less
     *     the longest suffix the two share
     */
    static int lastChangeEnd(String original, String modified) {
        int o = original.length();
        int m = modified.length();
        int same = 0;
        while (same < o && same < m && original.charAt(o - 1 - same) == modified.charAt(m - 1 - same)) {
            same++;
        }
        return o - same;
    }

    /**
     * Delivers the queued pieces to the caller's handler outside the lock, in order: one thread delivers at a
     * time, and it keeps going until the queue is empty, so a piece another thread queued meanwhile is not left.
     */
    private void drain() {
        while (true) {
            String next;
            synchronized (lock) {
                if (delivering || outbox.isEmpty()) {
                    return;
                }
                delivering = true;
                next = outbox.pollFirst();
            }
            try {
                downstream.onPartial(next);
            } finally {
                synchronized (lock) {
                    delivering = false;
                }
            }
        }
    }

    /** Releases the text still held back, pseudonyms restored; call once the POST policies passed the answer. */
    void releaseRest() {
        synchronized (lock) {
            if (restorer == null) {
                return;
            }
            String out = restorer.accept(rest) + restorer.flush();
            rest = "";
            if (!out.isEmpty()) {
                outbox.add(out);
            }
        }
        drain();
    }
}
