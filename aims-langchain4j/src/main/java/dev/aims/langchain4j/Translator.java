package dev.aims.langchain4j;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.Message;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Translates between LangChain4j's chat types and AIMS's, both ways: requests through {@link Messages} and {@link
 * Parameters} (which say what becomes what, and what is counted as uninspected), responses here.
 *
 * <p>Requests: the AIMS form carries every text the provider reads, and the request that leaves is built from the
 * governed (redacted, possibly modified) AIMS form, never from the original's texts: the original gives only the
 * shape and the settings that hold no text. Responses are rebuilt around the provider's own metadata, their texts
 * replaced by the governed ones (pseudonyms restored).
 */
final class Translator {
    private static final Map<String, String> PROVIDER_NAMES = Map.ofEntries(
            Map.entry("OPEN_AI", "openai"),
            Map.entry("AZURE_OPEN_AI", "azure.ai.openai"),
            Map.entry("ANTHROPIC", "anthropic"),
            Map.entry("AMAZON_BEDROCK", "aws.bedrock"),
            Map.entry("GOOGLE_AI_GEMINI", "gcp.gemini"),
            Map.entry("GOOGLE_GENAI", "gcp.gen_ai"),
            Map.entry("GOOGLE_VERTEX_AI_GEMINI", "gcp.vertex_ai"),
            Map.entry("GOOGLE_VERTEX_AI_ANTHROPIC", "gcp.vertex_ai"),
            Map.entry("MICROSOFT_FOUNDRY", "azure.ai.inference"),
            Map.entry("MISTRAL_AI", "mistral_ai"),
            Map.entry("OLLAMA", "ollama"),
            Map.entry("WATSONX", "ibm.watsonx.ai"),
            Map.entry("COHERE", "cohere"),
            Map.entry("GITHUB_MODELS", "github_models"),
            Map.entry("VOYAGE_AI", "voyage_ai"),
            Map.entry("JINA", "jina"));

    private Translator() {
    }

    /**
     * @param provider the model's provider
     * @return the OpenTelemetry GenAI name of the provider, or null when LangChain4j does not know it
     */
    static String providerName(ModelProvider provider) {
        return provider == null ? null : PROVIDER_NAMES.get(provider.name());
    }

