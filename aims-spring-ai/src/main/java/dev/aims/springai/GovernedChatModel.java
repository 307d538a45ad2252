package dev.aims.springai;

import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.Role;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * A Spring AI {@link ChatModel} that governs every call before its delegate sees it.
 *
 * <p>{@link #call(Prompt)} returns the delegate's answer with pseudonyms restored, or throws the AIMS exception of a
 * denial or failed control; a provider failure is rethrown as the provider's own exception, the AIMS
 * {@code AiProviderException} attached as suppressed. {@link #stream(Prompt)} returns a {@code Flux} whose elements
 * carry the answer's text one hold-back window behind the provider, after the POST policies have passed it; the
 * last element carries no text but the finish reason, usage, response id and model, and the tool calls with their
 * arguments restored. A denial mid-stream ends the flux with the AIMS exception; cancelling the subscription stops
 * the provider's stream. The governed stream blocks a thread while it runs, so it runs on Reactor's
 * bounded-elastic scheduler; the caller's {@link CallContext} is taken when {@code stream} is called.
 *
 * <p>The prompt is translated into an {@link AiRequest} carrying every text the provider will read
 * ({@link PromptTranslator}); the prompt the delegate receives is built from that request once governance redacted
 * it. Where the Spring AI line lets the model run the tools it asks for inside its own call (1.1), the tool loop is
 * run here instead ({@link SpringAiLine#call}), so that each round-trip is governed, as on Spring AI 2, where
 * {@code ChatClient} runs it. The call's Spring side travels with the request as a tag ({@link Exchange}), so
 * interceptors may continue a call on any thread, as long as they derive the requests they pass on from the one
 * they were given.
 */
final class GovernedChatModel implements ChatModel {
    private static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("OpenAiChatModel", "openai"),
            Map.entry("AzureOpenAiChatModel", "azure.ai.openai"),
            Map.entry("AnthropicChatModel", "anthropic"),
            Map.entry("OllamaChatModel", "ollama"),
            Map.entry("MistralAiChatModel", "mistral_ai"),
            Map.entry("BedrockProxyChatModel", "aws.bedrock"),
            Map.entry("VertexAiGeminiChatModel", "gcp.vertex_ai"),
            Map.entry("GoogleGenAiChatModel", "gcp.gen_ai"),
            Map.entry("DeepSeekChatModel", "deepseek"));

    /** Micrometer's key of the current observation in a Reactor context (ObservationThreadLocalAccessor.KEY). */
    static final String OBSERVATION_KEY = "micrometer.observation";

    private final ChatModel delegate;
    private final String provider;
    private final GovernedClient governed;
    /** Runs the tools a model asks for, where the Spring AI line leaves that to the model; null for a default. */
    private final ToolCallingManager tools;
    /** Resolves tools given by name (Spring AI 1.1's toolNames) before the call; null when none was given. */
    private final ToolCallbackResolver toolResolver;

    GovernedChatModel(ChatModel delegate, Consumer<GovernedClient.Builder> config, String provider,
            ToolCallingManager tools, ToolCallbackResolver toolResolver) {
        this.delegate = Objects.requireNonNull(delegate, "model");
        this.provider = provider;
        this.tools = tools;
        this.toolResolver = toolResolver;
        GovernedClient.Builder b = GovernedClient.builder();
        config.accept(b);
        try {
            b.delegate((ModelClient) this::send).streamingDelegate((StreamingModelClient) this::send);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("config must not set the delegate: AimsSpringAi.govern sets it to the"
                    + " model it wraps (" + e.getMessage() + ")", e);
        }
        this.governed = b.build();
    }

    /**
     * @param model a Spring AI chat model
     * @return the OpenTelemetry GenAI provider name for the well-known model classes, else null
     */
    static String providerName(Object model) {
        return PROVIDERS.get(model.getClass().getSimpleName());
    }

    private AiResponse send(AiRequest request) {
        Exchange exchange = Exchange.of(request);
        ChatResponse response = delegate.call(PromptTranslator.toSpring(request, exchange.translated));
        AiResponse received = ResponseTranslator.toAims(response);
        exchange.response = response;
        exchange.received = received;
        return received;
    }

    private void send(AiRequest request, StreamingHandler governedSide) {
        Exchange exchange = Exchange.of(request);
        exchange.governedSide = governedSide;
        if (exchange.cancelled) {
            governedSide.onError(new CancellationException("stream cancelled by the subscriber"));
            return;
        }
        StreamAccumulator acc = new StreamAccumulator();
        Flux<ChatResponse> provider = delegate.stream(PromptTranslator.toSpring(request, exchange.translated));
        provider.subscribe(new BaseSubscriber<ChatResponse>() {
            @Override
            public Context currentContext() {
                // The provider's own observation nests under the subscriber's, as without AIMS in between.
                return exchange.subscriberContext == null ? Context.empty() : Context.of(exchange.subscriberContext);
            }

            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // Known before the first chunk, so a denial during a synchronous stream can still stop it.
                exchange.subscription = this;
                requestUnbounded();
            }

            @Override
            protected void hookOnNext(ChatResponse chunk) {
                String text = acc.add(chunk);
                if (!text.isEmpty()) {
                    governedSide.onPartial(text);
                }
            }

            @Override
            protected void hookOnError(Throwable error) {
                governedSide.onError(error);
            }

            @Override
            protected void hookOnComplete() {
                AiResponse whole;
                try {
                    whole = acc.response();
                } catch (RuntimeException e) {
                    governedSide.onError(e);
                    return;
                }
                governedSide.onComplete(whole);
            }
        });
    }

    /**
     * Governs the call.
     *
     * @throws dev.aims.api.AiPolicyViolationException when a policy denied the call
     * @throws dev.aims.api.AiGovernanceException      when a control failed (AIMS fails closed)
     * @throws RuntimeException                        the delegate's own exception when the provider failed
     */
    @Override
    public ChatResponse call(Prompt prompt) {
        ChatOptions modelOptions = SpringAiLine.options(delegate);
        return SpringAiLine.call(SpringAiLine.withToolsResolved(prompt, modelOptions, toolResolver), modelOptions,
                tools, this::callOnce);
    }

    /** One governed round-trip to the provider. */
    private ChatResponse callOnce(Prompt prompt) {
        Exchange exchange = new Exchange(PromptTranslator.toAims(prompt, SpringAiLine.options(delegate), provider,
                false));
        try {
            AiResponse response = governed.call(exchange.request(), CallContext.current());
            return response == exchange.received && exchange.response != null ? exchange.response
                    : ResponseTranslator.toSpring(response, exchange.response);
        } catch (AiProviderException e) {
            throw unwrap(e);
        }
    }

    /**
     * Governs a streamed call; see the class comment for what the flux carries.
     *
     * @throws NullPointerException if the prompt is null
     */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        ChatOptions modelOptions = SpringAiLine.options(delegate);
        return SpringAiLine.stream(SpringAiLine.withToolsResolved(prompt, modelOptions, toolResolver), modelOptions,
                tools, this::streamOnce);
    }

    /** One governed, streamed round-trip to the provider. */
    private Flux<ChatResponse> streamOnce(Prompt prompt) {
        PromptTranslator.Translated translated = PromptTranslator.toAims(prompt, SpringAiLine.options(delegate),
                provider, true);
        CallContext context = CallContext.current();
        return Flux.<ChatResponse>create(sink -> {
            Exchange exchange = new Exchange(translated);
            exchange.subscriberContext = sink.contextView();
            sink.onCancel(exchange::cancel);
            // The subscriber's observation (a ChatClient's) made current while the call runs, as it is for a
            // blocking call, so that what observes the call's start finds it (AimsObservations).
            Object enclosing = exchange.subscriberContext.getOrDefault(OBSERVATION_KEY, null);
            try (Observation.Scope scope = enclosing instanceof Observation ? ((Observation) enclosing).openScope()
                    : Observation.Scope.NOOP) {
                streamGoverned(exchange, context, sink);
            }
        }, FluxSink.OverflowStrategy.BUFFER).subscribeOn(Schedulers.boundedElastic());
    }

    /** Runs one governed stream, handing its chunks and its end to the sink. */
    private void streamGoverned(Exchange exchange, CallContext context, FluxSink<ChatResponse> sink) {
        governed.stream(exchange.request(), context, new StreamingHandler() {
            @Override
            public void onPartial(String text) {
                if (!exchange.cancelled) {
                    sink.next(new ChatResponse(List.of(new Generation(new AssistantMessage(text)))));
                }
            }

            @Override
            public void onComplete(AiResponse response) {
                if (!exchange.cancelled) {
                    sink.next(last(response));
                    sink.complete();
                }
            }

            @Override
            public void onError(Throwable error) {
                exchange.stopDelegate();
                if (!exchange.cancelled) {
                    sink.error(error instanceof AiProviderException ? unwrap((AiProviderException) error)
                            : error);
                }
            }
        });
    }

    /** The closing element of a stream: no text (it was streamed), everything else of the governed answer. */
    private static ChatResponse last(AiResponse governed) {
        List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
        for (Message m : governed.messages()) {
            for (ToolCall c : m.toolCalls()) {
                toolCalls.add(new AssistantMessage.ToolCall(c.id(), "function", c.name(), c.arguments()));
            }
        }
        ChatGenerationMetadata.Builder gm = ChatGenerationMetadata.builder();
        if (!governed.finishReasons().isEmpty()) {
            gm.finishReason(governed.finishReasons().get(0).name());
        }
        ChatResponseMetadata meta = ResponseTranslator.toSpring(governed, null).getMetadata();
        return new ChatResponse(List.of(new Generation(AssistantMessage.builder().content("").toolCalls(toolCalls)
                .build(), gm.build())), meta);
    }

    private static RuntimeException unwrap(AiProviderException e) {
        if (e.getCause() instanceof RuntimeException) {
            RuntimeException cause = (RuntimeException) e.getCause();
            cause.addSuppressed(e);
            return cause;
        }
        return e;
    }

    /**
     * @return the delegate's options (Spring AI 2's {@code getOptions}; on Spring AI 1.1 an ordinary method)
     */
    public ChatOptions getOptions() {
        return SpringAiLine.options(delegate);
    }

    /**
     * @return the delegate's options
     * @deprecated in Spring AI 2, as in its {@code ChatModel}: use {@link #getOptions()}
     */
    @Override
    @Deprecated(forRemoval = true)
    @SuppressWarnings("removal")
    public ChatOptions getDefaultOptions() {
        return SpringAiLine.options(delegate);
    }

    @Override
    public String toString() {
        return "AimsSpringAi.govern(" + delegate.getClass().getSimpleName() + ")";
    }
}
