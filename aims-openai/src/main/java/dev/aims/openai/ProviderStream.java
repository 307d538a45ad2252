package dev.aims.openai;

import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Opens the provider's stream through the SDK and hands its elements to a consumer on another thread than the
 * governed call's: the governed call waits on its own thread, so that its idle timeout runs while the provider is
 * silent.
 */
final class ProviderStream {
    private ProviderStream() {
    }

    /** Receives the provider's stream. */
    interface Sink<T> {
        void next(T element);

        void error(Throwable error);

        void end();
    }

    /**
     * Reads a blocking SDK stream on {@code executor}.
     *
     * @return what stops it
     */
    static <T> AutoCloseable blocking(Supplier<StreamResponse<T>> open, Executor executor, Sink<T> sink) {
        Handle<T> handle = new Handle<>();
        executor.execute(() -> {
            try (StreamResponse<T> s = open.get()) {
                handle.set(s);
                if (!handle.closed) {
                    s.stream().forEach(sink::next);
                }
                sink.end();
            } catch (Throwable e) {
                sink.error(e);
            }
        });
        return handle;
    }

    /**
     * Subscribes to an asynchronous SDK stream; the SDK delivers on its own executor.
     *
     * @return what stops it
     */
    static <T> AutoCloseable async(Supplier<AsyncStreamResponse<T>> open, Sink<T> sink) {
        AsyncStreamResponse<T> s = open.get();
        s.subscribe(new AsyncStreamResponse.Handler<T>() {
            @Override
            public void onNext(T value) {
                sink.next(value);
            }

            @Override
            public void onComplete(Optional<Throwable> error) {
                if (error.isPresent()) {
                    sink.error(error.get());
                } else {
                    sink.end();
                }
            }
        });
        return s::close;
    }

    /** A blocking stream, once open; closing before it opens closes it as soon as it does. */
    private static final class Handle<T> implements AutoCloseable {
        private volatile StreamResponse<T> stream;
        private volatile boolean closed;

        void set(StreamResponse<T> s) {
            stream = s;
            if (closed) {
                s.close();
            }
        }

        @Override
        public void close() {
            closed = true;
            StreamResponse<T> s = stream;
            if (s != null) {
                s.close();
            }
        }
    }
}
