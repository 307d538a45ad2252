package dev.aims.redis;

import dev.aims.core.policy.QuotaStoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce connection to the Redis server, opened on first use, that runs the quota script within a deadline.
 *
 * <ul>
 *   <li>Opening starts at construction, in the background, and never fails it: a store can be created while Redis
 *       is down, and an operation waits for a connection no longer than its own timeout. A failed attempt is
 *       retried at most every {@value #RETRY_MILLIS} ms, by the next operation; meanwhile operations fail at
 *       once.</li>
 *   <li>Once open, Lettuce reconnects by itself (after 10 ms, doubling up to {@value #RETRY_MILLIS} ms) and, while
 *       disconnected, rejects commands instead of queueing them, so an outage costs no waiting.</li>
 *   <li>The script is put in the server's cache once ({@code SCRIPT LOAD}) and run by its hash ({@code EVALSHA});
 *       a server that lost it (a restart, {@code SCRIPT FLUSH}) answers {@code NOSCRIPT}, and it is loaded again.
 *       </li>
 *   <li>A command that misses its deadline is cancelled, which keeps Lettuce from sending it after a reconnect:
 *       the caller has already been answered (denied, or served from the fallback). One that had already been sent
 *       may still run when a slow server gets to it: it then counts although the caller was refused, which errs on
 *       the side of the limit.</li>
 * </ul>
 * Thread-safe: Lettuce pipelines the commands of all threads over the one connection.
 */
final class ScriptConnection implements AutoCloseable {
    static final long RETRY_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(RedisQuotaStore.class);

    private final RedisURI uri;
    private final String where;
    private final long timeoutNanos;
    private final ClientResources resources;
    private final RedisClient client;
    private final Object lock = new Object();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private CompletableFuture<StatefulRedisConnection<String, String>> connecting;
    private long attemptedAt;
    private volatile String lastFailure = "no answer yet";
    private volatile boolean closed;

    ScriptConnection(RedisURI uri, String where, Duration timeout) {
        this.uri = uri;
        this.where = where;
        this.timeoutNanos = timeout.toNanos();
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(RETRY_MILLIS), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        Duration connectTimeout = timeout.compareTo(Duration.ofSeconds(1)) > 0 ? timeout : Duration.ofSeconds(1);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .build());
        // Connect now, in the background, so that the first call does not wait for Netty to start.
        synchronized (lock) {
            attempt();
        }
    }

    /**
     * Runs the quota script on one key.
     *
     * @return the script's reply, four integers
     * @throws QuotaStoreUnavailableException if Redis cannot be reached, refuses, or does not answer in time
     */
    List<Object> run(String key, String... args) {
        long deadline = System.nanoTime() + timeoutNanos;
        StatefulRedisConnection<String, String> c = connection(deadline);
        String[] keys = {key};
        try {
            List<Object> reply = await(c.async().evalsha(QuotaScript.SHA, ScriptOutputType.MULTI, keys, args),
                    deadline);
            recovered();
            return reply;
        } catch (NoScript e) {
            LOG.info("AIMS quota store {}: the server lost the quota script (restarted?); loading it again", where);
            loadScript(c, deadline);
            List<Object> reply = await(c.async().evalsha(QuotaScript.SHA, ScriptOutputType.MULTI, keys, args),
                    deadline);
            recovered();
            return reply;
        }
    }

    private void loadScript(StatefulRedisConnection<String, String> c, long deadline) {
        String sha = await(c.async().scriptLoad(QuotaScript.TEXT), deadline);
        if (!QuotaScript.SHA.equals(sha)) {
            throw unavailable("answered SCRIPT LOAD with the hash " + sha + " instead of " + QuotaScript.SHA, null);
        }
    }

    private StatefulRedisConnection<String, String> connection(long deadline) {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt;
        synchronized (lock) {
            if (closed) {
                throw unavailable("is closed", null);
            }
            if (connection != null) {
                return connection;
            }
            if (connecting != null && connecting.isCompletedExceptionally()) {
                connecting = null;
            }
            if (connecting == null) {
                if (System.nanoTime() - attemptedAt < TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS)) {
                    throw unavailable("is not connected (the last attempt, less than " + RETRY_MILLIS
                            + " ms ago, failed: " + lastFailure + ")", null);
                }
                attempt();
            }
            attempt = connecting;
        }
        c = await(attempt, deadline);
        synchronized (lock) {
            if (closed) {
                c.closeAsync();
                throw unavailable("is closed", null);
            }
            if (connecting == attempt) {
                connecting = null;
            }
            if (connection == null) {
                connection = c;
                LOG.info("AIMS quota store connected to {}", where);
            }
            return connection;
        }
    }

    /** Starts connecting in the background; the caller holds the lock. */
    private void attempt() {
        attemptedAt = System.nanoTime();
        CompletableFuture<StatefulRedisConnection<String, String>> f = open();
        f.whenComplete((c, failure) -> {
            if (failure != null) {
                lastFailure = describe(failure);
            }
        });
        connecting = f;
    }

    /** Connects and loads the script, in the background. */
    private CompletableFuture<StatefulRedisConnection<String, String>> open() {
        CompletableFuture<StatefulRedisConnection<String, String>> opened =
                client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        return opened.thenCompose(c -> c.async().scriptLoad(QuotaScript.TEXT).toCompletableFuture()
                .handle((sha, failure) -> {
                    if (failure != null || !QuotaScript.SHA.equals(sha)) {
                        c.closeAsync();
                        throw new IllegalStateException(failure != null ? "SCRIPT LOAD failed: "
                                + describe(failure) : "SCRIPT LOAD answered " + sha + " for " + QuotaScript.SHA);
                    }
                    return c;
                }));
    }

    private <T> T await(Future<T> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // A command still waiting is cancelled so that a reconnect does not send it after we answered.
            f.cancel(true);
            throw unavailable("did not answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RedisNoScriptException) {
                throw new NoScript();
            }
            throw unavailable("failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw unavailable("was not asked: the calling thread was interrupted", e);
        } catch (java.util.concurrent.CancellationException e) {
            throw unavailable("did not answer: the command was cancelled", e);
        }
    }

    private QuotaStoreUnavailableException unavailable(String what, Throwable cause) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("AIMS quota store {} unavailable: Redis {}", where, what);
        }
        return new QuotaStoreUnavailableException("quota store unavailable: Redis at " + where + " " + what, cause);
    }

    private void recovered() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            LOG.info("AIMS quota store {} available again", where);
        }
    }

    /**
     * @return the failure in one line: its type and message, and its root cause's when there is one (a refused
     *         handshake says why only there), bounded; Redis errors never echo a password
     */
    static String describe(Throwable t) {
        if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String s = oneLine(t) + (root == t ? "" : " (" + oneLine(root) + ")");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' ').replace('\r', ' '));
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c;
        CompletableFuture<StatefulRedisConnection<String, String>> attempt;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
            attempt = connecting;
            connection = null;
            connecting = null;
        }
        if (c != null) {
            c.close();
        }
        if (attempt != null) {
            attempt.thenAccept(StatefulRedisConnection::closeAsync);
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("AIMS quota store {}: Lettuce's threads did not stop: {}", where, describe(e));
        }
    }

    /** The server does not hold the script: load it and run again. */
    private static final class NoScript extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoScript() {
            super(null, null, false, false);
        }
    }
}
