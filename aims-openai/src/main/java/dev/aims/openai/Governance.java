package dev.aims.openai;

import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.StreamingHandler;
import dev.aims.core.GovernedClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs governed calls in the four shapes the SDK offers — blocking, asynchronous, streamed and asynchronously
 * streamed — on one {@link GovernedClient}, whose delegates send through the call's tag ({@link OpenAiCall}). The
 * caller's {@link CallContext} is taken when the SDK method is called, on the caller's thread, and travels
 * explicitly to whichever thread runs the call.
 */
final class Governance {
    final GovernedClient client;
    final Executor executor;

    Governance(GovernedClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    <R> R call(OpenAiCall<R, ?> call) {
        AiRequest request = call.request();
        CallContext context = CallContext.current();
        try {
            return call.answer(client.call(request, context));
        } catch (AiProviderException e) {
            throw (RuntimeException) OpenAiCall.unwrap(e);
        }
    }

    <R> CompletableFuture<R> callAsync(OpenAiCall<R, ?> call) {
        AiRequest request = call.request();
        CallContext context = CallContext.current();
        CompletableFuture<R> future = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                future.complete(call.answer(client.call(request, context)));
            } catch (Throwable e) {
                future.completeExceptionally(OpenAiCall.unwrap(e));
            }
        });
        return future;
    }

    <C> StreamResponse<C> stream(OpenAiCall<?, C> call) {
        return start(call).blocking();
    }

    <C> AsyncStreamResponse<C> streamAsync(OpenAiCall<?, C> call) {
        return start(call).async();
    }

    private <C> GovernedStream<C> start(OpenAiCall<?, C> call) {
        AiRequest request = call.request();
        CallContext context = CallContext.current();
        GovernedStream<C> stream = new GovernedStream<>(call, executor);
        call.onSent(stream::sent);
        executor.execute(() -> {
            try {
                client.stream(request, context, new StreamingHandler() {
                    @Override
                    public void onPartial(String text) {
                        if (!call.cancelled()) {
                            stream.next(call.text(text));
                        }
                    }

                    @Override
                    public void onComplete(AiResponse response) {
                        if (!call.cancelled()) {
                            call.end(response).forEach(stream::next);
                            stream.end();
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        call.stopProvider();
                        stream.fail(OpenAiCall.unwrap(error));
                    }
                });
            } catch (Throwable e) {
                // An Error, rethrown by the client after the record went out; or a handler's own failure.
                call.stopProvider();
                stream.fail(e);
            }
        });
        return stream;
    }
}
