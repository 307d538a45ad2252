package dev.aims.api;

/**
 * Anything that answers an {@link AiRequest}: a provider SDK behind an adapter, a fake in a test, or a
 * {@code GovernedClient} wrapping another client. A lambda will do.
 */
@FunctionalInterface
public interface ModelClient {
    /**
     * Sends the request and waits for the answer.
     *
     * @param request the request
     * @return the response
     * @throws AiPolicyViolationException when a governing layer denied the call
     * @throws AiProviderException        when the provider failed
     * @throws AiGovernanceException      when a control itself failed
     */
    AiResponse call(AiRequest request);
}
