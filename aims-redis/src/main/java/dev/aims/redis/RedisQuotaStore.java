package dev.aims.redis;

import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreSpec;
import dev.aims.core.policy.QuotaStoreUnavailableException;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link QuotaStore} on Redis, so that every instance of a fleet counts against one budget and one rate limit.
 *
 * <pre>{@code
 * RedisQuotaStore fleet = RedisQuotaStore.builder()
 *         .uri("redis://10.0.0.7:6379")        // or redis-cluster://10.0.0.7:6379,10.0.0.8:6379
 *         .onUnavailable(QuotaStoreSpec.OnUnavailable.DENY)   // the default: fail closed
 *         .timeout(Duration.ofMillis(50))                      // the default
 *         .build();
 * PolicyLoader loader = PolicyLoader.builder().quotaStore(fleet).build();
 * }</pre>
 * A policy file can name the store instead, {@code "store": {"type": "redis", "uri": …}}, for one rule or the whole
 * file: {@link RedisQuotaStoreProvider} creates it.
 *
 * <h2>One round trip per call</h2>
 * Every operation is one call of a Lua script ({@code EVALSHA}; loaded once with {@code SCRIPT LOAD}, its text sent
 * instead when a restarted server answers {@code NOSCRIPT}). Redis runs a script to its end before any other
 * command, so the check and the charge cannot be split by another instance: two instances never both spend the last
 * tokens. {@link #tryConsumeAll} checks every counter of a governed call — its budgets and rate limits — in one
 * script and charges them all or none; {@link #correctAll} corrects them after the call in one more, when the call
 * used other than its estimate.
 *
 * <h2>Redis Cluster</h2>
 * With a {@code redis-cluster://host:port[,host:port…]} URI ({@code rediss-cluster://} for TLS) the store uses
 * Lettuce's cluster client, which finds the shards from any of the nodes named and follows failovers and moved
 * slots. A counter's key carries its subject's hash tag (see Keys), so the counters one call touches for one
 * principal share a slot and change in one script call; a call that also touches a tenant's budget sends one
 * script call per slot, all at once: still one round trip. Then all-or-nothing holds in two steps: each slot's
 * counters are checked and charged atomically, and when one slot refuses, what the others charged is given back
 * at once (a concurrent caller may meanwhile see those tokens taken, which errs on the side of the limit).
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
 * {@code PREFIX:{SUBJECT}:KEY:SHAPE}, where {@code SUBJECT} and {@code KEY} are 128-bit SHA-256 prefixes of the
 * subject and the store key ({@code PREFIX:{KEY}:SHAPE} for a counter asked for on its own): Redis never sees
 * principal or tenant ids, and the braces make the subject's hash the hash tag.
 *
 * <h2>When Redis is unreachable or slow</h2>
 * An operation waits at most {@link Builder#timeout(Duration) timeout} for its answer (default 50 ms). Then, per
 * {@link Builder#onUnavailable}: {@code DENY} (the default) throws {@link QuotaStoreUnavailableException}, which
 * budgets and rate limits turn into a denial with reason {@code quota_store_unavailable}; {@code FALLBACK} answers
 * from an in-process store and marks the result {@link Result#degraded() degraded}, which the rules record. While
 * the connection is down operations fail at once (no queueing); Lettuce reconnects within half a second of the
 * server's return, and counting goes back to Redis. Usage counted in the fallback meanwhile is not copied to Redis.
 * A command in flight when the connection drops is never sent twice, so nothing is counted twice; one that timed
 * out after it was sent may still be counted by a slow server, though its caller was refused or served from the
 * fallback: a timeout errs on the side of the limit.
 *
 * <p>Thread-safe; {@link #close()} releases the connection and Lettuce's threads.
 */
public final class RedisQuotaStore implements QuotaStore, AutoCloseable {
    /** The key prefix when none is given. */
    public static final String DEFAULT_KEY_PREFIX = "aims";
    private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel",
            "redis-socket", "redis-cluster", "rediss-cluster");
    private static final Logger LOG = LoggerFactory.getLogger(RedisQuotaStore.class);

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
        if (b.seeds != null) {
            List<RedisURI> seeds = b.seeds;
            if (b.password != null) {
                seeds.forEach(u -> u.setAuthentication(b.password));
            }
            this.redis = new ScriptConnection((resources, connect) -> new ClusterBackend(seeds, resources, connect),
                    where, timeout);
        } else {
            RedisURI uri = b.uri;
            if (b.password != null) {
                uri.setAuthentication(b.password);
            }
            this.redis = new ScriptConnection((resources, connect) -> new NodeBackend(uri, resources, connect),
                    where, timeout);
        }
    }

    /** @return a new builder; the URI is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Result tryConsume(String key, long amount, long limit, Window window, Instant now) {
        check(key, amount, limit, window, now);
        return tryConsumeAll(List.of(Consumption.of(key, amount, limit, window)), now).get(0);
    }

    @Override
    public void charge(String key, long amount, long limit, Window window, Instant at) {
        check(key, amount, limit, window, at);
        if (amount > 0) {
            correctAll(List.of(Consumption.of(key, amount, limit, window).corrected(amount, at)));
        }
    }

    @Override
    public void refund(String key, long amount, long limit, Window window, Instant at) {
        check(key, amount, limit, window, at);
        if (amount > 0) {
            correctAll(List.of(Consumption.of(key, amount, limit, window).corrected(-amount, at)));
        }
    }

    /**
     * Checks and charges every counter in one script call per cluster slot (one in all on a single server), all
     * sent at once.
     *
     * @throws IllegalArgumentException       if a key appears twice
     * @throws NullPointerException           if an argument or an element is null
     * @throws QuotaStoreUnavailableException if Redis does not answer in time and there is no fallback
     */
    @Override
    public List<Result> tryConsumeAll(List<Consumption> consumptions, Instant now) {
        Objects.requireNonNull(consumptions, "consumptions");
        Objects.requireNonNull(now, "now");
        int n = consumptions.size();
        String[] redisKeys = new String[n];
        String[][] fields = new String[n][];
        Set<String> seen = n > 1 ? new HashSet<>() : null;
        for (int i = 0; i < n; i++) {
            Consumption c = Objects.requireNonNull(consumptions.get(i), "consumption");
            if (seen != null && !seen.add(c.key())) {
                throw new IllegalArgumentException("consumptions must name each key once, but consumption " + i
                        + " repeats the key of an earlier one");
            }
            redisKeys[i] = keys.of(c.subject(), c.key(), c.window());
            fields[i] = ScriptCalls.fields(QuotaScript.CONSUME, c.window(), c.amount(), c.limit(), 0);
        }
        if (n == 0) {
            return List.of();
        }
        ScriptCalls calls = ScriptCalls.of(redisKeys, fields, redis);
        Object[] replies;
        try {
            replies = redis.run(calls.keys, calls.args);
        } catch (QuotaStoreUnavailableException e) {
            return fallBack(consumptions, now, e);
        }
        boolean[] granted = new boolean[n];
        long[] used = new long[n];
        long[] resets = new long[n];
        long[] serverNow = new long[calls.groups.length];
        boolean[] charged = new boolean[calls.groups.length];
        QuotaStoreUnavailableException failed = null;
        boolean all = true;
        long offset = offsetMicros;
        boolean measured = false;
        for (int g = 0; g < calls.groups.length; g++) {
            if (replies[g] instanceof QuotaStoreUnavailableException) {
                failed = (QuotaStoreUnavailableException) replies[g];
                all = false;
                continue;
            }
            List<?> reply = (List<?>) replies[g];
            serverNow[g] = ScriptCalls.number(reply, 0);
            if (!measured) {
                offset = serverNow[g] - micros(now);
                measured = true;
            }
            boolean group = true;
            for (int j = 0; j < calls.groups[g].length; j++) {
                int i = calls.groups[g][j];
                granted[i] = ScriptCalls.number(reply, 1 + 3 * j) == 1;
                used[i] = ScriptCalls.number(reply, 2 + 3 * j);
                resets[i] = ScriptCalls.number(reply, 3 + 3 * j);
                group &= granted[i];
            }
            charged[g] = group;
            all &= group;
        }
        if (measured) {
            offsetMicros = offset;
        }
        if (!all && calls.groups.length > 1) {
            giveBack(consumptions, calls, charged, serverNow, used);
        }
        if (failed != null) {
            return fallBack(consumptions, now, failed);
        }
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Consumption c = consumptions.get(i);
            Instant resetsAt = c.window().kind() == Window.Kind.FIXED ? c.window().end()
                    : instant(resets[i] - offset);
            results.add(new Result(granted[i], used[i], c.limit(), resetsAt, false));
        }
        return results;
    }

    /**
     * Gives back what the slots that had room charged, when another slot refused (or failed): one more round trip,
     * on the rare path. A give-back that fails leaves the tokens counted, which errs on the side of the limit.
     */
    private void giveBack(List<Consumption> consumptions, ScriptCalls calls, boolean[] charged, long[] serverNow,
            long[] used) {
        List<String[]> keys = new ArrayList<>();
        List<String[]> args = new ArrayList<>();
        for (int g = 0; g < calls.groups.length; g++) {
            if (!charged[g]) {
                continue;
            }
            String[] a = new String[calls.args[g].length];
            for (int j = 0; j < calls.groups[g].length; j++) {
                Consumption c = consumptions.get(calls.groups[g][j]);
                System.arraycopy(ScriptCalls.fields(QuotaScript.REFUND, c.window(), c.amount(), c.limit(),
                        serverNow[g]), 0, a, j * ScriptCalls.FIELDS, ScriptCalls.FIELDS);
                used[calls.groups[g][j]] = Math.max(0, used[calls.groups[g][j]] - c.amount());
            }
            keys.add(calls.keys[g]);
            args.add(a);
        }
        if (keys.isEmpty()) {
            return;
        }
        try {
            for (Object reply : redis.run(keys.toArray(new String[0][]), args.toArray(new String[0][]))) {
                if (reply instanceof QuotaStoreUnavailableException) {
                    LOG.warn("AIMS quota store {}: what one slot charged for a refused call stays counted: {}", where,
                            ((QuotaStoreUnavailableException) reply).getMessage());
                }
            }
        } catch (QuotaStoreUnavailableException e) {
            LOG.warn("AIMS quota store {}: what one slot charged for a refused call stays counted: {}", where,
                    e.getMessage());
        }
    }

    private List<Result> fallBack(List<Consumption> consumptions, Instant now, QuotaStoreUnavailableException e) {
        if (fallback == null) {
            throw e;
        }
        List<Result> answered = fallback.tryConsumeAll(consumptions, now);
        List<Result> degraded = new ArrayList<>(answered.size());
        for (int i = 0; i < answered.size(); i++) {
            Result r = answered.get(i);
            degraded.add(new Result(r.granted(), r.used(), consumptions.get(i).limit(), r.resetsAt(), true));
        }
        return degraded;
    }

    /**
     * Applies every correction in one script call per cluster slot, all sent at once; the times are translated to
     * the server's clock with the offset last measured.
     *
     * @throws NullPointerException           if the list or an element is null
     * @throws QuotaStoreUnavailableException if Redis does not answer in time for some and there is no fallback
     */
    @Override
    public void correctAll(List<Correction> corrections) {
        Objects.requireNonNull(corrections, "corrections");
        List<Correction> applied = new ArrayList<>(corrections.size());
        for (Correction c : corrections) {
            if (Objects.requireNonNull(c, "correction").amount() != 0) {
                applied.add(c);
            }
        }
        if (applied.isEmpty()) {
            return;
        }
        int n = applied.size();
        String[] redisKeys = new String[n];
        String[][] fields = new String[n][];
        long offset = offsetMicros;
        for (int i = 0; i < n; i++) {
            Correction c = applied.get(i);
            redisKeys[i] = keys.of(c.subject(), c.key(), c.window());
            fields[i] = ScriptCalls.fields(c.amount() > 0 ? QuotaScript.CHARGE : QuotaScript.REFUND, c.window(),
                    c.amount() > 0 ? c.amount() : Math.negateExact(c.amount()), c.limit(), micros(c.at()) + offset);
        }
        ScriptCalls calls = ScriptCalls.of(redisKeys, fields, redis);
        Object[] replies;
        try {
            replies = redis.run(calls.keys, calls.args);
        } catch (QuotaStoreUnavailableException e) {
            if (fallback == null) {
                throw e;
            }
            fallback.correctAll(applied);
            return;
        }
        List<Correction> missed = new ArrayList<>();
        QuotaStoreUnavailableException failed = null;
        for (int g = 0; g < calls.groups.length; g++) {
            if (replies[g] instanceof QuotaStoreUnavailableException) {
                failed = (QuotaStoreUnavailableException) replies[g];
                for (int i : calls.groups[g]) {
                    missed.add(applied.get(i));
                }
            }
        }
        if (failed != null) {
            if (fallback == null) {
                throw failed;
            }
            fallback.correctAll(missed);
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
        private List<RedisURI> seeds;
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
         *            {@code redis-sentinel://…}, or a cluster, {@code redis-cluster://10.0.0.7:6379,10.0.0.8:6379}
         *            (any of its nodes; {@code rediss-cluster://} for TLS, credentials before the first host); it
         *            may carry credentials, which no message repeats
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if it is not a Redis URI
         * @throws IllegalStateException    if already set
         */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            if (this.where != null) {
                throw new IllegalStateException("uri was already set to " + where);
            }
            int colon = uri.indexOf("://");
            String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("uri must start with redis://, rediss://, redis-sentinel://,"
                        + " redis-socket:// or redis-cluster://, but its scheme was \"" + (colon < 0 ? "" : scheme)
                        + "\"");
            }
            if (scheme.endsWith("-cluster")) {
                this.seeds = seeds(scheme, uri.substring(colon + 3));
                this.where = scheme + "://" + seeds.stream().map(s -> s.getHost() + ":" + s.getPort())
                        .collect(Collectors.joining(","));
                return this;
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

        /** @return the nodes of {@code [user:password@]host:port[,host:port…]}, each with the credentials */
        private static List<RedisURI> seeds(String scheme, String rest) {
            int at = rest.lastIndexOf('@');
            String credentials = at < 0 ? "" : rest.substring(0, at + 1);
            String hosts = rest.substring(at + 1);
            if (hosts.endsWith("/")) {
                hosts = hosts.substring(0, hosts.length() - 1);
            }
            String node = scheme.startsWith("rediss") ? "rediss://" : "redis://";
            List<RedisURI> seeds = new ArrayList<>();
            boolean ok = !hosts.isEmpty() && hosts.indexOf('/') < 0 && hosts.indexOf('?') < 0;
            for (String host : ok ? hosts.split(",", -1) : new String[0]) {
                try {
                    ok = host.lastIndexOf(':') > 0 && !host.contains("@");
                    RedisURI u = ok ? RedisURI.create(node + credentials + host) : null;
                    ok = ok && u.getPort() > 0;
                    if (ok) {
                        seeds.add(u);
                    }
                } catch (RuntimeException e) {
                    ok = false;
                }
                if (!ok) {
                    break;
                }
            }
            if (!ok) {
                // Say what is wrong without the value, which may hold a password.
                throw new IllegalArgumentException("uri is not a valid " + scheme + ":// URI: it must name one or"
                        + " more nodes as host:port, separated by commas, with no database or options (the value is"
                        + " not shown, as it may hold a password)");
            }
            return seeds;
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
            if (where == null) {
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
