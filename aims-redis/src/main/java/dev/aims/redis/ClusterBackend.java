package dev.aims.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Redis Cluster, through Lettuce's cluster client: a script call holds the keys of one hash slot (one subject's
 * counters, by their hash tag), and the calls of one batch go to their shards at once.
 */
final class ClusterBackend implements Backend {
    private final RedisClusterClient client;

    ClusterBackend(List<RedisURI> seeds, ClientResources resources, Duration connectTimeout) {
        this.client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                // As on one server: a command runs at most once, and fails at once while its shard is unreachable.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                // Follow slots that move (MOVED, ASK), nodes that fail over or come back, and check every 30 s.
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build());
    }

    @Override
    public CompletableFuture<Open> open() {
        // The cluster client connects only once it knows the topology, which it learns from the seeds first.
        CompletableFuture<StatefulRedisClusterConnection<String, String>> opened = client.refreshPartitionsAsync()
                .toCompletableFuture().thenCompose(known -> client.connectAsync(StringCodec.UTF8));
        // SCRIPT LOAD goes to every node, which also opens the connection to each: a node that cannot take it now
        // gets the script's text with its first call instead.
        return opened.thenCompose(c -> c.async().scriptLoad(QuotaScript.TEXT).toCompletableFuture()
                .handle((sha, failure) -> new Open(c, c.async())));
    }

    @Override
    public int group(String key) {
        return SlotHash.getSlot(key);
    }

    @Override
    public void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