    /**
     * @param request  the application's request
     * @param defaults the model's default parameters, or null
     * @param options  the caller's options, or null
     * @param provider the provider's GenAI name, or null
     * @param stream   whether the call streams
     * @return the AIMS form of the request, tagged with its {@link Exchange}
     * @throws NullPointerException     if the request is null
     * @throws IllegalArgumentException naming the field when a value is out of AIMS's range
     */
    static AiRequest toAims(ChatRequest request, ChatRequestParameters defaults, ChatRequestOptions options,
            String provider, boolean stream) {
        Objects.requireNonNull(request, "chatRequest");
        List<ChatMessage> messages = request.messages();
        List<Message> translated = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            translated.add(Messages.toAims(messages.get(i)));
        }
        ChatRequestParameters effective = Parameters.effective(defaults, request.parameters());
        Exchange exchange = new Exchange(request, defaults, effective, List.copyOf(translated), options);
        AiRequest.Builder b = AiRequest.builder().messages(translated).stream(stream).provider(provider)
                .tag(Exchange.class, exchange);
        Parameters.toAims(effective, b);
        return b.build();
    }

    /**
     * @param sent     the request as it is to leave (redacted, possibly modified by policies)
     * @param exchange the call's exchange
     * @return the LangChain4j request to hand to the delegate
     * @throws IllegalArgumentException naming the field when a governed value cannot be expressed in LangChain4j
     */
    static ChatRequest toLangChain4j(AiRequest sent, Exchange exchange) {
        return ChatRequest.builder()
                .messages(Messages.toLangChain4j(sent.messages(), exchange.translated, exchange.original.messages()))
                .parameters(Parameters.toLangChain4j(sent, exchange.effective, exchange.defaults))
                .build();
    }

    static AiResponse toAims(ChatResponse response) {
        Objects.requireNonNull(response, "the delegate returned a null ChatResponse");
        AiResponse.Builder b = AiResponse.builder()
                .message(Messages.assistant(response.aiMessage()).build())
                .usage(usage(response.tokenUsage()))
                .responseId(response.id())
                .model(response.modelName());
        if (response.finishReason() != null) {
            b.finishReason(finishReason(response.finishReason()));
        }
        return b.build();
    }

    /**
     * @param governed the response as governance returns it (pseudonyms restored, possibly modified by policies)
     * @param original the delegate's response, or null when the delegate was not reached (a caching interceptor)
     * @return the LangChain4j response for the caller
     */
    static ChatResponse toLangChain4j(AiResponse governed, ChatResponse original) {
        if (original != null && governed.messages().size() == 1) {
            Message m = governed.messages().get(0);
            if (sameShape(m, Messages.assistant(original.aiMessage()).build())) {
                AiMessage rebuilt = rebuild(m, original.aiMessage());
                return ChatResponse.builder().aiMessage(rebuilt).metadata(original.metadata()).build();
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (Message m : governed.messages()) {
            calls.addAll(m.toolCalls());
        }
        String text = governed.text();
        AiMessage message = AiMessage.builder().text(text.isEmpty() && !calls.isEmpty() ? null : text)
                .toolExecutionRequests(Messages.toolRequests(calls)).build();
        ChatResponseMetadata.Builder<?> meta = original != null ? original.metadata().toBuilder()
                : ChatResponseMetadata.builder();
        meta.id(governed.responseId().orElse(null)).modelName(governed.model().orElse(null))
                .tokenUsage(new TokenUsage(Math.toIntExact(governed.usage().inputTokens()),
                        Math.toIntExact(governed.usage().outputTokens())));
        if (!governed.finishReasons().isEmpty()) {
            meta.finishReason(finishReason(governed.finishReasons().get(0)));
        }
        return ChatResponse.builder().aiMessage(message).metadata(meta.build()).build();
    }

    private static Usage usage(TokenUsage u) {
        if (u == null) {
            return Usage.ZERO;
        }
        return Usage.of(u.inputTokenCount() == null ? 0 : u.inputTokenCount(),
                u.outputTokenCount() == null ? 0 : u.outputTokenCount());
    }

    static dev.aims.api.FinishReason finishReason(FinishReason r) {
        switch (r.name()) {
            case "STOP":
                return dev.aims.api.FinishReason.STOP;
            case "LENGTH":
                return dev.aims.api.FinishReason.LENGTH;
            case "TOOL_EXECUTION":
                return dev.aims.api.FinishReason.TOOL_CALLS;
            case "CONTENT_FILTER":
                return dev.aims.api.FinishReason.CONTENT_FILTER;
            default:
                return dev.aims.api.FinishReason.OTHER;
        }
    }

    static FinishReason finishReason(dev.aims.api.FinishReason r) {
        switch (r) {
            case STOP:
                return FinishReason.STOP;
            case LENGTH:
                return FinishReason.LENGTH;
            case TOOL_CALLS:
                return FinishReason.TOOL_EXECUTION;
            case CONTENT_FILTER:
                return FinishReason.CONTENT_FILTER;
            default:
                return FinishReason.OTHER;
        }
    }

    private static boolean sameShape(Message a, Message b) {
        return a.texts().size() == b.texts().size() && a.toolCalls().size() == b.toolCalls().size();
    }

    /** The provider's message with its texts and tool-call arguments replaced by the governed ones. */
    private static AiMessage rebuild(Message m, AiMessage a) {
        int i = 0;
        AiMessage.Builder b = a.toBuilder();
        if (a.text() != null) {
            b.text(m.texts().get(i++));
        }
        if (a.thinking() != null) {
            b.thinking(m.texts().get(i));
        }
        List<ToolExecutionRequest> requests = a.toolExecutionRequests();
        if (!requests.isEmpty()) {
            List<ToolExecutionRequest> mapped = new ArrayList<>(requests.size());
            for (int k = 0; k < requests.size(); k++) {
                ToolExecutionRequest r = requests.get(k);
                String args = m.toolCalls().get(k).arguments();
                mapped.add(args.equals(r.arguments()) ? r : r.toBuilder().arguments(args).build());
            }
            b.toolExecutionRequests(mapped);
        }
        return b.build();
    }
}
