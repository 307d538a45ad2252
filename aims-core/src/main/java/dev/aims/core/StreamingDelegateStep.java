package dev.aims.core;

import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallInterceptor;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The last step of a streamed call: forwards each chunk to the caller's handler as it arrives (pseudonyms
 * restored), and waits for the end of the stream so that POST policies and the record see the whole answer.
 */
final class StreamingDelegateStep implements CallInterceptor {
    private final StreamingModelClient delegate;
    private final String provider;
    private final Clock clock;
    private final StreamingHandler downstream;

    StreamingDelegateStep(StreamingModelClient delegate, String provider, Clock clock, StreamingHandler downstream) {
        this.delegate = delegate;
        this.provider = provider;
        this.clock = clock;
        this.downstream = downstream;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        CallState state = ((RealChain) chain).state();
        AiRequest request = chain.request();
        String providerName = request.provider().orElse(provider);
        state.sentRequest = request;
        RestoringStream restorer = new RestoringStream(state.redaction);
        CompletableFuture<AiResponse> done = new CompletableFuture<>();
        try {
            delegate.stream(request, new StreamingHandler() {
                @Override
                public void onPartial(String text) {
                    if (state.firstChunkAt == null) {
                        state.firstChunkAt = clock.instant();
                    }
                    String out;
                    synchronized (restorer) {
                        out = restorer.accept(text);
                    }
                    if (!out.isEmpty()) {
                        downstream.onPartial(out);
                    }
                }

                @Override
                public void onComplete(AiResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
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
        String rest;
        synchronized (restorer) {
            rest = restorer.flush();
        }
        if (!rest.isEmpty()) {
            downstream.onPartial(rest);
        }
        state.receivedResponse = response;
        return response;
    }
}
