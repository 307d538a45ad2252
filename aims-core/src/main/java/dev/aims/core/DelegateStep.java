package dev.aims.core;

import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallInterceptor;
import dev.aims.api.ModelClient;

/**
 * The last step: the provider call. Its failures — checked exceptions thrown through the lambda included, as SDKs
 * written in Kotlin do — become {@link AiProviderException}; an {@link Error} passes through to be recorded.
 */
final class DelegateStep implements CallInterceptor {
    private final ModelClient delegate;

    DelegateStep(ModelClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public AiResponse intercept(Chain chain) {
        RealCall call = ((RealChain) chain).call();
        AiRequest request = chain.request();
        call.sentRequest = request;
        AiResponse response;
        try {
            response = delegate.call(request);
        } catch (AimsException e) {
            // A governed delegate (nested clients) already says what happened.
            throw e;
        } catch (Exception e) {
            throw new AiProviderException(call.callId, call.provider(), e);
        }
        if (response == null) {
            throw new AiProviderException(call.callId, call.provider(),
                    new IllegalStateException("delegate returned null"));
        }
        call.receivedResponse = response;
        return response;
    }
}
