package dev.aims.core;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AiSystemRegistry;
import dev.aims.api.AimsException;
import dev.aims.api.CallContext;
import dev.aims.api.CallInterceptor;
import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.ModelClient;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicySource;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.redact.AimsRedactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ModelClient} that governs every call it passes to its delegate: policies decide, the redactor strips
 * personal data and secrets before anything leaves the process, and every call ends with one {@link CallRecord}
 * for each observer, whatever the outcome.
 *
 * <p><b>Secure by default.</b> A client built with nothing but a delegate redacts every channel a provider reads
 * with the built-in redactor ({@link AimsRedactor#create()}), refuses content it cannot inspect
 * ({@link UninspectedContent#DENY}), refuses requests larger than {@value #DEFAULT_MAX_INPUT_CHARS} characters,
 * restores pseudonyms into the answer but not into tool arguments unless a tool is named, and keeps the principal
 * and free-text context out of every record's text form. Each of these is one explicit call to change; turning
 * redaction off ({@code .redactor(Redactor.none())}) is recorded on every call.
 *
 * <p>The chain of one call, assembled here and nowhere else:
 * <ol>
 *   <li>context — the explicit {@link CallContext} or the one bound to the thread; observers are told the call
 *       starts ({@link CallObserver#start}), with provider, model and server resolved;</li>
 *   <li>user interceptors, in the order added (caching, retries …);</li>
 *   <li>the client's input limits: size and uninspected content;</li>
 *   <li>PRE policies, on the request as the application made it (the inventory check first, when configured);</li>
 *   <li>redaction of every outbound channel, with operators overridable per call by PRE obligations;</li>
 *   <li>PRE_SEND policies, which see the findings (a MODIFY's replacement is redacted too);</li>
 *   <li>POST policies, on the provider's response on its way back;</li>
 *   <li>the delegate — the provider call;</li>
 * </ol>
 * then, on the way back, POST, pseudonym restoration, the user interceptors, and finally the record, handed to every
 * observer and to {@link Policy#afterCall} of every policy in the set. Each call is one {@code RealCall} that owns
 * its state and its record.
 *
 * <p>Outcomes: a denial throws {@link AiPolicyViolationException}; a delegate failure {@link AiProviderException};
 * a failing control (policy, redactor, interceptor — runtime or checked exception) {@link AiGovernanceException}:
 * AIMS fails closed, and a control that fails before sending means the provider is never reached. An
 * {@link Error} is rethrown after every observer got the record. An observer that throws is logged (without
 * content) and changes nothing, unless it throws {@link AiGovernanceException}: a critical observer (an evidence log
 * that cannot take the record) refusing the call — at its start, before anything is sent, or at its end. A record
 * that cannot be built fails the call. Thread-safe: one client serves many threads.
 */
public final class GovernedClient implements ModelClient, StreamingModelClient, AutoCloseable {
    /** The default of {@link Builder#maxInputChars(long)}: about a million tokens. */
    public static final long DEFAULT_MAX_INPUT_CHARS = 4_000_000;
    /** The default of {@link Builder#streamIdleTimeout(Duration)}. */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofMinutes(5);

    final ModelClient delegate;
    final StreamingModelClient streamingDelegate;
    final PolicySet staticPolicies;
    private final PolicySource policySource;
    final List<CallObserver> observers;
    final Clock clock;
    final String provider;
    final String serverAddress;
    final int serverPort;
    final Digests digests;
    final Redactor redactor;
    final boolean redactionEnabled;
    final ContextRedaction contextRedaction;
    final List<RealChain.Step> head;
    final RealChain.Step tail;
    private final PolicyStep post;
    private final Duration streamIdleTimeout;
    private final PolicyLoader ownLoader;
    private volatile Combined combined;

    private GovernedClient(Builder b, Redactor redactor, List<Policy> policies, PolicyLoader ownLoader) {
        this.delegate = b.delegate;
        this.streamingDelegate = b.streamingDelegate;
        this.staticPolicies = PolicySet.of(policies);
        this.policySource = b.policySource;
        this.observers = List.copyOf(b.observers);
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.provider = b.provider == null ? "unknown" : b.provider;
        this.serverAddress = b.serverAddress;
        this.serverPort = b.serverPort;
        this.digests = new Digests(b.digestKey);
        this.redactor = redactor;
        this.redactionEnabled = redactor != Redactor.none();
        // Context is redacted even when the request is not: records and spans are a channel of their own.
        this.contextRedaction = new ContextRedaction(redactionEnabled ? redactor : AimsRedactor.create());
        this.streamIdleTimeout = b.streamIdleTimeout == null ? DEFAULT_STREAM_IDLE_TIMEOUT : b.streamIdleTimeout;
        this.ownLoader = ownLoader;
        List<RealChain.Step> steps = new ArrayList<>();
        for (int i = 0; i < b.interceptors.size(); i++) {
            CallInterceptor interceptor = b.interceptors.get(i);
            steps.add(new RealChain.Step("interceptor #" + i + " (" + interceptor.getClass().getName() + ")",
                    interceptor));
        }
        steps.add(new RealChain.Step("input limits", new InputLimits(
                b.maxInputChars == null ? DEFAULT_MAX_INPUT_CHARS : b.maxInputChars,
                b.uninspected == null ? UninspectedContent.DENY : b.uninspected)));
        steps.add(new RealChain.Step("PRE policies", new PolicyStep(PolicyStage.PRE, clock)));
        steps.add(new RealChain.Step("redaction", new RedactionStep(redactor, Set.copyOf(b.restoreIntoTools))));
        steps.add(new RealChain.Step("PRE_SEND policies", new PolicyStep(PolicyStage.PRE_SEND, clock)));
        this.post = new PolicyStep(PolicyStage.POST, clock);
        steps.add(new RealChain.Step("POST policies", post));
        this.head = List.copyOf(steps);
        this.tail = delegate == null ? null : new RealChain.Step("delegate", new DelegateStep(delegate));
    }

    /** @return a new builder; a delegate (plain or streaming) is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Governs a call in the context bound to the current thread ({@link CallContext#current()}).
     *
     * @param request the request
     * @return the response, possibly modified by policies, with pseudonyms restored
     * @throws AiPolicyViolationException when a policy denied the call
     * @throws AiProviderException        when the delegate failed
     * @throws AiGovernanceException      when a control failed
     */
    @Override
    public AiResponse call(AiRequest request) {
        return call(request, CallContext.current());
    }

    /**
     * Governs a call in the given context.
     *
     * @param request the request
     * @param context who calls, for which system and purpose
     * @return the response, possibly modified by policies, with pseudonyms restored
     * @throws AiPolicyViolationException when a policy denied the call
     * @throws AiProviderException        when the delegate failed
     * @throws AiGovernanceException      when a control failed
     * @throws NullPointerException       if an argument is null
     */
    public AiResponse call(AiRequest request, CallContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        return new RealCall(this, request, context).execute();
    }

    /**
     * Governs a streamed call in the context bound to the current thread; see
     * {@link #stream(AiRequest, CallContext, StreamingHandler)}.
     *
     * @param request the request
     * @param handler receives the restored chunks, then the final response or the error
     */
    @Override
    public void stream(AiRequest request, StreamingHandler handler) {
        stream(request, CallContext.current(), handler);
    }

    /**
     * Governs a streamed call. Chunks reach the handler as they arrive, with pseudonyms restored, one hold-back
     * window behind the provider: the tail in which an entity may still be forming (the last 128 characters, a
     * trailing run without whitespace, an unterminated PEM block) is held until the next chunk shows where it ends.
     * Before any text is released the POST policies are evaluated on the text received so far — a partial response,
     * without finish reasons — and a DENY there ends the stream at once: the denied text and what follows it never
     * reach the handler, which gets {@code onError}. Mid-stream only a DENY counts and only a DENY is recorded; the
     * record keeps the decisions of the final POST evaluation on the whole answer, after which the held tail is
     * released. A MODIFY at POST changes only the response given to {@code onComplete}. A provider that sends
     * nothing for the stream idle timeout ({@link Builder#streamIdleTimeout}) ends the call with an
     * {@link AiProviderException} caused by a {@link java.util.concurrent.TimeoutException}.
     *
     * <p>This method returns when the stream has ended and the handler has received {@code onComplete} (after the
     * POST policies) or {@code onError} (with the {@link AimsException} that ended the call; an {@link Error} is
     * given to {@code onError} and then rethrown). Without a streaming delegate the plain delegate is called and its
     * answer delivered as one chunk.
     *
     * @param request the request
     * @param context who calls, for which system and purpose
     * @param handler receives the chunks, then the final response or the error
     * @throws NullPointerException if an argument is null
     */
    public void stream(AiRequest request, CallContext context, StreamingHandler handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(handler, "handler");
        AiRequest streamed = request.stream() ? request : request.toBuilder().stream(true).build();
        new RealCall(this, streamed, context).stream(handler);
    }

    /** @return the last step of a streamed call, delivering to {@code handler} */
    StreamingDelegateStep streamingStep(StreamingHandler handler) {
        return new StreamingDelegateStep(streamingDelegate, clock, handler, post, streamIdleTimeout);
    }

    /**
     * The builder's policies followed by the source's current set, combined and checked once per change of the
     * source.
     *
     * @throws IllegalArgumentException when the source's set repeats an id of the builder's policies
     * @throws IllegalStateException    when a policy of the source's set reads findings of another redactor
     */
    PolicySet currentPolicies() {
        if (policySource == null) {
            return staticPolicies;
        }
        PolicySet fromSource = policySource.current();
        Combined last = combined;
        if (last != null && last.source == fromSource) {
            return last.all;
        }
        PolicySet all = staticPolicies.concat(fromSource);
        PolicyRedactors.check(all.policies(), redactor);
        combined = new Combined(fromSource, all);
        return all;
    }

    /** A source set and its combination with the builder's policies; replaced whole, so reads are consistent. */
    private record Combined(PolicySet source, PolicySet all) {
    }

    /**
     * Closes what the builder created for this client: the quota stores of a policy file given with
     * {@link Builder#policyFile(Path)}. Delegates, observers and sources belong to the caller. Idempotent.
     */
    @Override
    public void close() {
        if (ownLoader != null) {
            ownLoader.close();
        }
    }

    @Override
    public String toString() {
        return "GovernedClient{provider=" + provider + ", policies=" + staticPolicies + ", observers="
                + observers.size() + ", redaction=" + (redactionEnabled ? "on" : "OFF") + "}";
    }

    /**
     * Builds a {@link GovernedClient}. Single-valued settings refuse a second setting; policies, interceptors and
     * observers accumulate in the order added. Not thread-safe.
     */
    public static final class Builder {
        private ModelClient delegate;
        private StreamingModelClient streamingDelegate;
        private final List<Policy> policies = new ArrayList<>();
        private PolicySource policySource;
        private Redactor redactor;
        private final List<CallInterceptor> interceptors = new ArrayList<>();
        private final List<CallObserver> observers = new ArrayList<>();
        private Clock clock;
        private String provider;
        private String serverAddress;
        private int serverPort;
        private AiSystemRegistry inventory;
        private byte[] digestKey;
        private Path policyFile;
        private Long maxInputChars;
        private UninspectedContent uninspected;
        private Duration streamIdleTimeout;
        private final Set<String> restoreIntoTools = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * @param delegate the client that reaches the provider
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder delegate(ModelClient delegate) {
            Objects.requireNonNull(delegate, "delegate");
            requireUnset(this.delegate, "delegate");
            this.delegate = delegate;
            return this;
        }

        /**
         * @param delegate the streaming client that reaches the provider
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder streamingDelegate(StreamingModelClient delegate) {
            Objects.requireNonNull(delegate, "streamingDelegate");
            requireUnset(this.streamingDelegate, "streamingDelegate");
            this.streamingDelegate = delegate;
            return this;
        }

        /**
         * @param policy a policy to evaluate, after those added before
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if a policy with the same id was added
         */
        public Builder policy(Policy policy) {
            Objects.requireNonNull(policy, "policy");
            for (Policy p : policies) {
                if (p.id().equals(policy.id())) {
                    throw new IllegalArgumentException("policy id '" + policy.id() + "' was already added");
                }
            }
            policies.add(policy);
            return this;
        }

        /**
         * @param policies policies to evaluate, in order
         * @return this builder
         * @throws NullPointerException     if the collection or an element is null
         * @throws IllegalArgumentException if an id repeats
         */
        public Builder policies(Collection<? extends Policy> policies) {
            Objects.requireNonNull(policies, "policies");
            for (Policy p : policies) {
                policy(p);
            }
            return this;
        }

        /**
         * @param policies policies to evaluate, in order
         * @return this builder
         * @throws NullPointerException     if an element is null
         * @throws IllegalArgumentException if an id repeats
         */
        public Builder policies(Policy... policies) {
            return policies(List.of(policies));
        }

        /**
         * @param source supplies a changing policy set, evaluated after the policies added directly; each call
         *               takes one snapshot
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder policySource(PolicySource source) {
            Objects.requireNonNull(source, "policySource");
            requireUnset(this.policySource, "policySource");
            this.policySource = source;
            return this;
        }

        /**
         * Sets the redactor for every outbound channel and for the findings policies decide on. Without this call
         * the client redacts with the redactor its policies were loaded with, or else with the built-in one,
         * {@link AimsRedactor#create()}: redaction is on unless switched off here.
         *
         * @param redactor the redactor; {@link Redactor#none()} turns redaction off, which every record, span and
         *                 evidence entry of this client's calls then shows ({@code redactionEnabled=false})
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder redactor(Redactor redactor) {
            Objects.requireNonNull(redactor, "redactor");
            requireUnset(this.redactor, "redactor");
            this.redactor = redactor;
            return this;
        }

        /**
         * Governs calls with the policies of a file (JSON, or YAML by extension), loaded at {@link #build()} with
         * the client's own redactor and inventory, so that its sensitive-data and output rules decide on the
         * findings of the very redactor that redacts: the one-line way that cannot be wired wrong. The file's
         * policies follow those added with {@link #policy}. Budgets and rate limits count in the quota stores the
         * file names ({@link #close()} closes those the client created). To reload the file when it changes, give
         * a {@link dev.aims.core.policy.ReloadingPolicySource} to {@link #policySource} instead.
         *
         * @param path the policy file
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder policyFile(Path path) {
            Objects.requireNonNull(path, "policyFile");
            requireUnset(this.policyFile, "policyFile");
            this.policyFile = path;
            return this;
        }

        /**
         * @param maxChars the largest request, in characters over every channel the redactor scans, that the
         *                 client sends; larger ones are denied ({@code aims.input-size}, {@code input_too_large})
         *                 before anything scans them; {@value GovernedClient#DEFAULT_MAX_INPUT_CHARS} by default
         * @return this builder
         * @throws IllegalArgumentException if not positive
         * @throws IllegalStateException    if already set
         */
        public Builder maxInputChars(long maxChars) {
            if (maxChars <= 0) {
                throw new IllegalArgumentException("maxInputChars must be > 0, but was " + maxChars);
            }
            requireUnset(this.maxInputChars, "maxInputChars");
            this.maxInputChars = maxChars;
            return this;
        }

        /**
         * @param choice what to do with request parts AIMS cannot inspect (inline media, provider options an
         *               adapter cannot express); {@link UninspectedContent#DENY} by default
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder uninspectedContent(UninspectedContent choice) {
            Objects.requireNonNull(choice, "uninspectedContent");
            requireUnset(this.uninspected, "uninspectedContent");
            this.uninspected = choice;
            return this;
        }

        /**
         * @param timeout how long a streamed call waits for the provider's next chunk (or its end) before it ends
         *                with an {@link AiProviderException} and a record; {@link #DEFAULT_STREAM_IDLE_TIMEOUT} by
         *                default
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if not positive
         * @throws IllegalStateException    if already set
         */
        public Builder streamIdleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "streamIdleTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("streamIdleTimeout must be positive, but was " + timeout);
            }
            requireUnset(this.streamIdleTimeout, "streamIdleTimeout");
            this.streamIdleTimeout = timeout;
            return this;
        }

        /**
         * Names tools whose call arguments receive the real values behind this client's pseudonyms. By default no
         * tool does: a tool the model calls gets the placeholders, so that a prompt injection cannot route a value
         * to a tool of its choosing. Policies can name tools per call too
         * ({@link PolicyDecision#RESTORE_TOOLS_OBLIGATION}). Every restoration is recorded, by type and tool.
         *
         * @param toolNames the tools' names, as the model calls them
         * @return this builder
         * @throws NullPointerException     if the array or a name is null
         * @throws IllegalArgumentException if a name is blank
         */
        public Builder restoreIntoTools(String... toolNames) {
            Objects.requireNonNull(toolNames, "toolNames");
            for (String name : toolNames) {
                Objects.requireNonNull(name, "toolNames[]");
                if (name.isBlank()) {
                    throw new IllegalArgumentException("restoreIntoTools names must not be blank");
                }
                restoreIntoTools.add(name);
            }
            return this;
        }

        /**
         * @param interceptor runs before the policies, in the order added
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder interceptor(CallInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * @param observer receives every call's record
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder observer(CallObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * @param clock the time source for records and policies; the UTC system clock by default
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            requireUnset(this.clock, "clock");
            this.clock = clock;
            return this;
        }

        /**
         * @param provider the provider name recorded when a request names none ({@code openai}, {@code anthropic});
         *                 {@code unknown} by default
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if blank
         * @throws IllegalStateException    if already set
         */
        public Builder provider(String provider) {
            Objects.requireNonNull(provider, "provider");
            if (provider.isBlank()) {
                throw new IllegalArgumentException("provider must not be blank, but was '" + provider + "'");
            }
            requireUnset(this.provider, "provider");
            this.provider = provider;
            return this;
        }

        /**
         * @param address the provider's host
         * @param port    its port, in [1, 65535]
         * @return this builder
         * @throws NullPointerException     if the address is null
         * @throws IllegalArgumentException if the address is blank or the port out of range
         * @throws IllegalStateException    if already set
         */
        public Builder server(String address, int port) {
            Objects.requireNonNull(address, "address");
            if (address.isBlank()) {
                throw new IllegalArgumentException("server address must not be blank, but was '" + address + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("server port must be in [1, 65535], but was " + port);
            }
            requireUnset(this.serverAddress, "server");
            this.serverAddress = address;
            this.serverPort = port;
            return this;
        }

        /**
         * @param inventory the AI-system inventory; when strict, calls for unregistered systems are denied
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder inventory(AiSystemRegistry inventory) {
            Objects.requireNonNull(inventory, "inventory");
            requireUnset(this.inventory, "inventory");
            this.inventory = inventory;
            return this;
        }

        /**
         * @param key a secret key; request and response digests become HMAC-SHA-256 under it, so that nobody
         *            without the key can test a guess of the content against a digest
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if shorter than 16 bytes
         * @throws IllegalStateException    if already set
         */
        public Builder digestKey(byte[] key) {
            Objects.requireNonNull(key, "digestKey");
            if (key.length < 16) {
                throw new IllegalArgumentException("digestKey must be at least 16 bytes, but was " + key.length);
            }
            requireUnset(this.digestKey, "digestKey");
            this.digestKey = key.clone();
            return this;
        }

        /**
         * Builds the client. The redactor is the one set, or the one every policy that reads findings was loaded
         * with, or the built-in one; the policy file, if any, is loaded with it.
         *
         * @return the client
         * @throws IllegalStateException    if neither a delegate nor a streaming delegate was set; if a policy that
         *                                  reads findings was made with another redactor than the client's, with
         *                                  none, or while the client's redaction is off (the message names the
         *                                  policies); if policies were made with different redactors
         * @throws IllegalArgumentException if the policy file is invalid (with every problem) or repeats an id
         * @throws UncheckedIOException     if the policy file cannot be read
         */
        public GovernedClient build() {
            if (delegate == null && streamingDelegate == null) {
                throw new IllegalStateException("delegate must be set (a ModelClient or a StreamingModelClient)");
            }
            List<Policy> all = new ArrayList<>();
            if (inventory != null) {
                all.add(new InventoryPolicy(inventory));
            }
            all.addAll(policies);
            List<Policy> fromSource = policySource == null ? List.of() : policySource.current().policies();
            List<Policy> declared = new ArrayList<>(all);
            declared.addAll(fromSource);
            Redactor effective = redactor != null ? redactor : PolicyRedactors.common(declared);
            if (effective == null) {
                effective = AimsRedactor.create();
            }
            PolicyLoader loader = null;
            if (policyFile != null) {
                loader = loaderFor(effective);
                try {
                    PolicySet loaded = loader.load(policyFile);
                    for (Policy p : loaded.policies()) {
                        requireNewId(all, p);
                        all.add(p);
                    }
                } catch (IOException e) {
                    loader.close();
                    throw new UncheckedIOException("policyFile " + policyFile + " cannot be read", e);
                } catch (RuntimeException e) {
                    loader.close();
                    throw e;
                }
            }
            List<Policy> checked = new ArrayList<>(all);
            checked.addAll(fromSource);
            PolicyRedactors.check(checked, effective);
            return new GovernedClient(this, effective, all, loader);
        }

        private PolicyLoader loaderFor(Redactor effective) {
            PolicyLoader.Builder b = PolicyLoader.builder();
            if (effective != Redactor.none()) {
                b.redactor(effective);
            }
            if (inventory != null) {
                b.inventory(inventory);
            }
            return b.build();
        }

        private static void requireNewId(List<Policy> present, Policy p) {
            for (Policy q : present) {
                if (q.id().equals(p.id())) {
                    throw new IllegalArgumentException("policy id '" + p.id() + "' of the policy file was already"
                            + " added");
                }
            }
        }

        private static void requireUnset(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
