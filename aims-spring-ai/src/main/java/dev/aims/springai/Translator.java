package dev.aims.springai;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import dev.aims.api.ToolResult;
import dev.aims.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Translates between Spring AI's chat types and AIMS's, both ways.
 *
 * <p>Requests: a {@link SystemMessage} becomes a SYSTEM message, a {@link UserMessage} a USER message (its media
 * counted as uninspected parts), an {@link AssistantMessage} an ASSISTANT message with its tool calls, and a
 * {@link ToolResponseMessage} one TOOL message per tool response. Any other message becomes an empty USER message
 * with one uninspected part. Parameters are the prompt's options, else the model's.
 *
 * <p>Back: the prompt that leaves is rebuilt from the original messages with only their texts replaced, so media,
 * metadata and provider-specific options travel untouched; only a conversation a policy reshaped is built afresh.
 * Responses are rebuilt the same way around the provider's own metadata.
 */
final class Translator {
    /** Used when neither the prompt nor the model names a model; an allow-list will deny it. */
    static final String UNKNOWN_MODEL = "unknown";

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

    private Translator() {
    }

    /** A prompt in both forms, and which original message each AIMS message came from. */
    record Translated(Prompt original, AiRequest request, int[] source) {
    }

    /**
     * @param model a Spring AI chat model
     * @return the OpenTelemetry GenAI provider name for the well-known model classes, else null
     */
    static String providerName(Object model) {
        return PROVIDERS.get(model.getClass().getSimpleName());
    }

