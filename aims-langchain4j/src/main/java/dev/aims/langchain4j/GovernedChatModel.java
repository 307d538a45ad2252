package dev.aims.langchain4j;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.ModelClient;
import dev.aims.core.GovernedClient;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link ChatModel} that governs every call before its delegate sees it. It overrides both {@code chat}
 * entry points rather than {@code doChat}, and hands the delegate the redacted request through the delegate's own
 * {@code chat}, so the delegate applies its default parameters and fires its listeners exactly once per round-trip,
 * on what actually left the process. This model's own {@link #listeners()} is empty for the same reason.
 */
final class GovernedChatModel implements ChatModel {
    private final ChatModel delegate;
    private final String provider;
    private final Lineage lineage = new Lineage();
    private final GovernedClient governed;

    GovernedChatModel(ChatModel delegate, Consumer<GovernedClient.Builder> config) {
        this.delegate = Objects.requireNonNull(delegate, "model");
        this.provider = Translator.providerName(delegate.provider());
        this.governed = AimsLangChain4j.build(config, lineage, b -> b.delegate((ModelClient) this::send));
    }

    private AiResponse send(AiRequest request) {
        Exchange exchange = Exchange.of(request, null);
        ChatResponse response = delegate.chat(exchange.outgoing(request), exchange.options);
        AiResponse received = Translator.toAims(response);
        exchange.response = response;
        exchange.received = received;
        return received;
    }

    @Override
    public ChatResponse chat(ChatRequest chatRequest) {
        return chat(chatRequest, ChatRequestOptions.EMPTY);
    }

    /**
     * Governs the call: the policies decide, the redactor strips what must not leave, the delegate answers, the
     * answer comes back with pseudonyms restored, and one record is made.
     *
     * @throws dev.aims.api.AiPolicyViolationException when a policy denied the call
     * @throws dev.aims.api.AiGovernanceException      when a control failed (AIMS fails closed)
     * @throws RuntimeException                        the delegate's own exception when the provider failed
     */
    @Override
    public ChatResponse chat(ChatRequest chatRequest, ChatRequestOptions options) {
        AiRequest request = Translator.toAims(chatRequest, delegate.defaultRequestParameters(), options, provider,
                false);
        Exchange exchange = request.tag(Exchange.class);
        CallContext context = lineage.contextFor(request, CallContext.current());
        try {
            return exchange.answer(governed.call(request, context));
        } catch (RuntimeException e) {
            throw (RuntimeException) Exchange.unwrap(e, false);
        }
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        return chat(chatRequest, ChatRequestOptions.EMPTY);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    /** @return no listeners: the delegate fires its own, once per round-trip, on the request as sent */
    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "AimsLangChain4j.govern(" + delegate.getClass().getSimpleName() + ")";
    }
}
