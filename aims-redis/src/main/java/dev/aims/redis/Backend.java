package dev.aims.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link ScriptConnection} runs over: one Redis server ({@link NodeBackend}) or a Redis Cluster
 * ({@link ClusterBackend}). It opens the connection, says which keys one script call may hold together, and
 * releases the client's threads.
 */
interface Backend {
    /** An open connection and the commands that run the script over it. */
    record Open(StatefulConnection<String, String> connection, RedisScriptingAsyncCommands<String, String> commands) {
    }

    /**
     * @return a connection, opened in the background, with the script loaded where the backend can load it (a
     *         server that still lacks it answers {@code NOSCRIPT}, and the script's text is sent instead)
     */
    CompletableFuture<Open> open();

    /**
     * @param key a Redis key
     * @return the group of keys one script call may hold with this one: its hash slot in a cluster, the same for
     *         every key on one server
     */
    int group(String key);

    /** Stops the client and its threads; the connection is already closed. */
    void shutdown();
}
