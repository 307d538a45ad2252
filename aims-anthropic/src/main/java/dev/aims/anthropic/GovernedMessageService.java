package dev.aims.anthropic;

import com.anthropic.core.ClientOptions;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.services.blocking.MessageService;
import com.anthropic.services.blocking.messages.BatchService;
import java.util.function.Consumer;

/**
 * The governed {@link MessageService}: {@code create} and {@code createStreaming} (and the structured-output
 * overloads, which the SDK routes through them) are governed calls; the rest is refused, since it would send model
 * input AIMS has not scanned.
 */
final class GovernedMessageService implements MessageService {
    private final MessageService delegate;
    private final ClientOptions options;
    private final AimsAnthropic aims;
    private final Exchange.Route route;

    GovernedMessageService(MessageService delegate, ClientOptions options, AimsAnthropic aims) {
        this.delegate = delegate;
        this.options = options;
        this.aims = aims;
        this.route = new Exchange.Route(delegate, null, options, aims.executor);
    }

    /** @throws UnsupportedOperationException always: raw responses bypass governance */
    @Override
    public WithRawResponse withRawResponse() {
        throw AimsAnthropic.refused("messages().withRawResponse()");
    }

    @Override
    public MessageService withOptions(Consumer<ClientOptions.Builder> modifier) {
        ClientOptions.Builder b = options.toBuilder();
        modifier.accept(b);
        return new GovernedMessageService(delegate.withOptions(modifier), b.build(), aims);
    }

    /** @throws UnsupportedOperationException always: batches are not governed */
    @Override
    public BatchService batches() {
        throw AimsAnthropic.refused("messages().batches()");
    }

    /**
     * A governed call: the policies decide, the redactor strips what must not leave, the provider answers, and the
     * answer comes back with pseudonyms restored.
     *
     * @throws dev.aims.api.AiPolicyViolationException when a policy denied the call
     * @throws dev.aims.api.AiGovernanceException      when a control failed (AIMS fails closed)
     * @throws IllegalArgumentException                naming the field when the request cannot be read
     * @throws RuntimeException                        the SDK's own exception when the provider failed
     */
    @Override
    public Message create(MessageCreateParams params, RequestOptions requestOptions) {
        return aims.call(new Exchange(route, params, requestOptions, false));
    }

    /**
     * A governed stream; returns once governance released the first event, or throws when the call ended before.
     *
     * @throws dev.aims.api.AiPolicyViolationException when a policy denied the call before anything was released
     * @throws IllegalArgumentException                naming the field when the request cannot be read
     */
    @Override
    public StreamResponse<RawMessageStreamEvent> createStreaming(MessageCreateParams params,
            RequestOptions requestOptions) {
        return aims.stream(new Exchange(route, params, requestOptions, true)).awaitFirst();
    }

    /** @throws UnsupportedOperationException always: counting tokens sends the messages ungoverned */
    @Override
    public MessageTokensCount countTokens(MessageCountTokensParams params, RequestOptions requestOptions) {
        throw AimsAnthropic.refused("messages().countTokens(..)");
    }

    @Override
    public String toString() {
        return "AimsAnthropic.wrap(" + delegate.getClass().getSimpleName() + ")";
    }
}
