package dev.aims.api;

import java.time.Instant;
import java.util.Optional;

/**
 * What is known of a governed call when it begins, before any policy runs: its id and start time, the context, the
 * provider and server it is addressed to, the model and operation, whether it streams and whether redaction is on.
 * {@link CallObserver#start} receives it. The context is the one records carry: its free text already passed
 * through the redactor. Immutable; {@link #toString()} prints no context value.
 */
public final class CallStart {
    private final String callId;
    private final Instant startedAt;
    private final CallContext context;
    private final String provider;
    private final String operationName;
    private final String requestModel;
    private final String serverAddress;
    private final int serverPort;
    private final boolean streaming;
    private final boolean redactionEnabled;

    private CallStart(Builder b) {
        this.callId = Require.nonBlank(b.callId, "start.callId");
        this.startedAt = Require.nonNull(b.startedAt, "start.startedAt");
        this.context = Require.nonNull(b.context, "start.context");
        this.provider = Require.nonBlank(b.provider, "start.provider");
        this.operationName = Require.nonBlank(b.operationName, "start.operationName");
        this.requestModel = Require.nonBlank(b.requestModel, "start.requestModel");
        this.serverAddress = b.serverAddress;
        if (b.serverPort < 0 || b.serverPort > 65535) {
            throw new IllegalArgumentException("start.serverPort must be in [0, 65535], but was " + b.serverPort);
        }
        this.serverPort = b.serverPort;
        this.streaming = b.streaming;
        this.redactionEnabled = b.redactionEnabled;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the call's unique id, as its record will carry it */
    public String callId() {
        return callId;
    }

    /** @return when the call began */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return the call's context, free text redacted */
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

    /** @return the provider's host, when known */
    public Optional<String> serverAddress() {
        return Optional.ofNullable(serverAddress);
    }

    /** @return the provider's port, 0 when unknown */
    public int serverPort() {
        return serverPort;
    }

    /** @return whether the answer is streamed */
    public boolean streaming() {
        return streaming;
    }

    /** @return whether the client redacts; false only when it was built with {@link Redactor#none()} */
    public boolean redactionEnabled() {
        return redactionEnabled;
    }

    @Override
    public String toString() {
        return "CallStart{callId=" + callId + ", provider=" + provider + ", model=" + requestModel + ", streaming="
                + streaming + ", redactionEnabled=" + redactionEnabled + "}";
    }

    /** Builds a {@link CallStart}; not thread-safe. */
    public static final class Builder {
        private String callId;
        private Instant startedAt;
        private CallContext context = CallContext.EMPTY;
        private String provider = "unknown";
        private String operationName = "chat";
        private String requestModel;
        private String serverAddress;
        private int serverPort;
        private boolean streaming;
        private boolean redactionEnabled = true;

        private Builder() {
        }

        /** @param v the call id @return this builder */
        public Builder callId(String v) {
            callId = v;
            return this;
        }

        /** @param v the start time @return this builder */
        public Builder startedAt(Instant v) {
            startedAt = v;
            return this;
        }

        /** @param v the context, free text redacted @return this builder */
        public Builder context(CallContext v) {
            context = v;
            return this;
        }

        /** @param v the provider's name @return this builder */
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

        /** @param address the provider's host, or null @param port its port, 0 if unknown @return this builder */
        public Builder server(String address, int port) {
            serverAddress = address;
            serverPort = port;
            return this;
        }

        /** @param v whether streamed @return this builder */
        public Builder streaming(boolean v) {
            streaming = v;
            return this;
        }

        /** @param v whether the client redacts @return this builder */
        public Builder redactionEnabled(boolean v) {
            redactionEnabled = v;
            return this;
        }

        /**
         * @return the start
         * @throws IllegalArgumentException naming the field when a value is missing or out of range
         */
        public CallStart build() {
            return new CallStart(this);
        }
    }
}
