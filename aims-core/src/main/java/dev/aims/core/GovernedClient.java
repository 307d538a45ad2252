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
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.Policy;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicySource;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModelClient} that governs every call it passes to its delegate: policies decide, the redactor strips
 * personal data and secrets before anything leaves the process, and every call ends with one {@link CallRecord}
 * for each observer, whatever the outcome.
 *
 * <p>The chain of one call, assembled here and nowhere else:
 * <ol>
 *   <li>context — the explicit {@link CallContext} or the one bound to the thread;</li>
 *   <li>user interceptors, in the order added (tracing, caching …);</li>
 *   <li>PRE policies, on the request as the application made it (the inventory check first, when configured);</li>
 *   <li>redaction of every outbound text, with operators overridable per call by PRE obligations;</li>
 *   <li>PRE_SEND policies, which see the findings;</li>
 *   <li>POST policies, on the provider's response on its way back;</li>
 *   <li>the delegate — the provider call;</li>
 * </ol>
 * then, on the way back, POST, pseudonym restoration, the user interceptors, and finally the record, handed to every
 * observer and to {@link Policy#afterCall} of every policy in the set.
 *
 * <p>Outcomes: a denial throws {@link AiPolicyViolationException}; a delegate failure {@link AiProviderException};
 * a failing control (policy, redactor, interceptor) {@link AiGovernanceException} — AIMS fails closed. An observer
 * that throws is logged (without content) and changes nothing, unless it throws {@link AiGovernanceException}: a
 * critical observer (the evidence log, full and configured to fail) refusing the call, which the caller then gets. Thread-safe: one client serves many threads.
 */
public final class GovernedClient implements ModelClient, StreamingModelClient {
    private static final Logger LOG = LoggerFactory.getLogger(GovernedClient.class);

    private final ModelClient delegate;
    private final StreamingModelClient streamingDelegate;
    private final PolicySet staticPolicies;
    private final PolicySource policySource;
    private final List<CallObserver> observers;
    private final Clock clock;
    private final String provider;
    private final String serverAddress;
    private final int serverPort;
    private final Digests digests;
    private final List<RealChain.Step> head;
    private final RealChain.Step tail;
    private final PolicyStep post;
    private volatile Combined combined;

    private GovernedClient(Builder b) {
        this.delegate = b.delegate;
        this.streamingDelegate = b.streamingDelegate;
        List<Policy> policies = new ArrayList<>();
        if (b.inventory != null) {
            policies.add(new InventoryPolicy(b.inventory));
        }
        policies.addAll(b.policies);
        this.staticPolicies = PolicySet.of(policies);
        this.policySource = b.policySource;
        this.observers = List.copyOf(b.observers);
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.provider = b.provider == null ? "unknown" : b.provider;
        this.serverAddress = b.serverAddress;
        this.serverPort = b.serverPort;
        this.digests = new Digests(b.digestKey);
        Redactor redactor = b.redactor == null ? Redactor.none() : b.redactor;
        List<RealChain.Step> steps = new ArrayList<>();
        for (int i = 0; i < b.interceptors.size(); i++) {
            CallInterceptor interceptor = b.interceptors.get(i);
            steps.add(new RealChain.Step("interceptor #" + i + " (" + interceptor.getClass().getName() + ")",
                    interceptor));
        }
        steps.add(new RealChain.Step("PRE policies", new PolicyStep(PolicyStage.PRE, clock)));
        steps.add(new RealChain.Step("redaction", new RedactionStep(redactor)));
        steps.add(new RealChain.Step("PRE_SEND policies", new PolicyStep(PolicyStage.PRE_SEND, clock)));
        this.post = new PolicyStep(PolicyStage.POST, clock);
        steps.add(new RealChain.Step("POST policies", post));
        this.head = List.copyOf(steps);
        this.tail = delegate == null ? null : new RealChain.Step("delegate", new DelegateStep(delegate, provider));
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
        if (tail == null) {
            return streamAndCollect(request, context);
        }
        return run(request, context, tail);
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
     * released. A MODIFY at POST changes only the response given to {@code onComplete}.
     *
     * <p>This method returns when the stream has ended and the handler has received {@code onComplete} (after the
     * POST policies) or {@code onError} (with the {@link AimsException} that ended the call). Without a streaming
     * delegate the plain delegate is called and its answer delivered as one chunk.
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
        AiResponse response;
        try {
            if (streamingDelegate != null) {
                StreamingDelegateStep step = new StreamingDelegateStep(streamingDelegate, provider, clock, handler,
                        post);
                response = run(streamed, context, new RealChain.Step("streaming delegate", step));
                step.releaseRest();
            } else {
                response = run(streamed, context, tail);
                String text = response.text();
                if (!text.isEmpty()) {
                    handler.onPartial(text);
                }
            }
        } catch (AimsException e) {
            handler.onError(e);
            return;
        }
        handler.onComplete(response);
    }

    private AiResponse streamAndCollect(AiRequest request, CallContext context) {
        AiResponse[] result = new AiResponse[1];
        RuntimeException[] failure = new RuntimeException[1];
        stream(request, context, new StreamingHandler() {
            @Override
            public void onPartial(String text) {
            }

            @Override
            public void onComplete(AiResponse response) {
                result[0] = response;
            }

            @Override
            public void onError(Throwable error) {
                failure[0] = error instanceof RuntimeException ? (RuntimeException) error
                        : new IllegalStateException(error);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private AiResponse run(AiRequest request, CallContext context, RealChain.Step last) {
        String callId = newCallId();
        Instant startedAt = clock.instant();
        PolicySet policies;
        try {
            policies = currentPolicies();
        } catch (RuntimeException e) {
            // A source whose set clashes with the fixed policies (a duplicate id) must not fail without a record.
            AiGovernanceException failure = new AiGovernanceException(callId, "policy source",
                    "its set cannot be combined with the builder's policies: " + e.getMessage(), e);
            finish(new CallState(callId, context, staticPolicies, startedAt), request, failure);
            throw failure;
        }
        CallState state = new CallState(callId, context, policies, startedAt);
        AiResponse response;
        try {
            response = new RealChain(head, last, 0, state, request).proceed(request);
        } catch (RuntimeException | Error e) {
            finish(state, request, e);
            throw e;
        }
        AiGovernanceException refused = finish(state, request, null);
        if (refused != null) {
            throw refused;
        }
        return response;
    }

    /** The builder's policies followed by the source's current set, combined once per change of the source. */
    private PolicySet currentPolicies() {
        if (policySource == null) {
            return staticPolicies;
        }
        PolicySet fromSource = policySource.current();
        Combined last = combined;
        if (last != null && last.source == fromSource) {
            return last.all;
        }
        PolicySet all = staticPolicies.concat(fromSource);
        combined = new Combined(fromSource, all);
        return all;
    }

    /** A source set and its combination with the builder's policies; replaced whole, so reads are consistent. */
    private record Combined(PolicySet source, PolicySet all) {
    }

    /**
     * Hands the record to every observer and policy. An observer that throws is logged and changes nothing, except
     * one that throws {@link AiGovernanceException}: that is a critical control (an evidence log that cannot take
     * the record) refusing the call, so the first such refusal is returned for the caller to receive once every
     * other observer has seen the record.
     */
    private AiGovernanceException finish(CallState state, AiRequest request, Throwable failure) {
        CallRecord record;
        try {
            record = record(state, request, failure);
        } catch (RuntimeException e) {
            LOG.error("AIMS could not build the record of call {}: {}", state.callId, e.getClass().getName());
            return null;
        }
        AiGovernanceException refused = null;
        for (CallObserver observer : observers) {
            try {
                observer.onCall(record);
            } catch (AiGovernanceException e) {
                LOG.warn("AIMS observer {} refused call {}: {}", observer.getClass().getName(), state.callId,
                        e.culprit());
                if (refused == null) {
                    refused = e;
                }
            } catch (RuntimeException e) {
                LOG.warn("AIMS observer {} failed on call {}: {}", observer.getClass().getName(), state.callId,
                        e.getClass().getName());
            }
        }
        for (Policy policy : state.policies.policies()) {
            try {
                policy.afterCall(record);
            } catch (RuntimeException e) {
                LOG.warn("AIMS policy '{}' failed after call {}: {}", policy.id(), state.callId,
                        e.getClass().getName());
            }
        }
        return refused;
    }

    private CallRecord record(CallState state, AiRequest request, Throwable failure) {
        AiRequest asSent = state.sentRequest != null ? state.sentRequest : request;
        AiResponse received = state.receivedResponse;
        CallRecord.Builder b = CallRecord.builder()
                .callId(state.callId)
                .startedAt(state.startedAt)
                .endedAt(clock.instant())
                .firstChunkAt(state.firstChunkAt)
                .context(state.context)
                .server(serverAddress, serverPort)
                .requestParameters(asSent, provider)
                .decisions(state.decisions)
                .policySetHash(state.policies.hash())
                .findingCounts(state.redaction.counts())
                .uninspectedParts(uninspected(request))
                .trace(state.traceId, state.spanId)
                .sentRequest(state.sentRequest)
                .receivedResponse(received)
                .digests(digests.algorithm(), state.sentRequest == null ? null : digests.of(state.sentRequest),
                        received == null ? null : digests.of(received));
        if (received != null) {
            b.usage(received.usage())
                    .finishReasons(received.finishReasons())
                    .responseId(received.responseId().orElse(null))
                    .responseModel(received.model().orElse(null));
        }
        if (failure == null) {
            b.outcome(CallRecord.Outcome.ALLOWED);
        } else if (failure instanceof AiPolicyViolationException) {
            b.outcome(CallRecord.Outcome.DENIED).errorType(failure.getClass().getName());
        } else if (failure instanceof AiProviderException && failure.getCause() != null) {
            b.outcome(CallRecord.Outcome.ERROR).errorType(failure.getCause().getClass().getName());
        } else {
            b.outcome(CallRecord.Outcome.ERROR).errorType(failure.getClass().getName());
        }
        return b.build();
    }

    private static int uninspected(AiRequest request) {
        int n = 0;
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            n += messages.get(i).uninspectedParts();
        }
        return n;
    }

    private static String newCallId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        // A random (version 4) UUID without SecureRandom: call ids must be unique, not secret.
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    @Override
    public String toString() {
        return "GovernedClient{provider=" + provider + ", policies=" + staticPolicies + ", observers="
                + observers.size() + "}";
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
         * @param redactor the redactor for outbound text; {@link Redactor#none()} by default
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
         * @return the client
         * @throws IllegalStateException if neither a delegate nor a streaming delegate was set
         */
        public GovernedClient build() {
            if (delegate == null && streamingDelegate == null) {
                throw new IllegalStateException("delegate must be set (a ModelClient or a StreamingModelClient)");
            }
            return new GovernedClient(this);
        }

        private static void requireUnset(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
