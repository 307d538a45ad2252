package dev.aims.core.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a shared {@link QuotaStore}, as a policy file gives them for a rule or for the whole file:
 * <pre>{@code
 * "store": {"type": "redis", "uri": "redis://10.0.0.7:6379", "onUnavailable": "deny", "timeoutMillis": 50,
 *           "passwordEnv": "AIMS_REDIS_PASSWORD"}
 * }</pre>
 * A {@link QuotaStoreProvider} of the type turns them into a store. The URI may not carry credentials, because
 * policy files are reviewed, versioned and hashed: a password is read from the environment variable
 * {@code passwordEnv} names. Immutable; equal settings are one store.
 */
public final class QuotaStoreSpec {
    /** What budgets and rate limits do while the store cannot answer within its timeout. */
    public enum OnUnavailable {
        /** Fail closed: the rule denies the call with reason {@code quota_store_unavailable}. The default. */
        DENY("deny"),
        /** Count in this instance's in-process store meanwhile; the rule records the degradation. */
        FALLBACK("fallback");

        private final String wireName;

        OnUnavailable(String wireName) {
            this.wireName = wireName;
        }

        /** @return the name a policy file uses, {@code deny} or {@code fallback} */
        public String wireName() {
            return wireName;
        }
    }

    /** The timeout when none is given: well under a model call, well over a loopback or in-zone round trip. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    /** The longest timeout accepted. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private static final String CREDENTIALS = "must not carry credentials (the value is not shown): a policy file is"
            + " reviewed and hashed; put the password in an environment variable and name it in passwordEnv";

    private final String type;
    private final String uri;
    private final OnUnavailable onUnavailable;
    private final Duration timeout;
    private final String passwordEnv;

    private QuotaStoreSpec(Builder b) {
        this.type = b.type;
        this.uri = b.uri;
        this.onUnavailable = b.onUnavailable == null ? OnUnavailable.DENY : b.onUnavailable;
        this.timeout = b.timeout == null ? DEFAULT_TIMEOUT : b.timeout;
        this.passwordEnv = b.passwordEnv;
    }

    /**
     * @param type the store type, e.g. {@code redis}: lower-case letters, digits and '-'
     * @param uri  where the store is, without credentials
     * @return a builder
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the type or URI is malformed, or the URI carries credentials
     */
    public static Builder builder(String type, String uri) {
        return new Builder(type, uri);
    }

    /** @return the store type */
    public String type() {
        return type;
    }

    /** @return the URI, without credentials */
    public String uri() {
        return uri;
    }

    /** @return what happens while the store is unavailable; {@link OnUnavailable#DENY} by default */
    public OnUnavailable onUnavailable() {
        return onUnavailable;
    }

    /** @return how long an operation may wait for the store; {@link #DEFAULT_TIMEOUT} by default */
    public Duration timeout() {
        return timeout;
    }

    /** @return the name of the environment variable holding the store's password, if it needs one */
    public Optional<String> passwordEnv() {
        return Optional.ofNullable(passwordEnv);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QuotaStoreSpec)) {
            return false;
        }
        QuotaStoreSpec s = (QuotaStoreSpec) o;
        return type.equals(s.type) && uri.equals(s.uri) && onUnavailable == s.onUnavailable
                && timeout.equals(s.timeout) && Objects.equals(passwordEnv, s.passwordEnv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, uri, onUnavailable, timeout, passwordEnv);
    }

    @Override
    public String toString() {
        return type + " " + uri + " (on unavailable: " + onUnavailable.wireName + ", timeout " + timeout.toMillis()
                + " ms" + (passwordEnv == null ? "" : ", password from $" + passwordEnv) + ")";
    }

    /** @return why the type is not acceptable, or null */
    static String checkType(String type) {
        boolean ok = !type.isEmpty() && type.length() <= 40 && type.charAt(0) >= 'a' && type.charAt(0) <= 'z';
        for (int i = 0; ok && i < type.length(); i++) {
            char c = type.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }
        return ok ? null : "must be up to 40 lower-case letters, digits or '-', starting with a letter, but was "
                + Fields.show(type);
    }

    /** @return why the URI is not acceptable, or null; a URI with credentials is never echoed */
    static String checkUri(String uri) {
        // Checked on the raw text first, so that no later message can echo a password.
        if (uri.indexOf('@') >= 0) {
            return CREDENTIALS;
        }
        if (uri.toLowerCase(Locale.ROOT).contains("password")) {
            return "must not carry a password parameter (the value is not shown); name an environment variable in"
                    + " passwordEnv instead";
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return "must be a URI such as redis://127.0.0.1:6379, but was " + Fields.show(uri) + " ("
                    + e.getReason() + ")";
        }
        if (parsed.getRawUserInfo() != null) {
            return CREDENTIALS;
        }
        if (parsed.getScheme() == null) {
            return "must have a scheme, such as redis://127.0.0.1:6379, but was " + Fields.show(uri);
        }
        return null;
    }

    /** @return why the timeout is not acceptable, or null */
    static String checkTimeout(Duration timeout) {
        if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            return "must be from 1 ms to " + MAX_TIMEOUT.toMillis() + " ms, but was " + timeout.toMillis() + " ms";
        }
        return null;
    }

    /** @return why the variable name is not acceptable, or null */
    static String checkPasswordEnv(String name) {
        boolean ok = !name.isEmpty() && name.length() <= 100 && !Character.isDigit(name.charAt(0));
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        return ok ? null : "must be an environment variable name (letters, digits, '_', not starting with a digit),"
                + " but was " + Fields.show(name);
    }

    /** Builds a {@link QuotaStoreSpec}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private final String uri;
        private OnUnavailable onUnavailable;
        private Duration timeout;
        private String passwordEnv;

        private Builder(String type, String uri) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(uri, "uri");
            require("type", checkType(type));
            require("uri", checkUri(uri));
            this.type = type;
            this.uri = uri;
        }

        /**
         * @param onUnavailable deny (fail closed, the default) or fall back to the in-process store
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder onUnavailable(OnUnavailable onUnavailable) {
            Objects.requireNonNull(onUnavailable, "onUnavailable");
            if (this.onUnavailable != null) {
                throw new IllegalStateException("onUnavailable was already set to " + this.onUnavailable.wireName);
            }
            this.onUnavailable = onUnavailable;
            return this;
        }

        /**
         * @param timeout how long an operation may wait for the store, from 1 ms to 60 s; default 50 ms
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if already set
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            require("timeout", checkTimeout(timeout));
            if (this.timeout != null) {
                throw new IllegalStateException("timeout was already set to " + this.timeout.toMillis() + " ms");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param name the environment variable holding the store's password
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if it is not a variable name
         * @throws IllegalStateException    if already set
         */
        public Builder passwordEnv(String name) {
            Objects.requireNonNull(name, "passwordEnv");
            require("passwordEnv", checkPasswordEnv(name));
            if (this.passwordEnv != null) {
                throw new IllegalStateException("passwordEnv was already set to " + this.passwordEnv);
            }
            this.passwordEnv = name;
            return this;
        }

        /** @return the spec */
        public QuotaStoreSpec build() {
            return new QuotaStoreSpec(this);
        }

        private static void require(String field, String problem) {
            if (problem != null) {
                throw new IllegalArgumentException(field + " " + problem);
            }
        }
    }
}
