package dev.aims.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a call, for which AI system, for what purpose, and from what it descends: principal (the end user),
 * tenant (team), AI-system id (as registered in the inventory), purpose (intended use), session id, parent call id
 * and source ids (documents or tools whose content went into the prompt), and free labels.
 *
 * <p>Pass it per call, or bind it for a block on the current thread:
 * <pre>{@code
 * try (CallContext.Scope s = CallContext.bind(ctx)) {
 *     client.call(request);            // sees ctx
 * }
 * }</pre>
 * Immutable and thread-safe; scopes are per thread and must be closed in reverse order of opening.
 * {@link #toString()} prints no value an application gave — not the principal, the tenant, the system id, the
 * purpose, the session, parent call or source ids, nor a label's value — only their sizes and the labels' keys:
 * whatever an application put there (an e-mail address as tenant, a customer's name in a system id) stays out of
 * every log line that prints a context or a record.
 */
public final class CallContext {
    /** The context of a call about which nothing is known. */
    public static final CallContext EMPTY = builder().build();

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private final String principal;
    private final String tenant;
    private final String systemId;
    private final String purpose;
    private final String sessionId;
    private final String parentCallId;
    private final List<String> sourceIds;
    private final Map<String, String> labels;

    private CallContext(Builder b) {
        this.principal = optional(b.principal, "principal");
        this.tenant = optional(b.tenant, "tenant");
        this.systemId = optional(b.systemId, "systemId");
        this.purpose = optional(b.purpose, "purpose");
        this.sessionId = optional(b.sessionId, "sessionId");
        this.parentCallId = optional(b.parentCallId, "parentCallId");
        this.sourceIds = Require.listOf(b.sourceIds, "sourceIds");
        this.labels = Require.mapOf(b.labels, "labels");
    }

    private static String optional(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + " must be null or non-blank, but was '" + value + "'");
        }
        return value;
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this context's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.principal = principal;
        b.tenant = tenant;
        b.systemId = systemId;
        b.purpose = purpose;
        b.sessionId = sessionId;
        b.parentCallId = parentCallId;
        b.sourceIds.addAll(sourceIds);
        b.labels.putAll(labels);
        return b;
    }

    /**
     * Binds a context to the current thread until the returned scope is closed.
     *
     * @param context the context
     * @return the scope; close it on the same thread, in try-with-resources
     */
    public static Scope bind(CallContext context) {
        Objects.requireNonNull(context, "context");
        CallContext previous = CURRENT.get();
        CURRENT.set(context);
        return new Scope(context, previous, Thread.currentThread());
    }

    /** @return the context bound to this thread, or {@link #EMPTY} */
    public static CallContext current() {
        CallContext c = CURRENT.get();
        return c == null ? EMPTY : c;
    }

    /** @return the end user's id */
    public Optional<String> principal() {
        return Optional.ofNullable(principal);
    }

    /** @return the tenant or team */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** @return the AI system's id in the inventory */
    public Optional<String> systemId() {
        return Optional.ofNullable(systemId);
    }

    /** @return the declared purpose (intended use) */
    public Optional<String> purpose() {
        return Optional.ofNullable(purpose);
    }

    /** @return the conversation or session id */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** @return the id of the call this one continues (a tool loop, an agent step) */
    public Optional<String> parentCallId() {
        return Optional.ofNullable(parentCallId);
    }

    /** @return ids of the documents or tools whose content went into the prompt */
    public List<String> sourceIds() {
        return sourceIds;
    }

    /** @return free labels */
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CallContext)) {
            return false;
        }
        CallContext c = (CallContext) o;
        return Objects.equals(principal, c.principal) && Objects.equals(tenant, c.tenant)
                && Objects.equals(systemId, c.systemId) && Objects.equals(purpose, c.purpose)
                && Objects.equals(sessionId, c.sessionId) && Objects.equals(parentCallId, c.parentCallId)
                && sourceIds.equals(c.sourceIds) && labels.equals(c.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principal, tenant, systemId, purpose, sessionId, parentCallId, sourceIds, labels);
    }

    @Override
    public String toString() {
        // Sizes only: an application that logs a context (or a record) must not log who, for whom or what for,
        // and even fields meant as identifiers (tenant, system id, parent call id) are filled with anything.
        return "CallContext{principal=" + size(principal) + ", tenant=" + size(tenant) + ", systemId="
                + size(systemId) + ", purpose=" + size(purpose) + ", sessionId=" + size(sessionId)
                + ", parentCallId=" + size(parentCallId) + ", sourceIds=" + sourceIds.size() + ", labels="
                + labels.keySet() + "}";
    }

    private static String size(String value) {
        return value == null ? "null" : "<" + value.length() + " chars>";
    }

    /** A binding of a context to a thread; closing it restores what was bound before. */
    public static final class Scope implements AutoCloseable {
        private final CallContext context;
        private final CallContext previous;
        private final Thread owner;
        private boolean closed;

        private Scope(CallContext context, CallContext previous, Thread owner) {
            this.context = context;
            this.previous = previous;
            this.owner = owner;
        }

        /**
         * Restores the previously bound context.
         *
         * @throws IllegalStateException if closed on another thread or out of order
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("CallContext scope must be closed on the thread that bound it ("
                        + owner.getName() + "), not " + Thread.currentThread().getName());
            }
            if (CURRENT.get() != context) {
                throw new IllegalStateException("CallContext scopes must be closed in reverse order of binding");
            }
            closed = true;
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Builds a {@link CallContext}; every field is optional. Not thread-safe. */
    public static final class Builder {
        private String principal;
        private String tenant;
        private String systemId;
        private String purpose;
        private String sessionId;
        private String parentCallId;
        private final List<String> sourceIds = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param principal the end user's id @return this builder */
        public Builder principal(String principal) {
            this.principal = principal;
            return this;
        }

        /** @param tenant the tenant or team @return this builder */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** @param systemId the AI system's inventory id @return this builder */
        public Builder systemId(String systemId) {
            this.systemId = systemId;
            return this;
        }

        /** @param purpose the intended use this call serves @return this builder */
        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        /** @param sessionId the conversation id @return this builder */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** @param parentCallId the call this one continues @return this builder */
        public Builder parentCallId(String parentCallId) {
            this.parentCallId = parentCallId;
            return this;
        }

        /** @param sourceId a document or tool id whose content is in the prompt @return this builder */
        public Builder sourceId(String sourceId) {
            sourceIds.add(Require.nonBlank(sourceId, "sourceIds[" + sourceIds.size() + "]"));
            return this;
        }

        /** @param sourceIds replaces the source ids @return this builder */
        public Builder sourceIds(List<String> sourceIds) {
            this.sourceIds.clear();
            this.sourceIds.addAll(Require.nonNull(sourceIds, "sourceIds"));
            return this;
        }

        /** @param key a label's name @param value its value @return this builder */
        public Builder label(String key, String value) {
            labels.put(Require.nonBlank(key, "labels key"), Require.nonNull(value, "labels['" + key + "']"));
            return this;
        }

        /**
         * @return the context
         * @throws IllegalArgumentException naming the field when a value is blank
         */
        public CallContext build() {
            return new CallContext(this);
        }
    }
}