    static Translated toAims(Prompt prompt, ChatOptions defaults, String provider, boolean stream) {
        Objects.requireNonNull(prompt, "prompt");
        ChatOptions o = prompt.getOptions();
        ChatOptions d = defaults == null ? ChatOptions.builder().build() : defaults;
        AiRequest.Builder b = AiRequest.builder()
                .model(first(o == null ? null : o.getModel(), d.getModel(), UNKNOWN_MODEL))
                .temperature(first(o == null ? null : o.getTemperature(), d.getTemperature(), null))
                .topP(first(o == null ? null : o.getTopP(), d.getTopP(), null))
                .maxTokens(first(o == null ? null : o.getMaxTokens(), d.getMaxTokens(), null))
                .stopSequences(first(o == null ? null : nullIfEmpty(o.getStopSequences()),
                        nullIfEmpty(d.getStopSequences()), List.of()))
                .provider(provider)
                .stream(stream);
        List<Integer> source = new ArrayList<>();
        List<org.springframework.ai.chat.messages.Message> messages = prompt.getInstructions();
        for (int i = 0; i < messages.size(); i++) {
            for (Message m : toAims(messages.get(i))) {
                b.message(m);
                source.add(i);
            }
        }
        b.tools(tools(o != null ? o : d));
        return new Translated(prompt, b.build(), source.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<ToolDefinition> tools(ChatOptions options) {
        if (!(options instanceof ToolCallingChatOptions)) {
            return List.of();
        }
        List<ToolCallback> callbacks = ((ToolCallingChatOptions) options).getToolCallbacks();
        if (callbacks == null) {
            return List.of();
        }
        List<ToolDefinition> out = new ArrayList<>(callbacks.size());
        for (ToolCallback c : callbacks) {
            org.springframework.ai.tool.definition.ToolDefinition d = c.getToolDefinition();
            out.add(new ToolDefinition(d.name(), Objects.requireNonNullElse(d.description(), ""),
                    Objects.requireNonNullElse(d.inputSchema(), "")));
        }
        return out;
    }

    static List<Message> toAims(org.springframework.ai.chat.messages.Message message) {
        if (message instanceof SystemMessage) {
            return List.of(Message.system(nonNull(message.getText())));
        }
        if (message instanceof UserMessage) {
            UserMessage u = (UserMessage) message;
            return List.of(Message.builder(Role.USER).text(nonNull(u.getText())).uninspectedParts(u.getMedia().size())
                    .build());
        }
        if (message instanceof AssistantMessage) {
            return List.of(toAims((AssistantMessage) message));
        }
        if (message instanceof ToolResponseMessage) {
            List<Message> out = new ArrayList<>();
            for (ToolResponseMessage.ToolResponse r : ((ToolResponseMessage) message).getResponses()) {
                out.add(Message.tool(ToolResult.of(nonNull(r.id()), nonNull(r.name()), nonNull(r.responseData()))));
            }
            return out;
        }
        return List.of(Message.builder(Role.USER).uninspectedParts(1).build());
    }

    static Message toAims(AssistantMessage a) {
        Message.Builder b = Message.builder(Role.ASSISTANT).uninspectedParts(a.getMedia().size());
        if (a.getText() != null) {
            b.text(a.getText());
        }
        for (AssistantMessage.ToolCall c : a.getToolCalls()) {
            b.toolCall(ToolCall.of(nonNull(c.id()), c.name() == null || c.name().isBlank() ? "unnamed" : c.name(),
                    nonNull(c.arguments())));
        }
        return b.build();
    }

    /**
     * @param sent       the request as it is to leave (redacted, possibly modified by policies)
     * @param translated the original prompt and its AIMS form
     * @return the prompt to hand to the delegate
     */
    static Prompt toSpring(AiRequest sent, Translated translated) {
        Prompt original = translated.original();
        AiRequest before = translated.request();
        List<org.springframework.ai.chat.messages.Message> messages = messages(sent.messages(), translated);
        ChatOptions options = options(sent, before, original.getOptions());
        if (messages == original.getInstructions() && options == original.getOptions()) {
            return original;
        }
        return Prompt.builder().messages(messages).chatOptions(options).build();
    }

    private static List<org.springframework.ai.chat.messages.Message> messages(List<Message> sent,
            Translated translated) {
        List<Message> before = translated.request().messages();
        List<org.springframework.ai.chat.messages.Message> original = translated.original().getInstructions();
        if (identical(sent, before)) {
            return original;
        }
        boolean sameShape = sent.size() == before.size();
        for (int i = 0; sameShape && i < sent.size(); i++) {
            sameShape = sameShape(sent.get(i), before.get(i));
        }
        List<org.springframework.ai.chat.messages.Message> out = new ArrayList<>(original.size());
        if (!sameShape) {
            for (Message m : sent) {
                out.add(fresh(m));
            }
            return out;
        }
        int[] source = translated.source();
        int i = 0;
        for (int k = 0; k < original.size(); k++) {
            int from = i;
            while (i < source.length && source[i] == k) {
                i++;
            }
            out.add(rebuild(original.get(k), sent.subList(from, i), before.subList(from, i)));
        }
        return out;
    }

    private static boolean identical(List<Message> a, List<Message> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameShape(Message a, Message b) {
        return a.role() == b.role() && a.texts().size() == b.texts().size()
                && a.toolCalls().size() == b.toolCalls().size()
                && a.toolResult().isPresent() == b.toolResult().isPresent();
    }

    private static org.springframework.ai.chat.messages.Message rebuild(
            org.springframework.ai.chat.messages.Message original, List<Message> sent, List<Message> before) {
        if (identical(sent, before)) {
            return original;
        }
        if (original instanceof SystemMessage) {
            return ((SystemMessage) original).mutate().text(sent.get(0).text()).build();
        }
        if (original instanceof UserMessage) {
            return ((UserMessage) original).mutate().text(sent.get(0).text()).build();
        }
        if (original instanceof AssistantMessage) {
            return rebuild((AssistantMessage) original, sent.get(0));
        }
        if (original instanceof ToolResponseMessage) {
            List<ToolResponseMessage.ToolResponse> responses = ((ToolResponseMessage) original).getResponses();
            List<ToolResponseMessage.ToolResponse> mapped = new ArrayList<>(responses.size());
            for (int i = 0; i < responses.size(); i++) {
                ToolResponseMessage.ToolResponse r = responses.get(i);
                mapped.add(new ToolResponseMessage.ToolResponse(r.id(), r.name(),
                        sent.get(i).toolResult().orElseThrow().text()));
            }
            return ToolResponseMessage.builder().responses(mapped).metadata(original.getMetadata()).build();
        }
        return original;
    }

    private static AssistantMessage rebuild(AssistantMessage a, Message m) {
        List<AssistantMessage.ToolCall> calls = a.getToolCalls();
        List<AssistantMessage.ToolCall> mapped = new ArrayList<>(calls.size());
        for (int k = 0; k < calls.size(); k++) {
            AssistantMessage.ToolCall c = calls.get(k);
            mapped.add(new AssistantMessage.ToolCall(c.id(), c.type(), c.name(), m.toolCalls().get(k).arguments()));
        }
        return AssistantMessage.builder().content(a.getText() == null ? null : m.texts().get(0))
                .properties(a.getMetadata()).toolCalls(mapped).media(a.getMedia()).build();
    }

    private static org.springframework.ai.chat.messages.Message fresh(Message m) {
        switch (m.role()) {
            case SYSTEM:
                return new SystemMessage(m.text());
            case ASSISTANT:
                return AssistantMessage.builder().content(m.texts().isEmpty() ? null : m.text())
                        .toolCalls(toolCalls(m.toolCalls())).build();
            case TOOL:
                ToolResult r = m.toolResult().orElseThrow();
                return ToolResponseMessage.builder().responses(List.of(new ToolResponseMessage.ToolResponse(
                        r.toolCallId(), r.toolName(), r.text()))).build();
            default:
                return new UserMessage(m.text());
        }
    }

    private static List<AssistantMessage.ToolCall> toolCalls(List<ToolCall> calls) {
        List<AssistantMessage.ToolCall> out = new ArrayList<>(calls.size());
        for (ToolCall c : calls) {
            out.add(new AssistantMessage.ToolCall(c.id(), "function", c.name(), c.arguments()));
        }
        return out;
    }

    private static ChatOptions options(AiRequest sent, AiRequest before, ChatOptions options) {
        if (sent == before || sent.model().equals(before.model()) && sent.temperature().equals(before.temperature())
                && sent.topP().equals(before.topP()) && sent.maxTokens().equals(before.maxTokens())
                && sent.stopSequences().equals(before.stopSequences())) {
            return options;
        }
        ChatOptions.Builder<?> b = options == null ? ChatOptions.builder() : options.mutate();
        return b.model(sent.model())
                .temperature(sent.temperature().orElse(null))
                .topP(sent.topP().orElse(null))
                .maxTokens(sent.maxTokens().orElse(null))
                .stopSequences(sent.stopSequences().isEmpty() ? null : sent.stopSequences())
                .build();
    }

    static AiResponse toAims(ChatResponse response) {
        Objects.requireNonNull(response, "the delegate returned a null ChatResponse");
        AiResponse.Builder b = AiResponse.builder();
        for (Generation g : response.getResults()) {
            b.message(toAims(g.getOutput()));
            String reason = g.getMetadata() == null ? null : g.getMetadata().getFinishReason();
            if (reason != null && !reason.isBlank()) {
                b.finishReason(finishReason(reason));
            }
        }
        ChatResponseMetadata meta = response.getMetadata();
        if (meta != null) {
            b.responseId(blankToNull(meta.getId())).model(blankToNull(meta.getModel()));
            if (meta.getUsage() != null) {
                b.usage(Usage.of(nonNegative(meta.getUsage().getPromptTokens()),
                        nonNegative(meta.getUsage().getCompletionTokens())));
            }
        }
        return b.build();
    }

    /**
     * @param governed the response as governance returns it (pseudonyms restored, possibly modified by policies)
     * @param original the delegate's response, or null when the delegate was not reached (a caching interceptor)
     * @return the Spring AI response for the caller
     */
    static ChatResponse toSpring(AiResponse governed, ChatResponse original) {
        if (original != null && governed.messages().size() == original.getResults().size()) {
            List<Generation> generations = new ArrayList<>(original.getResults().size());
            boolean sameShape = true;
            for (int i = 0; sameShape && i < governed.messages().size(); i++) {
                Generation g = original.getResults().get(i);
                Message m = governed.messages().get(i);
                sameShape = sameShape(m, toAims(g.getOutput()));
                if (sameShape) {
                    generations.add(new Generation(rebuild(g.getOutput(), m), g.getMetadata()));
                }
            }
            if (sameShape) {
                return new ChatResponse(generations, original.getMetadata());
            }
        }
        List<Generation> generations = new ArrayList<>();
        for (int i = 0; i < governed.messages().size(); i++) {
            Message m = governed.messages().get(i);
            ChatGenerationMetadata.Builder meta = ChatGenerationMetadata.builder();
            if (i < governed.finishReasons().size()) {
                meta.finishReason(governed.finishReasons().get(i).name());
            }
            generations.add(new Generation(AssistantMessage.builder().content(m.text())
                    .toolCalls(toolCalls(m.toolCalls())).build(), meta.build()));
        }
        ChatResponseMetadata.Builder meta = ChatResponseMetadata.builder()
                .usage(new DefaultUsage(Math.toIntExact(governed.usage().inputTokens()),
                        Math.toIntExact(governed.usage().outputTokens())));
        governed.responseId().ifPresent(meta::id);
        governed.model().ifPresent(meta::model);
        return new ChatResponse(generations, meta.build());
    }

    /** Maps the finish reasons providers report (OpenAI's enum names, Anthropic's, Gemini's …) to AIMS's. */
    static FinishReason finishReason(String reason) {
        switch (reason.toLowerCase(Locale.ROOT)) {
            case "stop":
            case "end_turn":
            case "stop_sequence":
                return FinishReason.STOP;
            case "length":
            case "max_tokens":
                return FinishReason.LENGTH;
            case "tool_calls":
            case "tool_use":
            case "function_call":
                return FinishReason.TOOL_CALLS;
            case "content_filter":
            case "safety":
                return FinishReason.CONTENT_FILTER;
            default:
                return FinishReason.OTHER;
        }
    }

    private static <T> T first(T value, T fallback, T last) {
        return value != null ? value : fallback != null ? fallback : last;
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static long nonNegative(Integer n) {
        return n == null || n < 0 ? 0 : n;
    }
}
