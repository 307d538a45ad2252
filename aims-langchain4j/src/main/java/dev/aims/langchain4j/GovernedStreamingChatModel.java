package dev.aims.langchain4j;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import dev.aims.core.GovernedClient;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StreamingChatModel} that governs every streamed call. The text stream passes through the pipeline's
 * streaming guard: chunks reach the handler one hold-back window behind the provider, with pseudonyms restored
 * across chunk boundaries, only after the POST policies have passed the text so far; a denial ends the stream with
 * {@code onError}. Partial thinking and partial tool calls are not forwarded (they would bypass that guard): the
 * thinking arrives in the final response, and each tool call is delivered complete, with its arguments restored,
 * through {@code onCompleteToolCall} just before {@code onCompleteResponse}.
 *
 * <p>{@code chat} returns when the stream has ended (the pipeline waits for the whole answer to record it); chunks
 * are delivered as they arrive, on the provider's threads. Exceptions thrown by the handler are passed to its
 * {@code onError}, as LangChain4j's own models do.
 */
final class GovernedStreamingChatModel implements StreamingChatModel {
    private static final Logger LOG = LoggerFactory.getLogger(GovernedStreamingChatModel.class);

    private final StreamingChatModel delegate;
    private final String provider;
    private final Lineage lineage = new Lineage();
    private final GovernedClient governed;

    GovernedStreamingChatModel(StreamingChatModel delegate, Consumer<GovernedClient.Builder> config) {
        this.delegate = Objects.requireNonNull(delegate, "model");
        this.provider = Translator.providerName(delegate.provider());
        this.governed = AimsLangChain4j.build(config, lineage,
                b -> b.streamingDelegate((StreamingModelClient) this::send));
    }

    private void send(AiRequest request, StreamingHandler governedSide) {
        Exchange exchange = Exchange.of(request, null);
        exchange.streaming(governedSide);
        delegate.chat(exchange.outgoing(request), exchange.options,
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String text) {
                        governedSide.onPartial(text);
                    }

                    @Override
                    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                        exchange.delegateHandle(context == null ? null : context.streamingHandle());
                        governedSide.onPartial(partial.text());
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        AiResponse translated;
                        try {
                            translated = Translator.toAims(response);
                            exchange.response = response;
                            exchange.received = translated;
                        } catch (RuntimeException e) {
                            governedSide.onError(e);
                            return;
                        }
                        governedSide.onComplete(translated);
                    }

                    @Override
                    public void onError(Throwable error) {
                        governedSide.onError(error);
                    }
                });
    }

    @Override
    public void chat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        chat(chatRequest, ChatRequestOptions.EMPTY, handler);
    }

    /**
     * Governs the streamed call; see the class comment for what the handler receives.
     *
     * @throws NullPointerException if the request or the handler is null
     */
    @Override
    public void chat(ChatRequest chatRequest, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        Objects.requireNonNull(handler, "handler");
        AiRequest request = Translator.toAims(chatRequest, delegate.defaultRequestParameters(), options, provider,
                true);
        Exchange exchange = request.tag(Exchange.class);
        CallContext context = lineage.contextFor(request, CallContext.current());
        governed.stream(request, context, new StreamingHandler() {
            @Override
            public void onPartial(String text) {
                if (exchange.isCancelled()) {
                    return;
                }
                try {
                    handler.onPartialResponse(new PartialResponse(text), new PartialResponseContext(exchange));
                } catch (RuntimeException e) {
                    failed(handler, e);
                }
            }

            @Override
            public void onComplete(AiResponse response) {
                if (exchange.isCancelled()) {
                    return;
                }
                try {
                    ChatResponse complete = exchange.answer(response);
                    List<ToolExecutionRequest> calls = complete.aiMessage().toolExecutionRequests();
                    for (int i = 0; i < calls.size(); i++) {
                        handler.onCompleteToolCall(new CompleteToolCall(i, calls.get(i)));
                    }
                    handler.onCompleteResponse(complete);
                } catch (RuntimeException e) {
                    failed(handler, e);
                }
            }

            @Override
            public void onError(Throwable error) {
                exchange.stopDelegate();
                if (!exchange.isCancelled()) {
                    failed(handler, Exchange.unwrap(error, true));
                }
            }
        });
    }

    private static void failed(StreamingChatResponseHandler handler, Throwable error) {
        try {
            handler.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("AIMS: the streaming handler's onError threw {}", e.getClass().getName());
        }
    }

    @Override
    public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        chat(chatRequest, ChatRequestOptions.EMPTY, handler);
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
