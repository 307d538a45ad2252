package dev.aims.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One Redis server (or the master a Sentinel names): every key of a call goes in one script call. */
final class NodeBackend implements Backend {
    private final RedisURI uri;
    private final RedisClient client;

    NodeBackend(RedisURI uri, ClientResources resources, Duration connectTimeout) {
        this.uri = uri;
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Commands issued while disconnected fail at once, and commands in flight when the connection
                // drops fail instead of being sent again after the reconnect: a charge runs at most once.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .build());
    }

    @Override
    public CompletableFuture<Open> open() {
        CompletableFuture<StatefulRedisConnection<String, String>> opened =
                client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        return opened.thenCompose(c -> c.async().scriptLoad(QuotaScript.TEXT).toCompletableFuture()
                .handle((sha, failure) -> {
                    if (failure != null || !QuotaScript.SHA.equals(sha)) {
                        c.closeAsync();
                        throw new IllegalStateException(failure != null ? "SCRIPT LOAD failed: "
                                + ScriptConnection.describe(failure) : "SCRIPT LOAD answered " + sha + " for "
                                + QuotaScript.SHA);
                    }
                    return new Open(c, c.async());
                }));
    }

    @Override
    public int group(String key) {
        return 0;
    }

    @Override
    public void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
