package dev.aims.redis;

import dev.aims.core.policy.QuotaStoreUnavailableException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
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
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce connection to Redis (a server, or a cluster through the cluster client), opened on first use, that
 * runs the quota script within a deadline.
 *
 * <ul>
 *   <li>Opening starts at construction, in the background, and never fails it: a store can be created while Redis
 *       is down, and an operation waits for a connection no longer than its own timeout. A failed attempt is
 *       retried at most every {@value #RETRY_MILLIS} ms, by the next operation; meanwhile operations fail at
 *       once.</li>
 *   <li>Once open, Lettuce reconnects by itself (after 10 ms, doubling up to {@value #RETRY_MILLIS} ms) and, while
 *       disconnected, rejects commands instead of queueing them, so an outage costs no waiting; a command in
 *       flight when the connection drops fails rather than being sent again, so none runs twice.</li>
 *   <li>The script is put in the server's cache when the connection opens ({@code SCRIPT LOAD}) and run by its hash
 *       ({@code EVALSHA}); a server that lost it (a restart, {@code SCRIPT FLUSH}, a node that joined later)
 *       answers {@code NOSCRIPT}, and that call is sent again with the script's text ({@code EVAL}), which caches
 *       it there.</li>
 *   <li>The script calls of one operation (one per cluster slot) are all sent before any answer is awaited, so
 *       they cost one round trip, and share one deadline.</li>
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

    private final Backend backend;
    private final String where;
    private final long timeoutNanos;
    private final ClientResources resources;
    private final Object lock = new Object();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile Backend.Open connection;
    private CompletableFuture<Backend.Open> connecting;
    private long attemptedAt;
    private volatile String lastFailure = "no answer yet";
    private volatile boolean closed;

    /**
     * @param backend makes the server's or cluster's client, given the client resources this connection creates
     *                and owns and the connect timeout
     */
    ScriptConnection(BiFunction<ClientResources, Duration, Backend> backend, String where, Duration timeout) {
        this.where = where;
        this.timeoutNanos = timeout.toNanos();
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(RETRY_MILLIS), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        Duration connectTimeout = timeout.compareTo(Duration.ofSeconds(1)) > 0 ? timeout : Duration.ofSeconds(1);
        this.backend = backend.apply(resources, connectTimeout);
        // Connect now, in the background, so that the first call does not wait for Netty to start.
        synchronized (lock) {
            attempt();
        }
    }

    /** @return the group of keys one script call may hold with {@code key} (its cluster slot) */
    int group(String key) {
        return backend.group(key);
    }

    /**
     * Runs the quota script once per group of keys, sending every call before awaiting any.
     *
     * @param keys the keys of each call
     * @param args the arguments of each call
     * @return each call's reply (the script's list of integers) or, for a call that failed, the reason
     * @throws QuotaStoreUnavailableException if Redis cannot be reached at all (no connection within the deadline)
     */
    Object[] run(String[][] keys, String[][] args) {
        long deadline = System.nanoTime() + timeoutNanos;
        Backend.Open c = connection(deadline);
        int n = keys.length;
        Object[] replies = new Object[n];
        @SuppressWarnings("unchecked")
        RedisFuture<List<Object>>[] sent = new RedisFuture[n];
        for (int i = 0; i < n; i++) {
            sent[i] = c.commands().evalsha(QuotaScript.SHA, ScriptOutputType.MULTI, keys[i], args[i]);
        }
        boolean answered = false;
        for (int i = 0; i < n; i++) {
            try {
                replies[i] = await(sent[i], deadline);
                answered = true;
            } catch (NoScript e) {
                LOG.info("AIMS quota store {}: a server lost the quota script (restarted?); sending its text", where);
                try {
                    replies[i] = await(c.commands().eval(QuotaScript.TEXT, ScriptOutputType.MULTI, keys[i], args[i]),
                            deadline);
                    answered = true;
                } catch (QuotaStoreUnavailableException failed) {
                    replies[i] = failed;
                } catch (NoScript impossible) {
                    replies[i] = unavailable("answered NOSCRIPT to EVAL", null);
                }
            } catch (QuotaStoreUnavailableException e) {
                replies[i] = e;
            }
        }
        if (answered) {
            recovered();
        }
        return replies;
    }

    private Backend.Open connection(long deadline) {
        Backend.Open c = connection;
        if (c != null) {
            return c;
        }
        CompletableFuture<Backend.Open> attempt;
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
                c.connection().closeAsync();
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
        CompletableFuture<Backend.Open> f = backend.open();
        f.whenComplete((c, failure) -> {
            if (failure != null) {
                lastFailure = describe(failure);
            }
        });
        connecting = f;
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
        Backend.Open c;
        CompletableFuture<Backend.Open> attempt;
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
            c.connection().close();
        }
        if (attempt != null) {
            attempt.thenAccept(open -> open.connection().closeAsync());
        }
        backend.shutdown();
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
