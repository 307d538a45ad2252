package dev.aims.openai;

import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The application's side of a governed stream: the elements governance released, in order, queued until the
 * application reads them, as the SDK's {@link StreamResponse} (blocking) or {@link AsyncStreamResponse}. Closing
 * either stops the provider's stream and ends the governed call, which is recorded as cancelled.
 *
 * @param <C> the SDK's stream element
 */
final class GovernedStream<C> {
    private static final Object END = new Object();

    private final OpenAiCall<?, C> call;
    private final Executor executor;
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> sent = new CompletableFuture<>();
    private final CompletableFuture<Void> completed = new CompletableFuture<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile boolean closed;

    private enum State { NEW, SUBSCRIBED, CLOSED }

    /** An error that ended the stream. */
    private record Failure(Throwable error) {
    }

    GovernedStream(OpenAiCall<?, C> call, Executor executor) {
        this.call = call;
        this.executor = executor;
    }

    void sent() {
        sent.complete(null);
    }

    void next(C element) {
        events.add(element);
    }

    void end() {
        sent.complete(null);
        events.add(END);
    }

    void fail(Throwable error) {
        sent.completeExceptionally(error);
        events.add(new Failure(error));
        if (state.get() == State.NEW) {
            completed.completeExceptionally(error);
        }
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        call.cancel();
        events.add(END);
        state.set(State.CLOSED);
        completed.complete(null);
    }

    /**
     * Waits until the governed request left (or the call ended before it did), as the SDK's blocking
     * {@code createStreaming} returns once the provider answered.
     *
     * @return the blocking view
     * @throws RuntimeException what ended the call before the request left: a denial, a failed control
     */
    StreamResponse<C> blocking() {
        try {
            sent.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
        return new StreamResponse<C>() {
            @Override
            public Stream<C> stream() {
                return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(GovernedStream.this::close);
            }

            @Override
            public void close() {
                GovernedStream.this.close();
            }

            @Override
            public String toString() {
                return "AimsOpenAi governed stream";
            }
        };
    }

    private Iterator<C> iterator() {
        return new Iterator<C>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = take();
                }
                if (next instanceof Failure f) {
                    next = END;
                    if (!closed) {
                        throw rethrow(f.error());
                    }
                }
                return next != END && !closed;
            }

            @Override
            @SuppressWarnings("unchecked")
            public C next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                C c = (C) next;
                next = null;
                return c;
            }
        };
    }

    private Object take() {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return new Failure(e);
        }
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new CompletionException(e);
    }

    /** @return the asynchronous view; its handler runs on the executor given or, by default, AIMS's */
    AsyncStreamResponse<C> async() {
        return new AsyncStreamResponse<C>() {
            @Override
            public AsyncStreamResponse<C> subscribe(Handler<? super C> handler) {
                return subscribe(handler, executor);
            }

            @Override
            public AsyncStreamResponse<C> subscribe(Handler<? super C> handler, Executor on) {
                if (!state.compareAndSet(State.NEW, State.SUBSCRIBED)) {
                    throw new IllegalStateException(state.get() == State.SUBSCRIBED
                            ? "Cannot subscribe more than once" : "Cannot subscribe after the response is closed");
                }
                on.execute(() -> drain(handler));
                return this;
            }

            @Override
            public CompletableFuture<Void> onCompleteFuture() {
                return completed;
            }

            @Override
            public void close() {
                GovernedStream.this.close();
            }

            @Override
            public String toString() {
                return "AimsOpenAi governed stream";
            }
        };
    }

    @SuppressWarnings("unchecked")
    private void drain(AsyncStreamResponse.Handler<? super C> handler) {
        while (true) {
            Object e = take();
            if (closed) {
                return;
            }
            if (e == END) {
                handler.onComplete(Optional.empty());
                completed.complete(null);
                return;
            }
            if (e instanceof Failure f) {
                handler.onComplete(Optional.of(f.error()));
                completed.completeExceptionally(f.error());
                return;
            }
            handler.onNext((C) e);
        }
    }
}
