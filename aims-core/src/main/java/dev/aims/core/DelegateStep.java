package dev.aims.core;

import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallInterceptor;
import dev.aims.api.ModelClient;

/** The last step: the provider call. Its failures become {@link AiProviderException}. */
final class DelegateStep implements CallInterceptor {
    private final ModelClient delegate;
    private final String provider;

    DelegateStep(ModelClient delegate, String provider) {
        this.delegate = delegate;
        this.provider = provider;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        CallState state = ((RealChain) chain).state();
        AiRequest request = chain.request();
        state.sentRequest = request;
        AiResponse response;
        try {
            response = delegate.call(request);
        } catch (AimsException e) {
            // A governed delegate (nested clients) already says what happened.
            throw e;
        } catch (RuntimeException e) {
            throw new AiProviderException(state.callId, request.provider().orElse(provider), e);
        }
        if (response == null) {
            throw new AiProviderException(state.callId, request.provider().orElse(provider),
                    new IllegalStateException("delegate returned null"));
        }
        state.receivedResponse = response;
        return response;
    }
}
