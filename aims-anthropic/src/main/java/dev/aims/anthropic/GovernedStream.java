package dev.aims.anthropic;

import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The application's side of one governed stream: the events {@link StreamEvents} makes of what governance released,
 * in order, to be read as the SDK's blocking {@link StreamResponse} or its {@link AsyncStreamResponse} (consumed
 * once, either way). The governed call runs on the client's executor and fills it; a failure ends it — the SDK's
 * own exception when the provider failed (the AIMS exception attached as suppressed), the AIMS one otherwise —
 * and is thrown from the iteration, or given to the async handler's {@code onComplete}. Closing it stops the
 * provider's stream; the governed call still ends with its record.
 */
final class GovernedStream implements StreamResponse<RawMessageStreamEvent>,
        AsyncStreamResponse<RawMessageStreamEvent> {
    private static final Object END = new Object();

    private final Exchange exchange;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch first = new CountDownLatch(1);
    private final CompletableFuture<Void> completed = new CompletableFuture<>();
    private final AtomicBoolean consumed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Throwable failure;
    private volatile boolean closed;

    GovernedStream(Exchange exchange) {
        this.exchange = exchange;
    }

    void put(RawMessageStreamEvent event) {
        if (!ended.get()) {
            queue.add(event);
            first.countDown();
        }
    }

    /** @param error what ended the call, or null when it completed */
    void end(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            failure = error == null ? null : Exchange.unwrap(error);
            queue.add(END);
            first.countDown();
        }
    }

    /**
     * Waits until the provider's answer began to come through governance, or the call ended, as the SDK's
     * {@code createStreaming} returns once the provider answered: a call denied, or failed, before anything was
     * released throws here.
     *
     * @return this stream
     */
    GovernedStream awaitFirst() {
        try {
            first.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("interrupted while waiting for the governed stream");
        }
        Throwable f = failure;
        if (queue.peek() == END && f != null) {
            throw unchecked(f);
        }
        return this;
    }

    private Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("interrupted while waiting for the governed stream");
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error) {
            throw (Error) t;
        }
        return t instanceof RuntimeException ? (RuntimeException) t : new CompletionException(t);
    }

    /**
     * @return the events, as governance released them; the stream throws what ended the call, unless it was
     *         closed
     * @throws IllegalStateException when the stream was already consumed
     */
    @Override
    public Stream<RawMessageStreamEvent> stream() {
        if (!consumed.compareAndSet(false, true)) {
            throw new IllegalStateException("a governed stream can be consumed once");
        }
        Spliterator<RawMessageStreamEvent> events = new Spliterators.AbstractSpliterator<RawMessageStreamEvent>(
                Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private boolean done;

            @Override
            public boolean tryAdvance(Consumer<? super RawMessageStreamEvent> action) {
                if (done) {
                    return false;
                }
                Object next = take();
                if (next == END) {
                    done = true;
                    Throwable f = failure;
                    if (f != null && !closed) {
                        throw unchecked(f);
                    }
                    return false;
                }
                action.accept((RawMessageStreamEvent) next);
                return true;
            }
        };
        return StreamSupport.stream(events, false).onClose(this::close);
    }

    @Override
    public AsyncStreamResponse<RawMessageStreamEvent> subscribe(Handler<? super RawMessageStreamEvent> handler) {
        return subscribe(handler, exchange.route.executor);
    }

    /**
     * Delivers the events to {@code handler} on {@code executor}, then {@code onComplete} with what ended the call,
     * if anything did.
     *
     * @throws IllegalStateException when the stream was already consumed
     */
    @Override
    public AsyncStreamResponse<RawMessageStreamEvent> subscribe(Handler<? super RawMessageStreamEvent> handler,
            Executor executor) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(executor, "executor");
        if (!consumed.compareAndSet(false, true)) {
            throw new IllegalStateException("a governed stream can be subscribed to once");
        }
        executor.execute(() -> deliver(handler));
        return this;
    }

    private void deliver(Handler<? super RawMessageStreamEvent> handler) {
        Throwable error = null;
        try {
            for (Object next = take(); next != END; next = take()) {
                handler.onNext((RawMessageStreamEvent) next);
            }
            error = closed ? null : failure;
        } catch (RuntimeException | Error e) {
            error = e;
            close();
        }
        try {
            handler.onComplete(Optional.ofNullable(error));
        } finally {
            if (error == null) {
                completed.complete(null);
            } else {
                completed.completeExceptionally(error);
            }
        }
    }

    @Override
    public CompletableFuture<Void> onCompleteFuture() {
        return completed;
    }

    /** Stops the stream: the provider's stream is closed, and no more events are delivered. Idempotent. */
    @Override
    public void close() {
        closed = true;
        exchange.cancel();
        end(new CancellationException("the stream was closed"));
    }

    @Override
    public String toString() {
        return "GovernedStream{ended=" + ended.get() + ", closed=" + closed + "}";
    }
}
