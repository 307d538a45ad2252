package dev.aims.langchain4j;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import dev.aims.api.ToolResult;
import dev.aims.api.Usage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Translates between LangChain4j's chat types and AIMS's, both ways.
 *
 * <p>Requests: a {@link SystemMessage} becomes a SYSTEM message; a {@link UserMessage} a USER message whose text
 * parts are its {@link TextContent}s, its other contents (images, audio, video, PDF) counted as uninspected parts;
 * an {@link AiMessage} an ASSISTANT message whose text parts are its text then its thinking, with its tool
 * execution requests as tool calls; a {@link ToolExecutionResultMessage} a TOOL message whose result is its first
 * text content (further text contents are text parts, other contents uninspected). Any other message (a
 * {@code CustomMessage}) becomes an empty USER message with one uninspected part. Parameters are the effective
 * ones: the request's, else the model's defaults.
 *
 * <p>Back: the request that leaves is rebuilt from the original LangChain4j messages, each text replaced by its
 * redacted counterpart, so non-text contents, names, attributes and provider-specific parameters travel untouched.
 * Only when a policy changed the conversation's shape (added or removed messages or parts) are messages built
 * afresh from the AIMS form. Responses are rebuilt the same way around the provider's own metadata.
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

    /** Used when neither the request nor the model's defaults name a model; an allow-list will deny it. */
    static final String UNKNOWN_MODEL = "unknown";

    private Translator() {
    }

    /**
     * A request in both forms, so that a redacted or modified AIMS form can be turned back into LangChain4j's
     * without losing what AIMS does not model.
     */
    record Translated(ChatRequest original, AiRequest request) {
    }

    /**
     * @param provider the model's provider
     * @return the OpenTelemetry GenAI name of the provider, or null when LangChain4j does not know it
     */
    static String providerName(ModelProvider provider) {
        return provider == null ? null : PROVIDER_NAMES.get(provider.name());
    }

    static Translated toAims(ChatRequest request, ChatRequestParameters defaults, String provider, boolean stream) {
        Objects.requireNonNull(request, "chatRequest");
        ChatRequestParameters p = request.parameters();
        if (defaults == null) {
            defaults = DefaultChatRequestParameters.EMPTY;
        }
        AiRequest.Builder b = AiRequest.builder()
                .model(orElse(p.modelName(), defaults.modelName(), UNKNOWN_MODEL))
                .temperature(orElse(p.temperature(), defaults.temperature(), null))
                .topP(orElse(p.topP(), defaults.topP(), null))
                .maxTokens(orElse(p.maxOutputTokens(), defaults.maxOutputTokens(), null))
                .stopSequences(orElse(nullIfEmpty(p.stopSequences()), defaults.stopSequences(), List.of()))
                .stream(stream)
                .provider(provider);
        for (ChatMessage m : request.messages()) {
            b.message(toAims(m));
        }
        List<ToolSpecification> specs = orElse(nullIfEmpty(p.toolSpecifications()), defaults.toolSpecifications(),
                List.of());
        List<ToolDefinition> tools = new ArrayList<>(specs.size());
        for (ToolSpecification spec : specs) {
            tools.add(new ToolDefinition(spec.name(), Objects.requireNonNullElse(spec.description(), ""),
                    spec.toJson()));
        }
        return new Translated(request, b.tools(tools).build());
    }

    static Message toAims(ChatMessage message) {
        if (message instanceof SystemMessage s) {
            return Message.system(s.text());
        }
        if (message instanceof UserMessage u) {
            Message.Builder b = Message.builder(Role.USER);
            int uninspected = 0;
            for (Content c : u.contents()) {
                if (c instanceof TextContent t) {
                    b.text(t.text());
                } else {
                    uninspected++;
                }
            }
            return b.uninspectedParts(uninspected).build();
        }
        if (message instanceof AiMessage a) {
            return toAims(a);
        }
        if (message instanceof ToolExecutionResultMessage t) {
            Message.Builder b = Message.builder(Role.TOOL);
            String result = null;
            int uninspected = 0;
            for (Content c : t.contents()) {
                if (!(c instanceof TextContent)) {
                    uninspected++;
                } else if (result == null) {
                    result = ((TextContent) c).text();
                } else {
                    b.text(((TextContent) c).text());
                }
            }
            return b.toolResult(ToolResult.of(nonNull(t.id()), nonNull(t.toolName()), nonNull(result)))
                    .uninspectedParts(uninspected).build();
        }
        return Message.builder(Role.USER).uninspectedParts(1).build();
    }

    static Message toAims(AiMessage a) {
        Message.Builder b = Message.builder(Role.ASSISTANT);
        if (a.text() != null) {
            b.text(a.text());
        }
        if (a.thinking() != null) {
            b.text(a.thinking());
        }
        for (ToolExecutionRequest r : a.toolExecutionRequests()) {
            b.toolCall(ToolCall.of(nonNull(r.id()), r.name() == null || r.name().isBlank() ? "unnamed" : r.name(),
                    nonNull(r.arguments())));
        }
        return b.build();
    }

    /**
     * @param sent       the request as it is to leave (redacted, possibly modified by policies)
     * @param translated the original request and its AIMS form
     * @return the LangChain4j request to hand to the delegate
     */
    static ChatRequest toLangChain4j(AiRequest sent, Translated translated) {
        ChatRequest original = translated.original();
        AiRequest before = translated.request();
        List<ChatMessage> messages = messages(sent.messages(), before.messages(), original.messages());
        ChatRequestParameters parameters = parameters(sent, before, original.parameters());
        if (messages == original.messages() && parameters == original.parameters()) {
            return original;
        }
        return ChatRequest.builder().messages(messages).parameters(parameters).build();
    }

    private static List<ChatMessage> messages(List<Message> sent, List<Message> before, List<ChatMessage> original) {
        if (sent == before) {
            return original;
        }
        boolean sameShape = sent.size() == before.size();
        for (int i = 0; sameShape && i < sent.size(); i++) {
            sameShape = sameShape(sent.get(i), before.get(i));
        }
        List<ChatMessage> out = new ArrayList<>(sent.size());
        boolean changed = false;
        for (int i = 0; i < sent.size(); i++) {
            Message m = sent.get(i);
            ChatMessage rebuilt;
            if (!sameShape) {
                rebuilt = fresh(m);
            } else if (m == before.get(i)) {
                rebuilt = original.get(i);
            } else {
                rebuilt = rebuild(m, original.get(i));
            }
            changed |= rebuilt != original.get(i) || !sameShape;
            out.add(rebuilt);
        }
        return changed ? out : original;
    }

    private static boolean sameShape(Message a, Message b) {
        return a.role() == b.role() && a.texts().size() == b.texts().size()
                && a.toolCalls().size() == b.toolCalls().size()
                && a.toolResult().isPresent() == b.toolResult().isPresent();
    }

    /** Rebuilds a message of the same shape as the original's translation, replacing only its texts. */
    private static ChatMessage rebuild(Message m, ChatMessage original) {
        if (original instanceof SystemMessage) {
            return SystemMessage.from(m.texts().get(0));
        }
        if (original instanceof UserMessage u) {
            return u.toBuilder().contents(replaceTexts(u.contents(), m.texts(), 0)).build();
        }
        if (original instanceof AiMessage a) {
            return rebuild(m, a);
        }
        if (original instanceof ToolExecutionResultMessage t) {
            List<String> texts = new ArrayList<>(m.texts().size() + 1);
            texts.add(m.toolResult().orElseThrow().text());
            texts.addAll(m.texts());
            boolean hasText = false;
            for (Content c : t.contents()) {
                hasText |= c instanceof TextContent;
            }
            List<Content> contents = hasText ? replaceTexts(t.contents(), texts, 0) : t.contents();
            return t.toBuilder().contents(contents).build();
        }
        return original;
    }

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

    private static List<Content> replaceTexts(List<Content> contents, List<String> texts, int from) {
        List<Content> out = new ArrayList<>(contents.size());
        int i = from;
        for (Content c : contents) {
            out.add(c instanceof TextContent ? TextContent.from(texts.get(i++)) : c);
        }
        return out;
    }

    /** Builds a LangChain4j message from the AIMS form alone, for conversations a policy reshaped. */
    private static ChatMessage fresh(Message m) {
        switch (m.role()) {
            case SYSTEM:
                return SystemMessage.from(m.text());
            case ASSISTANT:
                return AiMessage.builder().text(m.texts().isEmpty() ? null : m.text())
                        .toolExecutionRequests(toolRequests(m.toolCalls())).build();
            case TOOL:
                ToolResult r = m.toolResult().orElseThrow();
                return ToolExecutionResultMessage.from(r.toolCallId(), r.toolName(), r.text());
            default:
                return UserMessage.from(m.text());
        }
    }

    private static List<ToolExecutionRequest> toolRequests(List<ToolCall> calls) {
        List<ToolExecutionRequest> out = new ArrayList<>(calls.size());
        for (ToolCall c : calls) {
            out.add(ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.arguments()).build());
        }
        return out;
    }

    private static ChatRequestParameters parameters(AiRequest sent, AiRequest before, ChatRequestParameters p) {
        if (sent == before || sent.model().equals(before.model()) && sent.temperature().equals(before.temperature())
                && sent.topP().equals(before.topP()) && sent.maxTokens().equals(before.maxTokens())
                && sent.stopSequences().equals(before.stopSequences())) {
            return p;
        }
        return p.overrideWith(DefaultChatRequestParameters.builder()
                .modelName(sent.model())
                .temperature(sent.temperature().orElse(null))
                .topP(sent.topP().orElse(null))
                .maxOutputTokens(sent.maxTokens().orElse(null))
                .stopSequences(sent.stopSequences().isEmpty() ? null : sent.stopSequences())
                .build());
    }

    static AiResponse toAims(ChatResponse response) {
        Objects.requireNonNull(response, "the delegate returned a null ChatResponse");
        AiResponse.Builder b = AiResponse.builder()
                .message(toAims(response.aiMessage()))
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
            if (sameShape(m, toAims(original.aiMessage()))) {
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
                .toolExecutionRequests(toolRequests(calls)).build();
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

    private static <T> T orElse(T value, T fallback, T last) {
        return value != null ? value : fallback != null ? fallback : last;
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
