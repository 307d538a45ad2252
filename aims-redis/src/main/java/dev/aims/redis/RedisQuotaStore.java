package dev.aims.redis;

import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreSpec;
import dev.aims.core.policy.QuotaStoreUnavailableException;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link QuotaStore} on Redis, so that every instance of a fleet counts against one budget and one rate limit.
 *
 * <pre>{@code
 * RedisQuotaStore fleet = RedisQuotaStore.builder()
 *         .uri("redis://10.0.0.7:6379")
 *         .onUnavailable(QuotaStoreSpec.OnUnavailable.DENY)   // the default: fail closed
 *         .timeout(Duration.ofMillis(50))                      // the default
 *         .build();
 * PolicyLoader loader = PolicyLoader.builder().quotaStore(fleet).build();
 * }</pre>
 * A policy file can name the store instead, {@code "store": {"type": "redis", "uri": …}}, for one rule or the whole
 * file: {@link RedisQuotaStoreProvider} creates it.
 *
 * <h2>One atomic step per operation</h2>
 * Each {@link #tryConsume}, {@link #charge} and {@link #refund} is one {@code EVALSHA} of a Lua script (loaded once
 * with {@code SCRIPT LOAD}, loaded again when a restarted server answers {@code NOSCRIPT}). Redis runs a script to
 * its end before any other command, so the check and the charge cannot be split by another instance: two instances
 * never both spend the last tokens. One round trip, one key per operation.
 *
 * <h2>Windows and clocks</h2>
 * <ul>
 *   <li>Fixed windows (a calendar day or month) are named by the caller: the key carries the window's start and
 *       end, so each window is a fresh counter, and it expires by TTL a minute after the window ends.</li>
 *   <li>Sliding windows are a hash of slice counters, refilling windows a token bucket in one string (the time at
 *       which the bucket is full again). Both run on the Redis server's clock ({@code TIME} inside the script), so
 *       every instance sees the same window whatever its own clock says. Results are translated back to the
 *       caller's clock with the offset measured on each reply, and so are the times {@link #charge} and
 *       {@link #refund} are given (a correction near a slice boundary may land in the next slice). Both expire by
 *       TTL once idle for their window.</li>
 *   <li>Counts are computed in the script in double precision: exact up to 2<sup>53</sup>.</li>
 * </ul>
 *
 * <h2>Keys</h2>
 * {@code PREFIX:{HASH}:SHAPE}, where {@code HASH} is a 128-bit SHA-256 prefix of the store key: Redis never sees
 * principal or tenant ids, and the braces make it the hash tag, so that a Redis Cluster keeps all of a counter's
 * keys on one shard. (This class connects to one server, or through Sentinel; it does not drive a cluster client.)
 *
 * <h2>When Redis is unreachable or slow</h2>
 * An operation waits at most {@link Builder#timeout(Duration) timeout} for its answer (default 50 ms). Then, per
 * {@link Builder#onUnavailable}: {@code DENY} (the default) throws {@link QuotaStoreUnavailableException}, which
 * budgets and rate limits turn into a denial with reason {@code quota_store_unavailable}; {@code FALLBACK} answers
 * from an in-process store and marks the result {@link Result#degraded() degraded}, which the rules record. While
 * the connection is down operations fail at once (no queueing); Lettuce reconnects within half a second of the
 * server's return, and counting goes back to Redis. Usage counted in the fallback meanwhile is not copied to Redis.
 * An operation that timed out after it was sent may still be counted by a slow server, though its caller was
 * refused or served from the fallback: a timeout errs on the side of the limit.
 *
 * <p>Thread-safe; {@link #close()} releases the connection and Lettuce's threads.
 */
public final class RedisQuotaStore implements QuotaStore, AutoCloseable {
    /** The key prefix when none is given. */
    public static final String DEFAULT_KEY_PREFIX = "aims";
    private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel",
            "redis-socket");

    private final String where;
    private final ScriptConnection redis;
    private final RedisKeys keys;
    private final QuotaStoreSpec.OnUnavailable onUnavailable;
    private final QuotaStore fallback;
    private final Duration timeout;
    /** Redis's clock minus the caller's, in microseconds, as last measured. */
    private volatile long offsetMicros;

    private RedisQuotaStore(Builder b) {
        this.where = b.where;
        this.timeout = b.timeout == null ? QuotaStoreSpec.DEFAULT_TIMEOUT : b.timeout;
        this.onUnavailable = b.onUnavailable == null ? QuotaStoreSpec.OnUnavailable.DENY : b.onUnavailable;
        this.fallback = b.fallback != null ? b.fallback
                : onUnavailable == QuotaStoreSpec.OnUnavailable.FALLBACK ? QuotaStore.inMemory() : null;
        this.keys = new RedisKeys(b.keyPrefix == null ? DEFAULT_KEY_PREFIX : b.keyPrefix);
        if (b.password != null) {
            b.uri.setAuthentication(b.password);
        }
        this.redis = new ScriptConnection(b.uri, where, timeout);
    }

    /** @return a new builder; the URI is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Result tryConsume(String key, long amount, long limit, Window window, Instant now) {
        check(key, amount, limit, window, now);
        List<Object> reply;
        try {
            reply = redis.run(keys.of(key, window), args(QuotaScript.CONSUME, window, amount, limit, "0"));
        } catch (QuotaStoreUnavailableException e) {
            if (fallback == null) {
                throw e;
            }
            Result r = fallback.tryConsume(key, amount, limit, window, now);
            return new Result(r.granted(), r.used(), limit, r.resetsAt(), true);
        }
        long serverNow = number(reply, 3);
        long offset = serverNow - micros(now);
        offsetMicros = offset;
        Instant resetsAt = window.kind() == Window.Kind.FIXED ? window.end() : instant(number(reply, 2) - offset);
        return new Result(number(reply, 0) == 1, number(reply, 1), limit, resetsAt, false);
    }

    @Override
    public void charge(String key, long amount, long limit, Window window, Instant at) {
        correct(QuotaScript.CHARGE, key, amount, limit, window, at);
    }

    @Override
    public void refund(String key, long amount, long limit, Window window, Instant at) {
        correct(QuotaScript.REFUND, key, amount, limit, window, at);
    }

    private void correct(String op, String key, long amount, long limit, Window window, Instant at) {
        check(key, amount, limit, window, at);
        if (amount == 0) {
            return;
        }
        try {
            redis.run(keys.of(key, window), args(op, window, amount, limit, Long.toString(micros(at) + offsetMicros)));
        } catch (QuotaStoreUnavailableException e) {
            if (fallback == null) {
                throw e;
            }
            if (op.equals(QuotaScript.CHARGE)) {
                fallback.charge(key, amount, limit, window, at);
            } else {
                fallback.refund(key, amount, limit, window, at);
            }
        }
    }

    /** @return what happens while Redis cannot answer in time */
    public QuotaStoreSpec.OnUnavailable onUnavailable() {
        return onUnavailable;
    }

    /** @return how long an operation waits for Redis */
    public Duration timeout() {
        return timeout;
    }

    /** Closes the connection and stops Lettuce's threads; later operations are unavailable. Idempotent. */
    @Override
    public void close() {
        redis.close();
    }

    @Override
    public String toString() {
        return "RedisQuotaStore{" + where + ", onUnavailable=" + onUnavailable.wireName() + ", timeout="
                + timeout.toMillis() + " ms}";
    }

    private static void check(String key, long amount, long limit, Window window, Instant t) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(t, "now");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0, but was " + amount);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, but was " + limit);
        }
    }

    /** @return the script's ARGV: operation, window kind, amount, limit, window size, slices, time corrected */
    private static String[] args(String op, Window window, long amount, long limit, String at) {
        String kind;
        long size;
        int slices = 0;
        switch (window.kind()) {
            case FIXED:
                kind = "F";
                size = window.end().toEpochMilli();
                break;
            case SLIDING:
                kind = "S";
                size = window.length().toMillis() / window.slices();
                slices = window.slices();
                break;
            default:
                kind = "R";
                size = window.length().toMillis();
                break;
        }
        return new String[] {op, kind, Long.toString(amount), Long.toString(limit), Long.toString(size),
            Integer.toString(slices), at};
    }

    private static long number(List<Object> reply, int i) {
        return ((Number) reply.get(i)).longValue();
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** @return {@code scheme://host:port} of a URI, or its sentinels or socket: never its credentials */
    static String where(RedisURI uri) {
        if (!uri.getSentinels().isEmpty()) {
            return "redis-sentinel://" + uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
                    .collect(Collectors.joining(",")) + " (master " + uri.getSentinelMasterId() + ")";
        }
        if (uri.getSocket() != null) {
            return "redis-socket://" + uri.getSocket();
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
    }

    /** Builds a {@link RedisQuotaStore}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
        private RedisURI uri;
        private String where;
        private CharSequence password;
        private Duration timeout;
        private QuotaStoreSpec.OnUnavailable onUnavailable;
        private QuotaStore fallback;
        private String keyPrefix;

        private Builder() {
        }

        /**
         * @param uri the server, e.g. {@code redis://10.0.0.7:6379/0}, {@code rediss://…} (TLS),
         *            {@code redis-sentinel://…}; it may carry credentials, which no message repeats
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if it is not a Redis URI
         * @throws IllegalStateException    if already set
         */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            if (this.uri != null) {
                throw new IllegalStateException("uri was already set to " + where);
            }
            int colon = uri.indexOf("://");
            String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("uri must start with redis://, rediss://, redis-sentinel:// or"
                        + " redis-socket://, but its scheme was \"" + (colon < 0 ? "" : scheme) + "\"");
            }
            RedisURI parsed;
            try {
                parsed = RedisURI.create(uri);
            } catch (RuntimeException e) {
                // Lettuce's message may quote the URI, password and all: say only what kind of URI it was.
                throw new IllegalArgumentException("uri is not a valid " + scheme + ":// URI (the value is not"
                        + " shown, as it may hold a password)");
            }
            this.uri = parsed;
            this.where = where(parsed);
            return this;
        }

        /**
         * @param password the server's password ({@code AUTH}), when the URI does not carry it
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder password(CharSequence password) {
            Objects.requireNonNull(password, "password");
            if (this.password != null) {
                throw new IllegalStateException("password was already set");
            }
            this.password = password;
            return this;
        }

        /**
         * @param timeout how long an operation waits for Redis before it counts as unavailable, 1 ms to 60 s;
         *                default 50 ms
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if already set
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1 || timeout.compareTo(QuotaStoreSpec.MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("timeout must be from 1 ms to "
                        + QuotaStoreSpec.MAX_TIMEOUT.toMillis() + " ms, but was " + timeout.toMillis() + " ms");
            }
            if (this.timeout != null) {
                throw new IllegalStateException("timeout was already set to " + this.timeout.toMillis() + " ms");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param onUnavailable {@code DENY} (the default): throw, so the rule fails closed; {@code FALLBACK}: count
         *                      in an in-process store meanwhile and mark results degraded
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder onUnavailable(QuotaStoreSpec.OnUnavailable onUnavailable) {
            Objects.requireNonNull(onUnavailable, "onUnavailable");
            if (this.onUnavailable != null) {
                throw new IllegalStateException("onUnavailable was already set to " + this.onUnavailable.wireName());
            }
            this.onUnavailable = onUnavailable;
            return this;
        }

        /**
         * @param fallback the store that answers while Redis cannot, with {@code FALLBACK}; default
         *                 {@link QuotaStore#inMemory()}
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder fallback(QuotaStore fallback) {
            Objects.requireNonNull(fallback, "fallback");
            if (this.fallback != null) {
                throw new IllegalStateException("fallback was already set to " + this.fallback);
            }
            this.fallback = fallback;
            return this;
        }

        /**
         * @param prefix the first part of every key, so that several applications can share one Redis: letters,
         *               digits, '.', '_', '-' and ':', up to 64; default {@value #DEFAULT_KEY_PREFIX}
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if malformed
         * @throws IllegalStateException    if already set
         */
        public Builder keyPrefix(String prefix) {
            Objects.requireNonNull(prefix, "keyPrefix");
            boolean ok = !prefix.isEmpty() && prefix.length() <= 64;
            for (int i = 0; ok && i < prefix.length(); i++) {
                char c = prefix.charAt(i);
                ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                        || c == '_' || c == '-' || c == ':';
            }
            if (!ok) {
                throw new IllegalArgumentException("keyPrefix must be 1 to 64 letters, digits, '.', '_', '-' or ':',"
                        + " but was \"" + prefix + "\"");
            }
            if (this.keyPrefix != null) {
                throw new IllegalStateException("keyPrefix was already set to " + this.keyPrefix);
            }
            this.keyPrefix = prefix;
            return this;
        }

        /**
         * Builds the store. It connects on first use, so it can be built while Redis is down.
         *
         * @return the store
         * @throws IllegalStateException if no URI was given, or a fallback was given with {@code DENY}
         */
        public RedisQuotaStore build() {
            if (uri == null) {
                throw new IllegalStateException("uri must be set");
            }
            if (fallback != null && onUnavailable != QuotaStoreSpec.OnUnavailable.FALLBACK) {
                throw new IllegalStateException("fallback is used only with onUnavailable FALLBACK, but"
                        + " onUnavailable is " + (onUnavailable == null ? "DENY (the default)" : onUnavailable));
            }
            return new RedisQuotaStore(this);
        }
    }
}
