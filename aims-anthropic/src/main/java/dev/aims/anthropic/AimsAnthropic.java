package dev.aims.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.models.messages.Message;
import dev.aims.api.CallContext;
import dev.aims.api.ModelClient;
import dev.aims.api.StreamingModelClient;
import dev.aims.core.GovernedClient;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Governs the official Anthropic Java SDK's clients. Wrap the client the application already built, keep using it:
 * <pre>{@code
 * AnthropicClient client = AimsAnthropic.builder()
 *         .governance(aims -> aims.policyFile(Path.of("aims-policy.json")).observer(evidenceLog))
 *         .build()
 *         .wrap(AnthropicOkHttpClient.fromEnv());
 * Message answer = client.messages().create(params);       // a governed call
 * }</pre>
 * Every {@code messages().create} and {@code messages().createStreaming} — blocking or async, plain or with
 * structured output — is then one governed call: the policies decide, personal data and secrets are redacted before
 * anything leaves, and each call ends with one {@link dev.aims.api.CallRecord}, in the
 * {@link CallContext#current() context} bound where the call was made.
 *
 * <p><b>Secure by default.</b> {@link #create()}, or a builder without settings, redacts with the built-in redactor
 * ({@code AimsRedactor.create()}). It reaches every channel of a Messages API request: the system prompt, every
 * message's text, thinking, tool calls (names and inputs) and tool results, image and document URLs, documents'
 * text, search results, the tools' names, descriptions and input schemas, stop sequences, the output format, and
 * every other field — {@code metadata.user_id}, {@code tool_choice}, cache control, citations, additional body
 * properties, the call's own HTTP headers and query parameters — each scanned as JSON; the request that leaves is
 * rebuilt from the redacted texts, never from the application's. What AIMS cannot read — images and documents sent
 * as base64 or file ids, redacted thinking, server tools' results, block types it does not know — is counted as
 * uninspected and refused unless the client allows it ({@code .uninspectedContent(UninspectedContent.ALLOW)},
 * recorded on each call). With a pseudonymising redactor the real values come back in the answer's text, and in
 * tool inputs only for the tools named with {@code .restoreIntoTools(..)}; thinking blocks are returned as the
 * provider wrote them, since their signature covers that text.
 *
 * <p>Streams: text reaches the application as the API's events, one hold-back window behind the provider, with
 * pseudonyms restored and only after the POST policies passed it; thinking, tool calls and other blocks arrive,
 * whole, once the whole answer passed. {@code createStreaming} returns when the first event was released, or throws
 * when the call was denied or failed before.
 *
 * <p>What the application sees is unchanged except for governance: a denial throws
 * {@link dev.aims.api.AiPolicyViolationException}, a failing control {@link dev.aims.api.AiGovernanceException},
 * and a provider failure the SDK's own exception, with the AIMS {@link dev.aims.api.AiProviderException} attached as
 * suppressed. Async calls and streams run the governed call on the executor ({@link Builder#executor}).
 *
 * <p>Governed: {@code messages().create}, {@code messages().createStreaming}, on the client, its {@code async()}
 * and {@code sync()} and {@code withOptions(..)} views. Passed through (they send no model input):
 * {@code models()}, {@code options()}, {@code close()}. Refused with {@link UnsupportedOperationException} (they
 * would send content AIMS has not scanned): {@code withRawResponse()}, {@code messages().batches()},
 * {@code messages().countTokens(..)}, {@code files()}, {@code skills()}, {@code userProfiles()},
 * {@code organization()}, {@code beta()}.
 *
 * <p>Thread-safe; one instance serves any number of wrapped clients. {@link #close()} releases what the governance
 * created (the quota stores of a policy file); the wrapped clients stay the application's to close.
 */
public final class AimsAnthropic implements AutoCloseable {
    private final GovernedClient governed;
    final Executor executor;

    private AimsAnthropic(GovernedClient governed, Executor executor) {
        this.governed = governed;
        this.executor = executor;
    }

    /**
     * @return governance with the secure defaults: the built-in redactor, uninspected content refused, no
     *         policies, no observers
     */
    public static AimsAnthropic create() {
        return builder().build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param client the application's client
     * @return a client that governs every model call before {@code client} sees it
     * @throws NullPointerException     if the client is null
     * @throws IllegalArgumentException if the client is already governed
     */
    public AnthropicClient wrap(AnthropicClient client) {
        Objects.requireNonNull(client, "client");
        if (client instanceof GovernedAnthropicClient) {
            throw new IllegalArgumentException("client is already governed by AIMS");
        }
        return new GovernedAnthropicClient(client, this);
    }

    /**
     * @param client the application's async client
     * @return an async client that governs every model call before {@code client} sees it
     * @throws NullPointerException     if the client is null
     * @throws IllegalArgumentException if the client is already governed
     */
    public AnthropicClientAsync wrap(AnthropicClientAsync client) {
        Objects.requireNonNull(client, "client");
        if (client instanceof GovernedAnthropicClientAsync) {
            throw new IllegalArgumentException("client is already governed by AIMS");
        }
        return new GovernedAnthropicClientAsync(client, this);
    }

    /** A blocking governed call, in the context bound to this thread. */
    Message call(Exchange exchange) {
        try {
            return exchange.answer(governed.call(exchange.request, CallContext.current()));
        } catch (RuntimeException e) {
            throw (RuntimeException) Exchange.unwrap(e);
        }
    }

    /** An async governed call, on the executor, in the context bound to the calling thread. */
    CompletableFuture<Message> callAsync(Exchange exchange) {
        CallContext context = CallContext.current();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return exchange.answer(governed.call(exchange.request, context));
            } catch (RuntimeException e) {
                throw new CompletionException(Exchange.unwrap(e));
            }
        }, exchange.route.executor);
    }

    /** A governed stream, run on the executor, in the context bound to the calling thread. */
    GovernedStream stream(Exchange exchange) {
        CallContext context = CallContext.current();
        GovernedStream stream = new GovernedStream(exchange);
        StreamEvents events = new StreamEvents(exchange, stream);
        exchange.route.executor.execute(() -> governed.stream(exchange.request, context, events));
        return stream;
    }

    /** @return the exception a governed client throws for a method it does not govern */
    static UnsupportedOperationException refused(String method) {
        return new UnsupportedOperationException(method + " is not governed by AIMS, so a governed Anthropic client"
                + " refuses it: it would send to Anthropic what AIMS has not scanned, or bypass governance."
                + " AIMS governs messages().create and messages().createStreaming, blocking and async");
    }

    /** Closes what the governance created for itself (the quota stores of a policy file). Idempotent. */
    @Override
    public void close() {
        governed.close();
    }

    @Override
    public String toString() {
        return "AimsAnthropic{" + governed + "}";
    }

    /**
     * Builds an {@link AimsAnthropic}. Each setting may be made once. Not thread-safe.
     */
    public static final class Builder {
        private Consumer<GovernedClient.Builder> governance;
        private Executor executor;

        private Builder() {
        }

        /**
         * @param config configures the governance — policies or a policy file, redactor (the built-in one unless
         *               set; {@code Redactor.none()} to turn redaction off, recorded on every call), observers,
         *               interceptors, inventory, input limits, uninspected content, tools to restore into, stream
         *               idle timeout, clock, digest key; the delegate is the wrapped client and must not be set
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder governance(Consumer<GovernedClient.Builder> config) {
            Objects.requireNonNull(config, "governance");
            if (this.governance != null) {
                throw new IllegalStateException("governance was already set");
            }
            this.governance = config;
            return this;
        }

        /**
         * @param executor runs the governed calls of async requests and of streams (which wait for the provider
         *                 there); by default the wrapped client's stream-handler executor, the SDK's cached pool
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder executor(Executor executor) {
            Objects.requireNonNull(executor, "executor");
            if (this.executor != null) {
                throw new IllegalStateException("executor was already set");
            }
            this.executor = executor;
            return this;
        }

        /**
         * @return the governance, ready to wrap clients
         * @throws IllegalStateException    if the governance set a delegate or a setting twice, or set policies
         *                                  that read findings made with another redactor than the client's (the
         *                                  message names them)
         * @throws IllegalArgumentException if the policy file the governance named is invalid
         * @throws java.io.UncheckedIOException if that policy file cannot be read
         */
        public AimsAnthropic build() {
            GovernedClient.Builder b = GovernedClient.builder();
            if (governance != null) {
                governance.accept(b);
            }
            // After the user's interceptors, so that a request they replaced is caught with its call id.
            b.interceptor(Exchange.CHECK);
            try {
                b.delegate((ModelClient) request -> Exchange.of(request, null).send(request));
                b.streamingDelegate((StreamingModelClient) (request, handler) -> Exchange.of(request, null)
                        .stream(request, handler));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("governance must not set the delegate: AimsAnthropic sets it to the"
                        + " clients it wraps (" + e.getMessage() + ")", e);
            }
            return new AimsAnthropic(b.build(), executor);
        }
    }
}
