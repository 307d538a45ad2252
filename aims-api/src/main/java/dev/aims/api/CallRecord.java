package dev.aims.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything AIMS learned about one call, handed to every {@link CallObserver} once when the call ends: ids and
 * times, context, provider and model, every policy decision in order (allows too), the redaction findings by type
 * and count with the keyed digests of the distinct values, whether redaction was on, the pseudonyms restored into
 * tool arguments (type and tool), usage, the outcome and error type, and digests of the request as sent and of the
 * response.
 *
 * <p>It holds no raw value the redactor found. Its context's free text (purpose, session id, labels, source ids,
 * tenant, system id) passed through the redactor; the principal is kept as given, the audit identity, and
 * {@link #toString()} does not print it. It does hold the request <em>as sent</em> (already redacted) and the
 * response <em>as received</em>, for observers that capture content on the user's explicit request
 * ({@link #sentRequest()}, {@link #receivedResponse()}); observers that persist records (the evidence log) must
 * not write them. {@link #toString()} prints neither.
 */
public final class CallRecord {
    /** How a call ended. */
    public enum Outcome {
        /** The provider answered and the answer was returned (possibly modified). */
        ALLOWED,
        /** A policy denied the call. */
        DENIED,
        /** The provider or a control failed. */
        ERROR;

        /** @return the lower-case name used in telemetry and evidence */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Most calls find nothing: one shared empty sorted map, which behaves as a fresh one, not a TreeMap each. */
    private static final Map<String, Integer> NO_FINDINGS = Collections.unmodifiableMap(new TreeMap<>());

    private final String callId;
    private final Instant startedAt;
    private final Instant endedAt;
    private final Instant firstChunkAt;
    private final List<Duration> chunkIntervals;
    private final CallContext context;
    private final String provider;
    private final String operationName;
    private final String requestModel;
    private final String responseModel;
    private final String responseId;
    private final boolean streaming;
    private final Double temperature;
    private final Integer maxTokens;
    private final Double topP;
    private final String serverAddress;
    private final int serverPort;
    private final List<FinishReason> finishReasons;
    private final List<PolicyDecision> decisions;
    private final String policySetHash;
    private final Map<String, Integer> findingCounts;
    private final ValueDigests valueDigests;
    private final int uninspectedParts;
    private final Usage usage;
    private final Outcome outcome;
    private final String errorType;
    private final String digestAlgorithm;
    private final String requestDigest;
    private final String responseDigest;
    private final String traceId;
    private final String spanId;
    private final AiRequest sentRequest;
    private final AiResponse receivedResponse;
    private final boolean redactionEnabled;
    private final List<Restoration> restorations;

    private CallRecord(Builder b) {
        this.callId = Require.nonBlank(b.callId, "record.callId");
        this.startedAt = Require.nonNull(b.startedAt, "record.startedAt");
        this.endedAt = Require.nonNull(b.endedAt, "record.endedAt");
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("record.endedAt must not be before startedAt, but was " + endedAt
                    + " < " + startedAt);
        }
        this.firstChunkAt = b.firstChunkAt;
        this.chunkIntervals = b.chunkIntervals != null && b.chunkIntervals.isEmpty() ? List.of()
                : intervals(b.chunkIntervals);
        this.context = Require.nonNull(b.context, "record.context");
        this.provider = Require.nonBlank(b.provider, "record.provider");
        this.operationName = Require.nonBlank(b.operationName, "record.operationName");
        this.requestModel = Require.nonBlank(b.requestModel, "record.requestModel");
        this.responseModel = b.responseModel;
        this.responseId = b.responseId;
        this.streaming = b.streaming;
        this.temperature = b.temperature;
        this.maxTokens = b.maxTokens;
        this.topP = b.topP;
        this.serverAddress = b.serverAddress;
        this.serverPort = b.serverPort;
        this.finishReasons = Require.listOf(b.finishReasons, "record.finishReasons");
        this.decisions = Require.listOf(b.decisions, "record.decisions");
        this.policySetHash = Require.nonBlank(b.policySetHash, "record.policySetHash");
        Map<String, Integer> counts = Require.nonNull(b.findingCounts, "record.findingCounts");
        this.findingCounts = counts.isEmpty() ? NO_FINDINGS : Collections.unmodifiableMap(new TreeMap<>(counts));
        this.valueDigests = Require.nonNull(b.valueDigests, "record.valueDigests");
        for (Map.Entry<String, Set<String>> e : valueDigests.byType().entrySet()) {
            // A value counts at least once: more distinct values than occurrences means the two came apart.
            Integer found = findingCounts.get(e.getKey());
            if (found == null || found < e.getValue().size()) {
                throw new IllegalArgumentException("record.valueDigests[" + e.getKey() + "] holds "
                        + e.getValue().size() + " distinct values, but record.findingCounts has "
                        + (found == null ? 0 : found) + " findings of that type");
            }
        }
        this.uninspectedParts = b.uninspectedParts;
        this.usage = Require.nonNull(b.usage, "record.usage");
        this.outcome = Require.nonNull(b.outcome, "record.outcome");
        this.errorType = b.errorType;
        if (outcome != Outcome.ALLOWED && errorType == null) {
            throw new IllegalArgumentException("record.errorType must be set when outcome is " + outcome);
        }
        this.digestAlgorithm = Require.nonBlank(b.digestAlgorithm, "record.digestAlgorithm");
        this.requestDigest = b.requestDigest;
        this.responseDigest = b.responseDigest;
        this.traceId = b.traceId;
        this.spanId = b.spanId;
        this.sentRequest = b.sentRequest;
        this.receivedResponse = b.receivedResponse;
        this.redactionEnabled = b.redactionEnabled;
        this.restorations = b.restorations.isEmpty() ? List.of() : Require.listOf(b.restorations,
                "record.restorations");
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the call's unique id */
    public String callId() {
        return callId;
    }

    /** @return when the call started */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when the call ended */
    public Instant endedAt() {
        return endedAt;
    }

    /** @return the call's duration */
    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    /** @return when the first streamed chunk arrived, for streamed calls that got one */
    public Optional<Instant> firstChunkAt() {
        return Optional.ofNullable(firstChunkAt);
    }

    /**
     * @return for each streamed chunk after the first, the time since the chunk before it, in arrival order (the
     *         GenAI conventions' time per output chunk); empty for calls that were not streamed or not measured
     */
    public List<Duration> chunkIntervals() {
        return chunkIntervals;
    }

    private static List<Duration> intervals(List<Duration> given) {
        List<Duration> copy = Require.listOf(given, "record.chunkIntervals");
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).isNegative()) {
                throw new IllegalArgumentException("record.chunkIntervals[" + i + "] must not be negative, but was "
                        + copy.get(i));
            }
        }
        return copy;
    }

    /** @return the call's context */
    public CallContext context() {
        return context;
    }

    /** @return the provider's name, {@code unknown} when nobody said */
    public String provider() {
        return provider;
    }

    /** @return the GenAI operation name */
    public String operationName() {
        return operationName;
    }

    /** @return the model the application asked for */
    public String requestModel() {
        return requestModel;
    }

    /** @return the model that answered, when the provider said */
    public Optional<String> responseModel() {
        return Optional.ofNullable(responseModel);
    }

    /** @return the provider's response id */
    public Optional<String> responseId() {
        return Optional.ofNullable(responseId);
    }

    /** @return whether the call was streamed */
    public boolean streaming() {
        return streaming;
    }

    /** @return the requested temperature */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /** @return the requested output token limit */
    public Optional<Integer> maxTokens() {
        return Optional.ofNullable(maxTokens);
    }

    /** @return the requested top-p */
    public Optional<Double> topP() {
        return Optional.ofNullable(topP);
    }

    /** @return the provider's host, when known */
    public Optional<String> serverAddress() {
        return Optional.ofNullable(serverAddress);
    }

    /** @return the provider's port, 0 when unknown */
    public int serverPort() {
        return serverPort;
    }

    /** @return the finish reasons the provider gave */
    public List<FinishReason> finishReasons() {
        return finishReasons;
    }

    /** @return every decision of the call, in the order taken */
    public List<PolicyDecision> decisions() {
        return decisions;
    }

    /**
     * @return the decision that determined the outcome: the first DENY, else the last MODIFY; empty when every
     *         policy allowed
     */
    public Optional<PolicyDecision> decisiveDecision() {
        PolicyDecision modify = null;
        for (PolicyDecision d : decisions) {
            if (d.effect() == PolicyDecision.Effect.DENY) {
                return Optional.of(d);
            }
            if (d.effect() == PolicyDecision.Effect.MODIFY) {
                modify = d;
            }
        }
        return Optional.ofNullable(modify);
    }

    /** @return the hash of the policy set in force */
    public String policySetHash() {
        return policySetHash;
    }

    /** @return the number of redaction findings per entity type, sorted by type */
    public Map<String, Integer> findingCounts() {
        return findingCounts;
    }

    /** @return the total number of findings */
    public int findingTotal() {
        int n = 0;
        for (int c : findingCounts.values()) {
            n += c;
        }
        return n;
    }

    /**
     * @return the keyed digests of the distinct values found, by type (a value found six times is one digest);
     *         {@link ValueDigests#NONE} when nothing was found or the redactor does not digest its findings
     */
    public ValueDigests valueDigests() {
        return valueDigests;
    }

    /** @return how many message parts AIMS could not inspect (images, audio …) */
    public int uninspectedParts() {
        return uninspectedParts;
    }

    /** @return the tokens used; zero when the provider was not reached */
    public Usage usage() {
        return usage;
    }

    /** @return how the call ended */
    public Outcome outcome() {
        return outcome;
    }

    /** @return the fully qualified type of the error that ended the call, for DENIED and ERROR */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** @return {@code sha-256}, or {@code hmac-sha-256} when a digest key is configured */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** @return hex digest of the request as sent, when it was sent */
    public Optional<String> requestDigest() {
        return Optional.ofNullable(requestDigest);
    }

    /** @return hex digest of the response as received, when there was one */
    public Optional<String> responseDigest() {
        return Optional.ofNullable(responseDigest);
    }

    /** @return the trace id, when a tracing interceptor linked one */
    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    /** @return the span id, when a tracing interceptor linked one */
    public Optional<String> spanId() {
        return Optional.ofNullable(spanId);
    }

    /**
     * @return whether the client redacted this call's outbound text; false when it was built with
     *         {@link Redactor#none()}, a choice an auditor sees as a control gap
     */
    public boolean redactionEnabled() {
        return redactionEnabled;
    }

    /** @return the pseudonyms restored into tool-call arguments, by type and tool, in order; never values */
    public List<Restoration> restorations() {
        return restorations;
    }

    /**
     * @return the request as it left the process (redacted), when it was sent; content, for opt-in capture only
     */
    public Optional<AiRequest> sentRequest() {
        return Optional.ofNullable(sentRequest);
    }

    /**
     * @return the response as the provider returned it, before pseudonyms were restored; content, for opt-in
     *         capture only — it may hold what the model generated, so redact it before emitting
     */
    public Optional<AiResponse> receivedResponse() {
        return Optional.ofNullable(receivedResponse);
    }

    @Override
    public String toString() {
        return "CallRecord{callId=" + callId + ", outcome=" + outcome
                + (errorType == null ? "" : ", errorType=" + errorType) + ", provider=" + provider + ", model="
                + requestModel + ", context=" + context + ", decisions=" + decisions + ", findings=" + findingCounts
                + (valueDigests.isEmpty() ? "" : ", distinctValues=" + valueDigests)
                + ", usage=" + usage + ", duration=" + duration()
                + (redactionEnabled ? "" : ", redactionEnabled=false")
                + (restorations.isEmpty() ? "" : ", restorations=" + restorations) + "}";
    }

    /** Builds a {@link CallRecord}; not thread-safe. */
    public static final class Builder {
        private String callId;
        private Instant startedAt;
        private Instant endedAt;
        private Instant firstChunkAt;
        private List<Duration> chunkIntervals = List.of();
        private CallContext context = CallContext.EMPTY;
        private String provider = "unknown";
        private String operationName = "chat";
        private String requestModel;
        private String responseModel;
        private String responseId;
        private boolean streaming;
        private Double temperature;
        private Integer maxTokens;
        private Double topP;
        private String serverAddress;
        private int serverPort;
        private List<FinishReason> finishReasons = List.of();
        private final ArrayList<PolicyDecision> decisions = new ArrayList<>();
        private String policySetHash = PolicySet.EMPTY.hash();
        private Map<String, Integer> findingCounts = Map.of();
        private ValueDigests valueDigests = ValueDigests.NONE;
        private int uninspectedParts;
        private Usage usage = Usage.ZERO;
        private Outcome outcome;
        private String errorType;
        private String digestAlgorithm = "sha-256";
        private String requestDigest;
        private String responseDigest;
        private String traceId;
        private String spanId;
        private AiRequest sentRequest;
        private AiResponse receivedResponse;
        private boolean redactionEnabled = true;
        private List<Restoration> restorations = List.of();

        private Builder() {
        }

        /** @param v the call id @return this builder */
        public Builder callId(String v) {
            callId = v;
            return this;
        }

        /** @param v start time @return this builder */
        public Builder startedAt(Instant v) {
            startedAt = v;
            return this;
        }

        /** @param v end time @return this builder */
        public Builder endedAt(Instant v) {
            endedAt = v;
            return this;
        }

        /** @param v time of the first streamed chunk @return this builder */
        public Builder firstChunkAt(Instant v) {
            firstChunkAt = v;
            return this;
        }

        /**
         * @param v for each streamed chunk after the first, the time since the one before it, in arrival order
         * @return this builder
         */
        public Builder chunkIntervals(List<Duration> v) {
            chunkIntervals = v;
            return this;
        }

        /** @param v the context @return this builder */
        public Builder context(CallContext v) {
            context = v;
            return this;
        }

        /** @param v the provider name @return this builder */
        public Builder provider(String v) {
            provider = v;
            return this;
        }

        /** @param v the operation name @return this builder */
        public Builder operationName(String v) {
            operationName = v;
            return this;
        }

        /** @param v the requested model @return this builder */
        public Builder requestModel(String v) {
            requestModel = v;
            return this;
        }

        /** @param v the answering model @return this builder */
        public Builder responseModel(String v) {
            responseModel = v;
            return this;
        }

        /** @param v the provider's response id @return this builder */
        public Builder responseId(String v) {
            responseId = v;
            return this;
        }

        /** @param v whether streamed @return this builder */
        public Builder streaming(boolean v) {
            streaming = v;
            return this;
        }

        /**
         * Copies the request's parameters (not its text): model, provider, operation, temperature, max tokens, top-p,
         * stream flag and server.
         *
         * @param request the request as the application made it
         * @param defaultProvider the provider name to use when the request names none
         * @return this builder
         */
        public Builder requestParameters(AiRequest request, String defaultProvider) {
            requestModel = request.model();
            provider = request.provider().orElse(defaultProvider);
            operationName = request.operationName();
            temperature = request.temperature().orElse(null);
            maxTokens = request.maxTokens().orElse(null);
            topP = request.topP().orElse(null);
            streaming = request.stream();
            serverAddress = request.serverAddress().orElse(serverAddress);
            serverPort = request.serverPort() != 0 ? request.serverPort() : serverPort;
            return this;
        }

        /** @param address the provider's host @param port its port @return this builder */
        public Builder server(String address, int port) {
            serverAddress = address;
            serverPort = port;
            return this;
        }

        /** @param v finish reasons @return this builder */
        public Builder finishReasons(List<FinishReason> v) {
            finishReasons = v;
            return this;
        }

        /** @param v a decision to append @return this builder */
        public Builder decision(PolicyDecision v) {
            if (v == null) {
                // The field name is built only when needed: this runs for every decision of every call.
                throw new IllegalArgumentException("record.decisions[" + decisions.size() + "] must not be null");
            }
            decisions.add(v);
            return this;
        }

        /** @param v decisions to append @return this builder */
        public Builder decisions(List<PolicyDecision> v) {
            decisions.ensureCapacity(decisions.size() + v.size());
            for (PolicyDecision d : v) {
                decision(d);
            }
            return this;
        }

        /** @param v the policy-set hash @return this builder */
        public Builder policySetHash(String v) {
            policySetHash = v;
            return this;
        }

        /** @param v findings per type @return this builder */
        public Builder findingCounts(Map<String, Integer> v) {
            findingCounts = v;
            return this;
        }

        /**
         * @param v the keyed digests of the distinct values found, by type ({@link RedactionSession#valueDigests()})
         * @return this builder
         */
        public Builder valueDigests(ValueDigests v) {
            valueDigests = v;
            return this;
        }

        /** @param v uninspected parts @return this builder */
        public Builder uninspectedParts(int v) {
            uninspectedParts = v;
            return this;
        }

        /** @param v usage @return this builder */
        public Builder usage(Usage v) {
            usage = v;
            return this;
        }

        /** @param v the outcome @return this builder */
        public Builder outcome(Outcome v) {
            outcome = v;
            return this;
        }

        /** @param v the error type @return this builder */
        public Builder errorType(String v) {
            errorType = v;
            return this;
        }

        /**
         * @param algorithm {@code sha-256} or {@code hmac-sha-256}
         * @param request   hex digest of the request as sent, or null
         * @param response  hex digest of the response, or null
         * @return this builder
         */
        public Builder digests(String algorithm, String request, String response) {
            digestAlgorithm = algorithm;
            requestDigest = request;
            responseDigest = response;
            return this;
        }

        /** @param trace the trace id @param span the span id @return this builder */
        public Builder trace(String trace, String span) {
            traceId = trace;
            spanId = span;
            return this;
        }

        /** @param v whether the client redacted the call's outbound text @return this builder */
        public Builder redactionEnabled(boolean v) {
            redactionEnabled = v;
            return this;
        }

        /** @param v the pseudonyms restored into tool-call arguments @return this builder */
        public Builder restorations(List<Restoration> v) {
            restorations = v;
            return this;
        }

        /** @param v the request as sent @return this builder */
        public Builder sentRequest(AiRequest v) {
            sentRequest = v;
            return this;
        }

        /** @param v the response as received @return this builder */
        public Builder receivedResponse(AiResponse v) {
            receivedResponse = v;
            return this;
        }

        /**
         * @return the record
         * @throws IllegalArgumentException naming the field when a value is missing or inconsistent
         */
        public CallRecord build() {
            return new CallRecord(this);
        }
    }
}
