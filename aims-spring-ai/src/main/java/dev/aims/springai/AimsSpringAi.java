package dev.aims.springai;

import dev.aims.core.GovernedClient;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;

/**
 * Governs a Spring AI {@link ChatModel} — by hand, or for every {@code ChatModel} bean through the auto-configuration
 * ({@code aims.enabled=true}, see {@link AimsProperties}):
 * <pre>{@code
 * ChatModel governed = AimsSpringAi.govern(openAiChatModel, aims -> aims
 *         .policyFile(Path.of("config/aims-policy.json"))
 *         .observer(evidenceLog));
 * ChatClient chat = ChatClient.create(governed);
 * }</pre>
 * Every call to the provider — each round-trip of a {@code ChatClient} tool loop included — is then one governed
 * call: the policies decide, personal data and secrets are redacted before they leave, pseudonyms are restored in
 * the answer, and each call ends with one {@link dev.aims.api.CallRecord}. The context comes from
 * {@link dev.aims.api.CallContext#current()}. It is secure by default: AIMS's built-in redactor unless
 * {@code config} sets another ({@code Redactor.none()} switches redaction off, which every record then shows), and
 * content AIMS cannot read refused unless {@code config} allows it.
 *
 * <p>Redacted is everything the provider reads: message texts, media URLs and names, tool calls and tool results,
 * the tools' names, descriptions and input schemas, stop sequences, a structured-output schema or response format,
 * and, for {@code OpenAiChatOptions}, the settings that carry text ({@code user}, {@code metadata}, the extra body
 * …). What AIMS cannot read is counted as uninspected and refused or, if allowed, recorded: inline media (bytes,
 * {@code data:} URLs), message types it does not know, and the options of any other class than Spring AI's portable
 * ones and {@code OpenAiChatOptions} (their provider-specific settings).
 *
 * <p>A denial throws {@link dev.aims.api.AiPolicyViolationException} (a stream ends with it), a failing control
 * {@link dev.aims.api.AiGovernanceException}, a provider failure the provider's own exception with the AIMS
 * {@link dev.aims.api.AiProviderException} attached as suppressed.
 */
public final class AimsSpringAi {
    private AimsSpringAi() {
    }

    /**
     * Wraps a chat model.
     *
     * @param model  the model the application uses
     * @param config configures the governance — policies or a policy file, redactor, uninspected content, tools
     *               to restore into, observers, interceptors, provider name, server, inventory, clock, digest key;
     *               the delegate is set by this method and must not be set
     * @return a chat model that governs every call before {@code model} sees it; it is a {@code ChatModel}, not
     *         the delegate's class, so inject the interface
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if {@code config} set a delegate or a setting of its own twice, or its
     *                                  policies decide on the findings of another redactor than the client's
     * @throws java.io.UncheckedIOException if {@code config} named a policy file that cannot be read
     */
    public static ChatModel govern(ChatModel model, Consumer<GovernedClient.Builder> config) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        return new GovernedChatModel(model, config, GovernedChatModel.providerName(model), null, null);
    }

    /**
     * Wraps a chat model whose calls name tools rather than pass them (Spring AI 1.1's
     * {@code ToolCallingChatOptions.toolNames}; Spring AI 2 has no tool names, and there this is
     * {@link #govern(ChatModel, Consumer)}). The names are resolved with {@code tools} — the resolver of the model's
     * own {@code ToolCallingManager} — before the call, so that the tools' definitions are redacted like every
     * other text the provider reads, and AIMS's governed tool loop can run them. Without it such a call fails
     * before anything is sent, naming the tools.
     *
     * @param model  the model the application uses
     * @param tools  resolves the tools the calls name
     * @param config as for {@link #govern(ChatModel, Consumer)}
     * @return a chat model that governs every call before {@code model} sees it
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException as for {@link #govern(ChatModel, Consumer)}
     * @throws java.io.UncheckedIOException as for {@link #govern(ChatModel, Consumer)}
     */
    public static ChatModel govern(ChatModel model, ToolCallbackResolver tools,
            Consumer<GovernedClient.Builder> config) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(config, "config");
        return new GovernedChatModel(model, config, GovernedChatModel.providerName(model), null, tools);
    }
}
