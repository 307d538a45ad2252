package dev.aims.springai;

import dev.aims.api.AiRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessorFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What differs between Spring AI lines, for Spring AI 1.1 (Spring Boot 3.5): a model's options are
 * {@code getDefaultOptions()}, and options have no builder to copy them with: they are copied with {@code copy()}
 * and the changed values written through their bean setters, which every options class of Spring AI 1.1 has; and
 * the model runs the tools it asks for inside its own call, so the tool loop is taken from it and run here.
 * aims-spring-ai has its own class of this name for Spring AI 2; every other source is shared.
 */
final class SpringAiLine {
    private SpringAiLine() {
    }

    /**
     * Runs the tool loop that a Spring AI 1.1 model runs inside its own call — there the second round-trip, which
     * carries the tools' results, would leave ungoverned. The model is asked not to run tools
     * ({@code internalToolExecutionEnabled=false} on a copy of the options); each answer that asks for tools has
     * them run by the manager, and the conversation goes back through {@code once}, governed, until an answer asks
     * for none (or a tool returns directly), as the model itself would have done.
     *
     * @param prompt       the application's prompt
     * @param modelOptions the model's own options, used when the prompt has none
     * @param tools        the application's tool-calling manager (it resolves tools by name), or null for a default
     * @param once         one governed round-trip
     * @return the last answer
     */
    static ChatResponse call(Prompt prompt, ChatOptions modelOptions, ToolCallingManager tools,
            Function<Prompt, ChatResponse> once) {
        Prompt current = withoutModelRunTools(prompt, modelOptions);
        if (current == null) {
            return once.apply(prompt);
        }
        ToolCallingManager manager = tools != null ? tools : DefaultTools.MANAGER;
        ChatResponse response = once.apply(current);
        while (response != null && response.hasToolCalls()) {
            ToolExecutionResult result = manager.executeToolCalls(current, response);
            if (result.returnDirect()) {
                return ChatResponse.builder().from(response).generations(ToolExecutionResult.buildGenerations(result))
                        .build();
            }
            current = new Prompt(result.conversationHistory(), current.getOptions());
            response = once.apply(current);
        }
        return response;
    }

    /**
     * Replaces the tools a prompt names ({@code toolNames}) with the tools themselves, resolved before the call:
     * left as names, the model would resolve them when it sends — their definitions never seen by the redactor —
     * and AIMS's tool loop, which runs them instead of the model, could not.
     *
     * @param prompt       the application's prompt
     * @param modelOptions the model's own options, used when the prompt has none
     * @param resolver     the resolver of the model's tool-calling manager, or null when none was given
     * @return the prompt with options that pass every named tool as a callback and name none; {@code prompt} when
     *         it names none
     * @throws IllegalStateException naming the tools, when a name cannot be resolved (or there is no resolver):
     *                               before anything is sent
     */
    static Prompt withToolsResolved(Prompt prompt, ChatOptions modelOptions, ToolCallbackResolver resolver) {
        ChatOptions options = prompt.getOptions() != null ? prompt.getOptions() : modelOptions;
        if (!(options instanceof ToolCallingChatOptions)) {
            return prompt;
        }
        ToolCallingChatOptions t = (ToolCallingChatOptions) options;
        if (t.getToolNames() == null || t.getToolNames().isEmpty()) {
            return prompt;
        }
        List<ToolCallback> callbacks = new ArrayList<>(t.getToolCallbacks() == null ? List.of()
                : t.getToolCallbacks());
        List<String> unresolved = new ArrayList<>();
        for (String name : new TreeSet<>(t.getToolNames())) {
            if (callbacks.stream().anyMatch(c -> name.equals(c.getToolDefinition().name()))) {
                continue;
            }
            ToolCallback callback = resolver == null ? null : resolver.resolve(name);
            if (callback == null) {
                unresolved.add(name);
            } else {
                callbacks.add(callback);
            }
        }
        if (!unresolved.isEmpty()) {
            throw new IllegalStateException("toolNames " + unresolved + ": " + (resolver == null
                    ? "tools given by name need the ToolCallbackResolver of the model's ToolCallingManager; govern"
                    + " the model with it: AimsSpringAi.govern(model, resolver, config)"
                    : "the ToolCallbackResolver resolves no tool of that name") + "; nothing was sent");
        }
        ToolCallingChatOptions copy = t.copy();
        copy.setToolCallbacks(callbacks);
        copy.setToolNames(new HashSet<>());
        return new Prompt(prompt.getInstructions(), copy);
    }

