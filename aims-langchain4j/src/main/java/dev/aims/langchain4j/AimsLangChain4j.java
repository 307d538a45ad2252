package dev.aims.langchain4j;

import dev.aims.core.GovernedClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Governs the LangChain4j chat models an application already has. Wrap the model, keep everything else:
 * <pre>{@code
 * ChatModel model = AimsLangChain4j.govern(OpenAiChatModel.builder()...build(), aims -> aims
 *         .provider("openai")
 *         .redactor(redactor)
 *         .policy(ModelAllowList.of("gpt-4o*"))
 *         .observer(evidenceLog));
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new Tools()).build();
 * }</pre>
 * Every round-trip to the provider — each step of an AI service's tool loop included — is then one governed call:
 * the policies decide, personal data and secrets in every message, tool argument and tool result are redacted
 * before they leave, pseudonyms are restored in the answer, and each call ends with one {@link
 * dev.aims.api.CallRecord}. The round-trips of a tool loop share a session id and name the call they continue as
 * parent call id (see {@link dev.aims.api.CallContext}); the context otherwise comes from
 * {@link dev.aims.api.CallContext#current()}.
 *
 * <p>What the caller sees is unchanged except for governance: a denial throws {@link
 * dev.aims.api.AiPolicyViolationException} (streams end with it in {@code onError}), a failing control
 * {@link dev.aims.api.AiGovernanceException}, and a provider failure the provider's own exception, with the AIMS
 * {@link dev.aims.api.AiProviderException} attached as suppressed. The delegate's listeners fire once per
 * round-trip, on the request as sent (redacted).
 */
public final class AimsLangChain4j {
    private AimsLangChain4j() {
    }

    /**
     * Wraps a chat model.
     *
     * @param model  the model the application uses
     * @param config configures the governance — policies, redactor, observers, interceptors, provider name,
     *               server, inventory, clock, digest key; the delegate is set by this method and must not be set
     * @return a chat model that governs every call before {@code model} sees it
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if {@code config} set a delegate, or a setting of its own twice
     */
    public static ChatModel govern(ChatModel model, Consumer<GovernedClient.Builder> config) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        return new GovernedChatModel(model, config);
    }

    /**
     * Wraps a streaming chat model. Streamed text reaches the handler one hold-back window (128 characters, or to
     * the end of a whitespace-free run) behind the provider, after the POST policies have passed it; {@code chat}
     * returns when the stream has ended.
     *
     * @param model  the streaming model the application uses
     * @param config configures the governance, as for {@link #govern(ChatModel, Consumer)}
     * @return a streaming chat model that governs every call before {@code model} sees it
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if {@code config} set a delegate, or a setting of its own twice
     */
    public static StreamingChatModel govern(StreamingChatModel model, Consumer<GovernedClient.Builder> config) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        return new GovernedStreamingChatModel(model, config);
    }

    /**
     * Builds the pipeline: the user's settings, then the lineage recorder and the exchange check (after the user's
     * interceptors, so that a request they replaced is caught with its call id), then the delegate.
     */
    static GovernedClient build(Consumer<GovernedClient.Builder> config, Lineage lineage,
            Consumer<GovernedClient.Builder> delegate) {
        GovernedClient.Builder b = GovernedClient.builder();
        config.accept(b);
        b.interceptor(lineage.recorder());
        b.interceptor(Exchange.CHECK);
        try {
            delegate.accept(b);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("config must not set the delegate: AimsLangChain4j.govern sets it to"
                    + " the model it wraps (" + e.getMessage() + ")", e);
        }
        return b.build();
    }
}
