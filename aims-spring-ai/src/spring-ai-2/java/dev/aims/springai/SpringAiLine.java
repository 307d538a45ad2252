package dev.aims.springai;

import dev.aims.api.AiRequest;
import java.util.List;
import java.util.function.Function;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;
import reactor.core.publisher.Flux;

/**
 * What differs between Spring AI lines, for Spring AI 2.x (Spring Boot 4): a model's options are
 * {@code getOptions()}, options are copied with new values through their {@code mutate()} builder, and the tool
 * loop is the caller's.
 * aims-spring-ai-boot3 has its own class of this name for Spring AI 1.1; every other source is shared.
 */
final class SpringAiLine {
    private SpringAiLine() {
    }

    /**
     * Spring AI 2's models leave the tools they ask for to the caller ({@code ChatClient}'s tool advisor), which
     * calls the governed model again for each round-trip: one governed call is one call here.
     */
    static ChatResponse call(Prompt prompt, ChatOptions modelOptions, ToolCallingManager tools,
            Function<Prompt, ChatResponse> once) {
        return once.apply(prompt);
    }

    /** As {@link #call}, streamed. */
    static Flux<ChatResponse> stream(Prompt prompt, ChatOptions modelOptions, ToolCallingManager tools,
            Function<Prompt, Flux<ChatResponse>> once) {
        return once.apply(prompt);
    }

    /**
     * Spring AI 2's options carry tools as callbacks only (it has no tool names): nothing to resolve.
     *
     * @return {@code prompt}
     */
    static Prompt withToolsResolved(Prompt prompt, ChatOptions modelOptions, ToolCallbackResolver resolver) {
        return prompt;
    }

    /** @return the options the model uses for a prompt without options of its own */
    static ChatOptions options(ChatModel model) {
        return model.getOptions();
    }

    /**
     * @param options       the options the provider would have used, or null
     * @param kind          their kind
     * @param sent          the request as it leaves
     * @param before        the request as the prompt was translated
     * @param modelChanged  whether a policy changed the model
     * @param tools         the tool callbacks to send when their definitions changed, else null
     * @param formatChanged whether a policy changed the response format
     * @return a copy of the options with the values of {@code sent}
     * @throws IllegalStateException when a policy asked for what the options class cannot carry
     */
    static ChatOptions edit(ChatOptions options, OptionsTranslator.Kind kind, AiRequest sent, AiRequest before,
            boolean modelChanged, List<ToolCallback> tools, boolean formatChanged) {
        ChatOptions.Builder<?> b = options == null ? ChatOptions.builder() : options.mutate();
        if (modelChanged || options != null && options.getModel() != null) {
            b.model(sent.model());
        }
        b.temperature(sent.temperature().orElse(null)).topP(sent.topP().orElse(null));
        if (kind != OptionsTranslator.Kind.OPENAI) {
            b.maxTokens(sent.maxTokens().orElse(null));
        }
        b.stopSequences(sent.stopSequences().isEmpty() ? null : sent.stopSequences());
        if (tools != null) {
            ((org.springframework.ai.model.tool.ToolCallingChatOptions.Builder<?>) b).toolCallbacks(tools);
        }
        if (formatChanged) {
            if (!(b instanceof StructuredOutputChatOptions.Builder)) {
                throw OptionsTranslator.noStructuredOutput(options);
            }
            if (kind != OptionsTranslator.Kind.OPENAI) {
                ((StructuredOutputChatOptions.Builder<?>) b).outputSchema(sent.responseFormat().orElse(null));
            }
        }
        if (kind == OptionsTranslator.Kind.OPENAI) {
            OpenAiOptionsTranslator.toSpring(b, sent, before, options);
        }
        return b.build();
    }
}