    /** As {@link #call}, streamed: the element that asks for tools is followed by the next round-trip's. */
    static Flux<ChatResponse> stream(Prompt prompt, ChatOptions modelOptions, ToolCallingManager tools,
            Function<Prompt, Flux<ChatResponse>> once) {
        Prompt current = withoutModelRunTools(prompt, modelOptions);
        if (current == null) {
            return once.apply(prompt);
        }
        return round(current, tools != null ? tools : DefaultTools.MANAGER, once);
    }

    private static Flux<ChatResponse> round(Prompt current, ToolCallingManager tools,
            Function<Prompt, Flux<ChatResponse>> once) {
        return once.apply(current).concatMap(response -> !response.hasToolCalls() ? Flux.just(response)
                : Flux.defer(() -> {
                    ToolExecutionResult result = tools.executeToolCalls(current, response);
                    if (result.returnDirect()) {
                        return Flux.just(ChatResponse.builder().from(response)
                                .generations(ToolExecutionResult.buildGenerations(result)).build());
                    }
                    return round(new Prompt(result.conversationHistory(), current.getOptions()), tools, once);
                }).subscribeOn(Schedulers.boundedElastic()));
    }

    /**
     * @return the prompt with options that keep the model from running tools, or null when the model would run
     *         none (no tools, or the application runs them itself)
     */
    private static Prompt withoutModelRunTools(Prompt prompt, ChatOptions modelOptions) {
        ChatOptions options = prompt.getOptions() != null ? prompt.getOptions() : modelOptions;
        if (!(options instanceof ToolCallingChatOptions)
                || !ToolCallingChatOptions.isInternalToolExecutionEnabled(options)) {
            return null;
        }
        ToolCallingChatOptions t = (ToolCallingChatOptions) options;
        boolean hasTools = t.getToolCallbacks() != null && !t.getToolCallbacks().isEmpty()
                || t.getToolNames() != null && !t.getToolNames().isEmpty();
        if (!hasTools) {
            return null;
        }
        ToolCallingChatOptions copy = t.copy();
        copy.setInternalToolExecutionEnabled(false);
        return new Prompt(prompt.getInstructions(), copy);
    }

    /** The manager of calls governed by hand, made when first needed: it runs the tools given as callbacks. */
    private static final class DefaultTools {
        static final ToolCallingManager MANAGER = ToolCallingManager.builder().build();
    }

    /** @return the options the model uses for a prompt without options of its own */
    static ChatOptions options(ChatModel model) {
        return model.getDefaultOptions();
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
        if (options == null) {
            if (formatChanged) {
                throw OptionsTranslator.noStructuredOutput(null);
            }
            ChatOptions.Builder b = ChatOptions.builder().temperature(sent.temperature().orElse(null))
                    .topP(sent.topP().orElse(null)).maxTokens(sent.maxTokens().orElse(null))
                    .stopSequences(sent.stopSequences().isEmpty() ? null : sent.stopSequences());
            return (modelChanged ? b.model(sent.model()) : b).build();
        }
        ChatOptions copy = options.copy();
        BeanWrapper w = PropertyAccessorFactory.forBeanPropertyAccess(copy);
        if (modelChanged) {
            set(w, "model", sent.model());
        }
        if (!sent.temperature().equals(before.temperature())) {
            set(w, "temperature", sent.temperature().orElse(null));
        }
        if (!sent.topP().equals(before.topP())) {
            set(w, "topP", sent.topP().orElse(null));
        }
        if (kind != OptionsTranslator.Kind.OPENAI && !sent.maxTokens().equals(before.maxTokens())) {
            set(w, "maxTokens", sent.maxTokens().orElse(null));
        }
        if (!sent.stopSequences().equals(before.stopSequences())) {
            set(w, "stopSequences", sent.stopSequences().isEmpty() ? null : sent.stopSequences());
        }
        if (tools != null) {
            ((ToolCallingChatOptions) copy).setToolCallbacks(tools);
        }
        if (formatChanged) {
            if (!(copy instanceof StructuredOutputChatOptions)) {
                throw OptionsTranslator.noStructuredOutput(options);
            }
            if (kind != OptionsTranslator.Kind.OPENAI) {
                ((StructuredOutputChatOptions) copy).setOutputSchema(sent.responseFormat().orElse(null));
            }
        }
        if (kind == OptionsTranslator.Kind.OPENAI) {
            OpenAiOptionsTranslator.toSpring((OpenAiChatOptions) copy, sent, before, (OpenAiChatOptions) options);
        }
        return copy;
    }

    /** Writes one setting; the failure names the setting and the class, never the value (it may be sensitive). */
    private static void set(BeanWrapper w, String property, Object value) {
        try {
            w.setPropertyValue(property, value);
        } catch (BeansException e) {
            throw new IllegalStateException(property + ": a policy changed it, but "
                    + Objects.requireNonNull(w.getWrappedClass()).getSimpleName() + " has no setting for it ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
