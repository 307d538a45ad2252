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
 *         .policyFile(Path.of("aims-policy.json"))
 *         .observer(evidenceLog));
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new Tools()).build();
 * }</pre>
 * Every round-trip to the provider — each step of an AI service's tool loop included — is then one governed call:
 * the policies decide, personal data and secrets are redacted before they leave, and each call ends with one {@link
 * dev.aims.api.CallRecord}. The round-trips of a tool loop share a session id and name the call they continue as
 * parent call id (see {@link dev.aims.api.CallContext}); the context otherwise comes from
 * {@link dev.aims.api.CallContext#current()}.
 *
 * <p><b>Secure by default.</b> Redaction needs no configuration: a model governed without a redactor is redacted
 * with the built-in one ({@code AimsRedactor.create()}: placeholders such as {@code <EMAIL_ADDRESS_1>}). It reaches
 * every channel LangChain4j sends to a provider — system, user and AI texts and the AI's thinking, the user's name,
 * the URLs of images, audio, video and PDF files, tool calls (names and arguments) and tool results, tool names,
 * descriptions and parameter schemas, stop sequences, the response-format schema and its name, and OpenAI's
 * {@code user}, {@code metadata}, {@code service_tier} and custom parameters — whether the request or the model's
 * default parameters set them; the request that leaves is built from the redacted one. What AIMS cannot read —
 * media sent inline, the attributes of AI messages and tool results, custom messages, the parameters of a
 * provider-specific class other than OpenAI's — is refused unless the client allows it ({@code
 * .uninspectedContent(UninspectedContent.ALLOW)}, recorded on each call). The one way to send texts as written is
 * explicit, {@code aims -> aims.redactor(Redactor.none())}, and every record of such a call says that redaction was
 * off. With a pseudonymising redactor the real values come back in the answer, and in tool-call arguments only for
 * the tools named with {@code .restoreIntoTools(..)}.
 *
 * <p>What the caller sees is unchanged except for governance: a denial throws {@link
 * dev.aims.api.AiPolicyViolationException} (streams end with it in {@code onError}), a failing control
 * {@link dev.aims.api.AiGovernanceException}, and a provider failure the provider's own exception, with the AIMS
 * {@link dev.aims.api.AiProviderException} attached as suppressed. The delegate's listeners fire once per
 * round-trip, on the request as sent (redacted). Interceptors may continue a call on another thread: what the
 * adapter needs travels on the request as a tag, so a request an interceptor or policy replaces must be derived
 * from the one it was given ({@code request.toBuilder()}), or the call fails saying so.
 */
public final class AimsLangChain4j {
    private AimsLangChain4j() {
    }

    /**
     * Wraps a chat model.
     *
     * @param model  the model the application uses
     * @param config configures the governance — policies or a policy file, redactor (the built-in one unless set;
     *               {@code Redactor.none()} to turn redaction off), observers, interceptors, provider name, server,
     *               inventory, input limits, clock, digest key; the delegate is set by this method and must not be
     *               set
     * @return a chat model that governs every call before {@code model} sees it
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if {@code config} set a delegate or a setting twice, or set policies that
     *                                  read findings made with another redactor than the client's (the message
     *                                  names them)
     * @throws IllegalArgumentException if the policy file {@code config} named is invalid
     * @throws java.io.UncheckedIOException if that policy file cannot be read
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
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if {@code config} set a delegate or a setting twice, or set policies that
     *                                  read findings made with another redactor than the client's (the message
     *                                  names them)
     * @throws IllegalArgumentException if the policy file {@code config} named is invalid
     * @throws java.io.UncheckedIOException if that policy file cannot be read
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
