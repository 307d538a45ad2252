package dev.aims.springai;

import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Translates a Spring AI {@link ChatResponse} into an {@link AiResponse} and back: texts, tool calls, finish reasons,
 * usage, response id and model. The answer the caller gets is rebuilt around the provider's own response and
 * metadata, with the governed texts and tool-call arguments in place; a response that did not come from the
 * provider (an interceptor answered) is built from the AIMS form alone.
 */
final class ResponseTranslator {
    private ResponseTranslator() {
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

    /** @return an answer's message in its AIMS form: text, tool calls, media counted as uninspected */
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

    private static boolean sameShape(Message a, Message b) {
        return a.role() == b.role() && a.texts().size() == b.texts().size()
                && a.toolCalls().size() == b.toolCalls().size();
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

    static List<AssistantMessage.ToolCall> toolCalls(List<ToolCall> calls) {
        List<AssistantMessage.ToolCall> out = new ArrayList<>(calls.size());
        for (ToolCall c : calls) {
            out.add(new AssistantMessage.ToolCall(c.id(), "function", c.name(), c.arguments()));
        }
        return out;
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
