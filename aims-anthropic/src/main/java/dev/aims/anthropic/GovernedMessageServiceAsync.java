package dev.aims.anthropic;

import com.anthropic.core.ClientOptions;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.services.async.MessageServiceAsync;
import com.anthropic.services.async.messages.BatchServiceAsync;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The governed {@link MessageServiceAsync}: {@code create} and {@code createStreaming} are governed calls, run on
 * the executor of {@link AimsAnthropic} (the client's stream-handler threads unless one was given), in the
 * {@link dev.aims.api.CallContext} bound where they were called; the rest is refused.
 */
final class GovernedMessageServiceAsync implements MessageServiceAsync {
    private final MessageServiceAsync delegate;
    private final ClientOptions options;
    private final AimsAnthropic aims;
    private final Exchange.Route route;

    GovernedMessageServiceAsync(MessageServiceAsync delegate, ClientOptions options, AimsAnthropic aims) {
        this.delegate = delegate;
        this.options = options;
        this.aims = aims;
        this.route = new Exchange.Route(null, delegate, options, aims.executor);
    }

    /** @throws UnsupportedOperationException always: raw responses bypass governance */
    @Override
    public WithRawResponse withRawResponse() {
        throw AimsAnthropic.refused("async().messages().withRawResponse()");
    }

    @Override
    public MessageServiceAsync withOptions(Consumer<ClientOptions.Builder> modifier) {
        ClientOptions.Builder b = options.toBuilder();
        modifier.accept(b);
        return new GovernedMessageServiceAsync(delegate.withOptions(modifier), b.build(), aims);
    }

    /** @throws UnsupportedOperationException always: batches are not governed */
    @Override
    public BatchServiceAsync batches() {
        throw AimsAnthropic.refused("async().messages().batches()");
    }

    /**
     * A governed call; the future fails as the SDK's does — with the SDK's exception when the provider failed —
     * or with the AIMS exception that ended the call.
     *
     * @throws IllegalArgumentException naming the field when the request cannot be read
     */
    @Override
    public CompletableFuture<Message> create(MessageCreateParams params, RequestOptions requestOptions) {
        return aims.callAsync(new Exchange(route, params, requestOptions, false));
    }

    /**
     * A governed stream; what ended the call early reaches the handler's {@code onComplete}.
     *
     * @throws IllegalArgumentException naming the field when the request cannot be read
     */
    @Override
    public AsyncStreamResponse<RawMessageStreamEvent> createStreaming(MessageCreateParams params,
            RequestOptions requestOptions) {
        return aims.stream(new Exchange(route, params, requestOptions, true));
    }

    /** @throws UnsupportedOperationException always: counting tokens sends the messages ungoverned */
    @Override
    public CompletableFuture<MessageTokensCount> countTokens(MessageCountTokensParams params,
            RequestOptions requestOptions) {
        throw AimsAnthropic.refused("async().messages().countTokens(..)");
    }

    @Override
    public String toString() {
        return "AimsAnthropic.wrap(" + delegate.getClass().getSimpleName() + ")";
    }
}
