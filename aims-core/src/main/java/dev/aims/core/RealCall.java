package dev.aims.core;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallContext;
import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.ObservedCall;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import dev.aims.api.Restoration;
import dev.aims.api.StreamingHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One governed call, from its start to its record, in the manner of OkHttp's {@code RealCall}: it owns what the
 * call learns on its way through the chain (decisions, the redaction session, what was sent and received) and its
 * end — exactly one {@link CallRecord} for every observer, whatever threw, runtime exception, checked exception or
 * {@link Error}.
 *
 * <p>The path: {@link #begin} tells every observer the call starts (an observer may refuse it there, before anything
 * leaves) and takes the call's policy set; {@link #proceed} runs the chain with every observer's scope current;
 * {@link #end} builds the record and hands it out, then says what the caller gets. A record that cannot be built
 * fails the call; an {@code Error} is rethrown after the record went out. The chain's steps reach this object
 * through {@link RealChain#call()}. Confined to the calling thread, except {@link #firstChunkAt}, which a streaming
 * provider may set from its own.
 */
final class RealCall {
    private static final Logger LOG = LoggerFactory.getLogger(RealCall.class);
    /** A bound on the intervals a record keeps: a long stream of tiny chunks must not grow the record without end. */
    static final int MAX_CHUNK_INTERVALS = 4096;

    private final GovernedClient client;
    final String callId;
    /** The context as the application gave it: policies decide on it. */
    final CallContext context;
    private final AiRequest request;
    final Instant startedAt;
    private final String provider;
    private CallContext emitted;
    private ObservedCall[] observed = new ObservedCall[0];
    PolicySet policies;
    final List<PolicyDecision> decisions = new ArrayList<>(8);
    RedactionSession redaction = Redactor.none().open();
    AiRequest sentRequest;
    AiResponse receivedResponse;
    volatile Instant firstChunkAt;
    /** The times between successive streamed chunks, the first {@link #MAX_CHUNK_INTERVALS}; set under a lock. */
    final List<Duration> chunkIntervals = new ArrayList<>(0);
    long lastChunkNanos;
    private List<Restoration> restorations = List.of();
    private String traceId;
    private String spanId;

    RealCall(GovernedClient client, AiRequest request, CallContext context) {
        this.client = client;
        this.request = request;
        this.context = context;
        this.callId = newCallId();
        this.startedAt = client.clock.instant();
        this.provider = request.provider().orElse(client.provider);
        this.policies = client.staticPolicies;
    }

    /** Runs the call to its end with the client's plain delegate (or its streaming one, collected). */
    AiResponse execute() {
        if (client.tail != null) {
            return run(client.tail, null);
        }
        StreamingDelegateStep step = client.streamingStep(StreamingDelegateStep.DISCARD);
        return run(new RealChain.Step("streaming delegate", step), step);
    }

    /**
     * Runs a streamed call to its end; the handler gets the chunks, then {@code onComplete} or {@code onError}
     * once the record went out. An {@link Error} reaches {@code onError} and is then rethrown.
     */
    void stream(StreamingHandler handler) {
        AiResponse response;
        try {
            if (client.streamingDelegate == null) {
                response = run(client.tail, null);
                String text = response.text();
                if (!text.isEmpty()) {
                    handler.onPartial(text);
                }
            } else {
                StreamingDelegateStep step = client.streamingStep(handler);
                response = run(new RealChain.Step("streaming delegate", step), step);
            }
        } catch (AimsException e) {
            handler.onError(e);
            return;
        } catch (Error e) {
            handler.onError(e);
            throw e;
        }
        handler.onComplete(response);
    }

    private AiResponse run(RealChain.Step last, StreamingDelegateStep streaming) {
        Throwable failure = null;
        AiResponse response = null;
        try {
            begin();
            response = proceed(last);
            if (streaming != null) {
                streaming.releaseRest();
            }
        } catch (Throwable t) {
            failure = t;
        }
        Throwable thrown = end(failure);
        if (thrown == null) {
            return response;
        }
        throw asUnchecked(thrown);
    }

    /**
     * Tells every observer the call starts, in order, and takes the call's policy set. The first observer that
     * refuses with {@link AiGovernanceException} refuses the call: nothing is sent; every observer, the refusing
     * one included, still gets the record.
     */
    private void begin() {
        try {
            emitted = client.contextRedaction.emitted(context);
        } catch (Exception e) {
            throw new AiGovernanceException(callId, "redactor", "threw " + e.getClass().getName()
                    + " on the call's context", e);
        }
        CallStart start = CallStart.builder().callId(callId).startedAt(startedAt).context(emitted)
                .provider(provider).operationName(request.operationName()).requestModel(request.model())
                .server(serverAddress(), serverPort()).streaming(request.stream())
                .redactionEnabled(client.redactionEnabled).build();
        List<CallObserver> observers = client.observers;
        observed = new ObservedCall[observers.size()];
        AiGovernanceException refused = null;
        Error error = null;
        for (int i = 0; i < observed.length; i++) {
            CallObserver observer = observers.get(i);
            observed[i] = observer::onCall;
            try {
                ObservedCall call = observer.start(start);
                if (call != null) {
                    observed[i] = call;
                }
            } catch (AiGovernanceException e) {
                LOG.warn("AIMS observer {} refused call {} at its start: {}", name(observer), callId, e.culprit());
                refused = refused == null ? e : refused;
            } catch (Error e) {
                error = error == null ? e : error;
            } catch (Exception e) {
                LOG.warn("AIMS observer {} failed at the start of call {}: {}", name(observer), callId,
                        e.getClass().getName());
            }
        }
        if (error != null) {
            throw error;
        }
        if (refused != null) {
            throw refused;
        }
        try {
            policies = client.currentPolicies();
        } catch (RuntimeException e) {
            // A source whose set cannot be combined or run with the client's must not fail without a record.
            throw new AiGovernanceException(callId, "policy source", "its policy set cannot be used: "
                    + e.getMessage(), e);
        }
    }

    /** Runs the chain with every observer's scope current on this thread (a span, so the provider nests under). */
    private AiResponse proceed(RealChain.Step last) {
        ObservedCall.Scope[] scopes = new ObservedCall.Scope[observed.length];
        try {
            for (int i = 0; i < observed.length; i++) {
                try {
                    scopes[i] = observed[i].makeCurrent();
                } catch (RuntimeException e) {
                    LOG.warn("AIMS observer {} failed to make call {} current: {}", name(client.observers.get(i)),
                            callId, e.getClass().getName());
                }
            }
            return new RealChain(client.head, last, 0, this, request).proceed(request);
        } finally {
            for (int i = scopes.length - 1; i >= 0; i--) {
                if (scopes[i] != null) {
                    try {
                        scopes[i].close();
                    } catch (RuntimeException e) {
                        LOG.warn("AIMS observer {} failed to close the scope of call {}: {}",
                                name(client.observers.get(i)), callId, e.getClass().getName());
                    }
                }
            }
        }
    }

    /**
     * Builds the record and hands it to every observer and policy, once each; one's failure never stops another.
     *
     * @return what the caller gets instead of the response, or null: the call's own failure; else an
     *         {@link Error} an observer threw, the refusal of a critical observer, or the failure to build the record
     */
    private Throwable end(Throwable failure) {
        Throwable thrown = failure;
        CallRecord record;
        try {
            record = record(failure);
        } catch (RuntimeException e) {
            AiGovernanceException unrecorded = new AiGovernanceException(callId, "call record",
                    "the record could not be built (" + e.getClass().getName() + ")", e);
            if (failure == null) {
                thrown = unrecorded;
            } else {
                failure.addSuppressed(unrecorded);
            }
            record = fallbackRecord(thrown);
        }
        AiGovernanceException refused = null;
        Error error = null;
        for (int i = 0; i < observed.length; i++) {
            try {
                observed[i].end(record);
            } catch (AiGovernanceException e) {
                LOG.warn("AIMS observer {} refused call {}: {}", name(client.observers.get(i)), callId, e.culprit());
                refused = refused == null ? e : refused;
            } catch (Error e) {
                error = error == null ? e : error;
            } catch (Exception e) {
                LOG.warn("AIMS observer {} failed on call {}: {}", name(client.observers.get(i)), callId,
                        e.getClass().getName());
            }
        }
        for (Policy policy : policies.policies()) {
            try {
                policy.afterCall(record);
            } catch (Error e) {
                error = error == null ? e : error;
            } catch (Exception e) {
                LOG.warn("AIMS policy '{}' failed after call {}: {}", policy.id(), callId, e.getClass().getName());
            }
        }
        if (thrown instanceof Error) {
            return thrown;
        }
        if (error != null) {
            if (thrown != null) {
                error.addSuppressed(thrown);
            }
            return error;
        }
        return thrown != null ? thrown : refused;
    }

    private CallRecord record(Throwable failure) {
        AiRequest asSent = sentRequest != null ? sentRequest : request;
        AiResponse received = receivedResponse;
        CallRecord.Builder b = CallRecord.builder()
                .callId(callId)
                .startedAt(startedAt)
                .endedAt(endedAt())
                .firstChunkAt(firstChunkAt)
                .chunkIntervals(chunkIntervals)
                .context(emitted != null ? emitted : ContextRedaction.identityOnly(context))
                .server(client.serverAddress, client.serverPort)
                .requestParameters(asSent, client.provider)
                .decisions(decisions)
                .policySetHash(policies.hash())
                .findingCounts(redaction.counts())
                .valueDigests(redaction.valueDigests())
                .uninspectedParts(request.uninspectedParts())
                .redactionEnabled(client.redactionEnabled)
                .restorations(restorations)
                .trace(traceId(), spanId())
                .sentRequest(sentRequest)
                .receivedResponse(received)
                .digests(client.digests.algorithm(), sentRequest == null ? null : client.digests.of(sentRequest),
                        received == null ? null : client.digests.of(received));
        if (received != null) {
            b.usage(received.usage())
                    .finishReasons(received.finishReasons())
                    .responseId(received.responseId().orElse(null))
                    .responseModel(received.model().orElse(null));
        }
        return outcome(b, failure).build();
    }

    /** The record of a call whose full record could not be built: what is certain, and the failure. */
    private CallRecord fallbackRecord(Throwable failure) {
        return outcome(CallRecord.builder().callId(callId).startedAt(startedAt).endedAt(endedAtOrStart())
                .context(emitted != null ? emitted : ContextRedaction.identityOnly(context)).provider(provider)
                .operationName(request.operationName()).requestModel(request.model())
                .policySetHash(policies.hash()).decisions(decisions)
                .redactionEnabled(client.redactionEnabled), failure).build();
    }

    private static CallRecord.Builder outcome(CallRecord.Builder b, Throwable failure) {
        if (failure == null) {
            return b.outcome(CallRecord.Outcome.ALLOWED);
        }
        if (failure instanceof AiPolicyViolationException) {
            return b.outcome(CallRecord.Outcome.DENIED).errorType(failure.getClass().getName());
        }
        if (failure instanceof AiProviderException && failure.getCause() != null) {
            return b.outcome(CallRecord.Outcome.ERROR).errorType(failure.getCause().getClass().getName());
        }
        return b.outcome(CallRecord.Outcome.ERROR).errorType(failure.getClass().getName());
    }

    /** A clock that stepped back must not make the record invalid; one that fails fails the record. */
    private Instant endedAt() {
        Instant now = client.clock.instant();
        return now.isBefore(startedAt) ? startedAt : now;
    }

    /** For the fallback record, which must be built whatever failed: the start time when the clock fails too. */
    private Instant endedAtOrStart() {
        try {
            return endedAt();
        } catch (RuntimeException e) {
            return startedAt;
        }
    }

    private String serverAddress() {
        return request.serverAddress().orElse(client.serverAddress);
    }

    private int serverPort() {
        return request.serverPort() != 0 ? request.serverPort() : client.serverPort;
    }

    /** @return the provider name the call is addressed to */
    String provider() {
        return provider;
    }

    /** Links the record to a trace, for tracing interceptors that cannot see an observer. */
    void recordTrace(String traceId, String spanId) {
        this.traceId = traceId;
        this.spanId = spanId;
    }

    void restored(Restoration restoration) {
        if (restorations.isEmpty()) {
            restorations = new ArrayList<>(2);
        }
        restorations.add(restoration);
    }

    /** The observers' trace ids win over an interceptor's: they started the call's span. */
    private String traceId() {
        for (ObservedCall call : observed) {
            String id = safe(call, true);
            if (id != null) {
                return id;
            }
        }
        return traceId;
    }

    private String spanId() {
        for (ObservedCall call : observed) {
            if (safe(call, true) != null) {
                return safe(call, false);
            }
        }
        return spanId;
    }

    private static String safe(ObservedCall call, boolean trace) {
        try {
            return trace ? call.traceId() : call.spanId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String name(CallObserver observer) {
        return observer.getClass().getName();
    }

    /**
     * The steps turn every exception into an {@link AimsException}; a checked exception thrown through a lambda
     * somewhere they do not reach still ends as one, with a record made.
     */
    private RuntimeException asUnchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new AiGovernanceException(callId, "call", "threw " + t.getClass().getName(), t);
    }

    private static String newCallId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        // A random (version 4) UUID without SecureRandom: call ids must be unique, not secret.
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
