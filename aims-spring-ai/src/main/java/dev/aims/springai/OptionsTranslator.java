package dev.aims.springai;

import dev.aims.api.AiRequest;
import dev.aims.api.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * Translates the options of a prompt — what the provider receives besides the messages — both ways. The options
 * that count are those the provider uses: the prompt's, or the model's own when the prompt has none (as every Spring
 * AI chat model does). How options are copied with new values differs between Spring AI lines ({@link SpringAiLine}).
 *
 * <p>Portable settings (model, temperature, top-p, token limit, stop sequences), the tools' definitions and a
 * structured-output schema are mapped for every options class. What else the options carry depends on the class:
 * Spring AI's own portable classes carry nothing more; {@code OpenAiChatOptions} (when spring-ai-openai is present)
 * has its text-bearing settings mapped as extras (see {@link OpenAiOptionsTranslator}); any other class may carry
 * provider settings AIMS cannot read, and counts as one uninspected part, so that a policy decides about it.
 */
final class OptionsTranslator {
    /** How much of an options class AIMS can read. */
    enum Kind {
        /** No options at all. */
        NONE,
        /** Spring AI's portable options: everything they carry is mapped. */
        PORTABLE,
        /** {@code OpenAiChatOptions}: everything it sends to the provider is mapped or a connection setting. */
        OPENAI,
        /** Another class: its provider-specific settings are not read; one uninspected part. */
        UNKNOWN
    }

    /** Used when neither the prompt nor the model names a model; an allow-list will deny it. */
    static final String UNKNOWN_MODEL = "unknown";

    private static final Set<String> PORTABLE_CLASSES = Set.of(
            "org.springframework.ai.chat.prompt.DefaultChatOptions",
            "org.springframework.ai.model.tool.DefaultToolCallingChatOptions",
            "org.springframework.ai.model.tool.DefaultStructuredOutputChatOptions");

    private OptionsTranslator() {
    }

    static Kind kind(ChatOptions options) {
        if (options == null) {
            return Kind.NONE;
        }
        String name = options.getClass().getName();
        if (PORTABLE_CLASSES.contains(name)) {
            return Kind.PORTABLE;
        }
        // The exact class: a subclass may add settings this adapter does not know.
        return name.equals(OpenAiOptionsTranslator.CLASS_NAME) ? Kind.OPENAI : Kind.UNKNOWN;
    }

    /**
     * @param options      the options the provider will use, or null
     * @param modelOptions the model's own options, for the model name when {@code options} names none and the
     *                     HTTP headers it is configured with
     * @param kind         {@link #kind(ChatOptions)} of {@code options}
     * @param b            receives the settings, tools, response format, extras and uninspected count
     */
    static void toAims(ChatOptions options, ChatOptions modelOptions, Kind kind, AiRequest.Builder b) {
        String model = options == null ? null : options.getModel();
        if (model == null && modelOptions != null) {
            model = modelOptions.getModel();
        }
        b.model(model == null || model.isBlank() ? UNKNOWN_MODEL : model);
        if (options == null) {
            return;
        }
        b.temperature(options.getTemperature()).topP(options.getTopP()).maxTokens(options.getMaxTokens());
        List<String> stops = options.getStopSequences();
        b.stopSequences(stops == null ? List.of() : stops);
        b.tools(definitions(options));
        // OpenAI's response format says more than its output schema (and Spring AI 1.1's getter fails without one).
        if (kind != Kind.OPENAI && options instanceof StructuredOutputChatOptions) {
            b.responseFormat(((StructuredOutputChatOptions) options).getOutputSchema());
        }
        if (kind == Kind.OPENAI) {
            OpenAiOptionsTranslator.toAims(options, modelOptions, b);
        } else if (kind == Kind.UNKNOWN) {
            b.uninspectedParts(1);
        }
    }

    private static List<ToolDefinition> definitions(ChatOptions options) {
        List<ToolCallback> callbacks = callbacks(options);
        List<ToolDefinition> out = new ArrayList<>(callbacks.size());
        for (ToolCallback c : callbacks) {
            org.springframework.ai.tool.definition.ToolDefinition d = c.getToolDefinition();
            out.add(new ToolDefinition(d.name(), Objects.requireNonNullElse(d.description(), ""),
                    Objects.requireNonNullElse(d.inputSchema(), "")));
        }
        return out;
    }

    private static List<ToolCallback> callbacks(ChatOptions options) {
        if (!(options instanceof ToolCallingChatOptions)) {
            return List.of();
        }
        List<ToolCallback> callbacks = ((ToolCallingChatOptions) options).getToolCallbacks();
        return callbacks == null ? List.of() : callbacks;
    }

