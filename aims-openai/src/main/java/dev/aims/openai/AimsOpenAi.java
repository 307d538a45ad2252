package dev.aims.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import dev.aims.api.ModelClient;
import dev.aims.api.StreamingModelClient;
import dev.aims.core.GovernedClient;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Governs the official OpenAI Java SDK's client ({@code com.openai:openai-java}) the application already built:
 * <pre>{@code
 * OpenAIClient openAi = OpenAIOkHttpClient.fromEnv();
 * OpenAIClient client = AimsOpenAi.builder(aims -> aims
 *         .policyFile(Path.of("aims-policy.json"))
 *         .observer(evidenceLog))
 *     .build()
 *     .wrap(openAi);
 * ChatCompletion answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
 *         .model(ChatModel.GPT_4O_MINI).addUserMessage("I'm jane.doe@example.com").build());
 * }</pre>
 * The wrapped client keeps the SDK's types; every call that sends model input is then one governed call: the
 * policies decide, personal data and secrets are redacted before they leave, pseudonyms come back restored in the
 * answer, and each call ends with one {@link dev.aims.api.CallRecord}. Governed: {@code chat().completions()} and
 * {@code responses()}, {@code create} and {@code createStreaming}, blocking and asynchronous ({@code async()}),
 * structured outputs and tools included, and any client or service derived with {@code withOptions(..)}. Methods
 * that send no model input ({@code models()}, {@code retrieve}, {@code delete} and {@code cancel} by id,
 * {@code close()}) are passed through; every other method — embeddings, images, audio, files, the Assistants and
 * Realtime APIs, {@code withRawResponse()}, and whatever a newer SDK adds — throws
 * {@link UnsupportedOperationException} without sending anything. The context comes from
 * {@link dev.aims.api.CallContext#current()} on the calling thread.
 *
 * <p><b>Secure by default.</b> Redaction needs no configuration: the built-in redactor ({@code
 * AimsRedactor.create()}) reaches every channel the SDK sends — system, developer, user, assistant and tool
 * messages (texts, refusals, names, image URLs), tool calls and results, tool names, descriptions and parameter
 * schemas, stop sequences, the response format, the Responses API's instructions and input items, and the fields
 * that hold text ({@code user}, {@code metadata}, {@code tool_choice}, {@code prompt} variables …). What AIMS cannot
 * read — inline images, audio, files, reasoning items, built-in tools, body fields it does not know, the
 * application's additional headers and query parameters — is refused unless the client allows it ({@code
 * .uninspectedContent(UninspectedContent.ALLOW)}, recorded on each call). The request that leaves is built from the
 * governed one; the application's request gives only its shape.
 *
 * <p><b>Streams.</b> Text reaches the application one hold-back window behind the provider, after the POST policies
 * have passed it, as chunks (chat) or {@code response.output_text.delta} events (Responses) built by AIMS; tool
 * calls arrive whole, their arguments governed, in the last chunk or the {@code response.completed} event. The
 * blocking {@code createStreaming} returns once the request has left (a denial throws there); closing the stream
 * stops the provider's. Governed calls that run on another thread (asynchronous calls, streams) run on the
 * builder's {@link Builder#executor(Executor) executor}.
 *
 * <p>What the caller sees is otherwise unchanged: a denial throws {@link dev.aims.api.AiPolicyViolationException},
 * a failing control {@link dev.aims.api.AiGovernanceException}, and a provider failure the SDK's own exception, with
 * the AIMS {@link dev.aims.api.AiProviderException} attached as suppressed.
 */
public final class AimsOpenAi implements AutoCloseable {
    private final Governance governance;
    private final ExecutorService ownExecutor;

    private AimsOpenAi(GovernedClient client, Executor executor, ExecutorService ownExecutor) {
        this.governance = new Governance(client, executor);
        this.ownExecutor = ownExecutor;
    }

    /**
     * @param config configures the governance — policies or a policy file, redactor (the built-in one unless set;
     *               {@code Redactor.none()} to turn redaction off), observers, interceptors, server, inventory,
     *               input limits, {@code restoreIntoTools}, clock, digest key; the delegates are set by AIMS and
     *               must not be set
     * @return a builder
     * @throws NullPointerException if {@code config} is null
     */
    public static Builder builder(Consumer<GovernedClient.Builder> config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /** @return governance with every default: the built-in redactor, no policies, no observers */
    public static AimsOpenAi create() {
        return builder(aims -> { }).build();
    }

    /**
     * @param client the SDK client the application built
     * @return the same client, governed
     * @throws NullPointerException if {@code client} is null
     */
    public OpenAIClient wrap(OpenAIClient client) {
        return ServiceProxy.of(OpenAIClient.class, Objects.requireNonNull(client, "client"), governance);
    }

    /**
     * @param client the asynchronous SDK client the application built
     * @return the same client, governed
     * @throws NullPointerException if {@code client} is null
     */
    public OpenAIClientAsync wrap(OpenAIClientAsync client) {
        return ServiceProxy.of(OpenAIClientAsync.class, Objects.requireNonNull(client, "client"), governance);
    }

    /**
     * Closes what this instance created: the quota stores of a policy file named in the configuration, and the
     * executor it made when none was given. The wrapped clients belong to the application. Idempotent.
     */
    @Override
    public void close() {
        governance.client.close();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "AimsOpenAi{" + governance.client + "}";
    }

    /** Builds an {@link AimsOpenAi}; not thread-safe. */
    public static final class Builder {
        private final Consumer<GovernedClient.Builder> config;
        private Executor executor;

        private Builder(Consumer<GovernedClient.Builder> config) {
            this.config = config;
        }

        /**
         * @param executor runs the governed calls that do not run on the caller's thread: asynchronous calls and
         *                 streams (each holds a thread while its call runs); by default a pool of daemon threads
         *                 that this instance creates and {@link AimsOpenAi#close()} shuts down
         * @return this builder
         * @throws NullPointerException  if {@code executor} is null
         * @throws IllegalStateException if an executor was already set
         */
        public Builder executor(Executor executor) {
            Objects.requireNonNull(executor, "executor");
            if (this.executor != null) {
                throw new IllegalStateException("executor was already set to " + this.executor);
            }
            this.executor = executor;
            return this;
        }

        /**
         * @return the governance, its client built once for every client it wraps
         * @throws IllegalStateException    if the configuration set a delegate or a setting twice, or set policies
         *                                  that read findings made with another redactor than the client's
         * @throws IllegalArgumentException if the policy file the configuration named is invalid
         * @throws java.io.UncheckedIOException if that policy file cannot be read
         */
        public AimsOpenAi build() {
            GovernedClient.Builder b = GovernedClient.builder();
            config.accept(b);
            b.interceptor(OpenAiCall.CHECK);
            try {
                b.delegate((ModelClient) request -> OpenAiCall.of(request, null).send(request));
                b.streamingDelegate((StreamingModelClient) (request, handler) ->
                        OpenAiCall.of(request, null).stream(request, handler));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("config must not set the delegate: AimsOpenAi sets it to the"
                        + " client it wraps (" + e.getMessage() + ")", e);
            }
            GovernedClient client = b.build();
            ExecutorService own = executor == null ? Executors.newCachedThreadPool(new Daemons()) : null;
            return new AimsOpenAi(client, executor == null ? own : executor, own);
        }
    }

    /** Daemon threads named for what they run, so an application never waits on them to exit. */
    private static final class Daemons implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger threads = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "aims-openai-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