    /**
     * @param sent       the request as it leaves: redacted, possibly modified by policies
     * @param before     the request as the prompt was translated
     * @param options    the options the provider would have used, or null
     * @param kind       their {@link Kind}
     * @return the options to send: {@code options} itself when nothing in them changed, else a copy with the new
     *         values
     * @throws IllegalStateException when a policy asked for what Spring AI cannot send (a tool without a callback,
     *                               an extra the options class has no setting for)
     */
    static ChatOptions toSpring(AiRequest sent, AiRequest before, ChatOptions options, Kind kind) {
        if (sent.tools().size() != before.tools().size()) {
            throw new IllegalStateException("tools: a policy changed their number from " + before.tools().size()
                    + " to " + sent.tools().size() + "; Spring AI sends only tools it has a callback for");
        }
        List<String> unknown = new ArrayList<>();
        for (String name : sent.extras().keySet()) {
            if (!PromptTranslator.isMessageExtra(name)
                    && (kind != Kind.OPENAI || !OpenAiOptionsTranslator.EXTRAS.contains(name))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("extras " + unknown + " cannot be sent: "
                    + (options == null ? "the model has no options" : options.getClass().getSimpleName())
                    + " has no setting for them");
        }
        boolean modelChanged = !sent.model().equals(before.model());
        boolean portableChanged = modelChanged || !sent.temperature().equals(before.temperature())
                || !sent.topP().equals(before.topP()) || !sent.maxTokens().equals(before.maxTokens())
                || !sent.stopSequences().equals(before.stopSequences());
        boolean toolsChanged = !sent.tools().equals(before.tools());
        boolean formatChanged = !sent.responseFormat().equals(before.responseFormat());
        boolean extrasChanged = !optionExtras(sent).equals(optionExtras(before));
        if (!portableChanged && !toolsChanged && !formatChanged && !extrasChanged) {
            return options;
        }
        return SpringAiLine.edit(options, kind, sent, before, modelChanged,
                toolsChanged ? redacted(callbacks(options), sent.tools()) : null, formatChanged);
    }

    /** @return the failure of a policy that set a response format the options cannot carry */
    static IllegalStateException noStructuredOutput(ChatOptions options) {
        return new IllegalStateException("responseFormat: a policy set one, but "
                + (options == null ? "the model has no options" : options.getClass().getSimpleName())
                + " has no structured-output setting");
    }

    private static Map<String, String> optionExtras(AiRequest r) {
        Map<String, String> out = new TreeMap<>();
        r.extras().forEach((k, v) -> {
            if (!PromptTranslator.isMessageExtra(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static List<ToolCallback> redacted(List<ToolCallback> callbacks, List<ToolDefinition> definitions) {
        List<ToolCallback> out = new ArrayList<>(callbacks.size());
        for (int i = 0; i < callbacks.size(); i++) {
            ToolCallback c = callbacks.get(i);
            ToolDefinition d = definitions.get(i);
            org.springframework.ai.tool.definition.ToolDefinition o = c.getToolDefinition();
            boolean same = d.name().equals(o.name())
                    && d.description().equals(Objects.requireNonNullElse(o.description(), ""))
                    && d.parametersSchema().equals(Objects.requireNonNullElse(o.inputSchema(), ""));
            out.add(same ? c : new RedactedToolCallback(c, org.springframework.ai.tool.definition.ToolDefinition
                    .builder().name(d.name()).description(d.description()).inputSchema(d.parametersSchema())
                    .build()));
        }
        return out;
    }

    /**
     * A tool whose definition, as the provider reads it, is redacted; running it is the application's tool's job.
     */
    static final class RedactedToolCallback implements ToolCallback {
        private final ToolCallback tool;
        private final org.springframework.ai.tool.definition.ToolDefinition definition;

        RedactedToolCallback(ToolCallback tool, org.springframework.ai.tool.definition.ToolDefinition definition) {
            this.tool = tool;
            this.definition = definition;
        }

        @Override
        public org.springframework.ai.tool.definition.ToolDefinition getToolDefinition() {
            return definition;
        }

        @Override
        public ToolMetadata getToolMetadata() {
            return tool.getToolMetadata();
        }

        @Override
        public String call(String toolInput) {
            return tool.call(toolInput);
        }

        @Override
        public String call(String toolInput, ToolContext toolContext) {
            return tool.call(toolInput, toolContext);
        }

        @Override
        public String toString() {
            return "RedactedToolCallback(" + tool.getClass().getSimpleName() + ")";
        }
    }
}
