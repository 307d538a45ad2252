package dev.aims.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster for AIMS's tests and benchmarks: a few {@link LocalRedis} masters started with
 * {@code --cluster-enabled yes}, the 16,384 slots split evenly between them with {@code CLUSTER ADDSLOTS}, joined
 * with {@code CLUSTER MEET}, and waited for until every node reports {@code cluster_state:ok}. No replicas; a
 * shard that is down leaves the others serving ({@code cluster-require-full-coverage no}). A node can be killed as
 * in a crash and started again on its port and directory, where it finds its cluster configuration
 * ({@code nodes.conf}) and, when started with {@code --appendonly yes}, its data.
 */
public final class LocalRedisCluster implements AutoCloseable {
    /** The number of hash slots of every Redis Cluster. */
    public static final int SLOTS = 16_384;

    private final List<LocalRedis> nodes;

    private LocalRedisCluster(List<LocalRedis> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Starts a cluster of masters, each with the given extra arguments (e.g. {@code --appendonly yes
     * --appendfsync always}, so that a node restarted after a crash keeps every write it acknowledged).
     *
     * @param masters how many masters, 1 to 16
     * @param extra   arguments added to each node's command line
     * @return the running cluster, its slots covered and every node agreeing
     * @throws IllegalArgumentException if {@code masters} is out of range
     * @throws IllegalStateException    if a node does not start or the cluster does not form within 20 s
     */
    public static LocalRedisCluster start(int masters, String... extra) {
        if (masters < 1 || masters > 16) {
            throw new IllegalArgumentException("masters must be from 1 to 16, but was " + masters);
        }
        List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                "nodes.conf", "--cluster-node-timeout", "1000", "--cluster-require-full-coverage", "no"));
        args.addAll(List.of(extra));
        List<LocalRedis> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(LocalRedis.start(args.toArray(new String[0])));
            }
            for (int i = 0; i < masters; i++) {
                LocalRedis n = nodes.get(i);
                // Distinct epochs from the start, so that no node has to win a conflict over its slots.
                expectOk(n, n.call("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1)));
                List<String> add = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                for (int s = i * SLOTS / masters; s < (i + 1) * SLOTS / masters; s++) {
                    add.add(Integer.toString(s));
                }
                expectOk(n, n.call(add.toArray(new String[0])));
            }
            for (int i = 1; i < masters; i++) {
                expectOk(nodes.get(0), nodes.get(0).call("CLUSTER", "MEET", "127.0.0.1",
                        Integer.toString(nodes.get(i).port())));
            }
            LocalRedisCluster cluster = new LocalRedisCluster(nodes);
            cluster.awaitOk();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(LocalRedis::close);
            throw e;
        }
    }

    private static void expectOk(LocalRedis node, Object reply) {
        if (!"OK".equals(reply)) {
            throw new IllegalStateException(node + " answered " + reply);
        }
    }

    /**
     * Waits until every running node reports {@code cluster_state:ok} and knows every other node as connected.
     *
     * @throws IllegalStateException if that does not happen within 20 s
     */
    public void awaitOk() {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            for (LocalRedis n : nodes) {
                Map<String, String> info = info(n);
                String nodesView = String.valueOf(n.call("CLUSTER", "NODES"));
                ok &= "ok".equals(info.get("cluster_state"))
                        && Integer.toString(nodes.size()).equals(info.get("cluster_known_nodes"))
                        && !nodesView.contains("fail") && !nodesView.contains("handshake")
                        && !nodesView.contains("disconnected");
                last = n + ": " + info.get("cluster_state") + ", " + nodesView.replace('\n', ';');
            }
            if (ok) {
                return;
            }
            LocalRedis.sleep(50);
        }
        throw new IllegalStateException("the cluster did not become ok within 20 s; last seen " + last);
    }

    private static Map<String, String> info(LocalRedis n) {
        Map<String, String> m = new TreeMap<>();
        for (String l : String.valueOf(n.call("CLUSTER", "INFO")).split("\r\n")) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                m.put(l.substring(0, colon), l.substring(colon + 1));
            }
        }
        return m;
    }

    /** @return the masters, in the order of their slot ranges */
    public List<LocalRedis> nodes() {
        return nodes;
    }

    /**
     * @param slot a hash slot, 0 to 16,383
     * @return the node whose range holds it
     */
    public LocalRedis nodeOf(int slot) {
        for (int i = 0; i < nodes.size(); i++) {
            if (slot < (i + 1) * SLOTS / nodes.size()) {
                return nodes.get(i);
            }
        }
        throw new IllegalArgumentException("slot must be from 0 to " + (SLOTS - 1) + ", but was " + slot);
    }

    /** @return {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,…}, every node as a seed */
    public String uri() {
        return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port())
                .collect(Collectors.joining(","));
    }

    /**
     * Restarts a node (killing it first if it runs) and waits until the cluster is ok again.
     *
     * @param node the node
     * @throws IllegalStateException if it does not come back, or the cluster does not become ok within 20 s
     */
    public void restart(LocalRedis node) {
        node.restart();
        awaitOk();
    }

    /**
     * @param args a command whose first argument after its name is a key, e.g. {@code GET k}
     * @return the reply of the node holding the key (following a {@code MOVED} answer)
     */
    public Object callFor(String... args) {
        Object reply = nodes.get(0).call(args);
        if (reply instanceof String && ((String) reply).startsWith("MOVED ")) {
            String target = ((String) reply).substring(((String) reply).lastIndexOf(':') + 1);
            for (LocalRedis n : nodes) {
                if (Integer.toString(n.port()).equals(target)) {
                    return n.call(args);
                }
            }
            throw new IllegalStateException("a node answered " + reply + ", which is not a node of this cluster");
        }
        return reply;
    }

    /** @return the {@code EVALSHA} and {@code EVAL} calls of every node since its last {@code CONFIG RESETSTAT} */
    public long scriptCalls() {
        long n = 0;
        for (LocalRedis node : nodes) {
            Map<String, Long> calls = node.commandCalls();
            n += calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L);
        }
        return n;
    }

    /** Resets every node's statistics ({@code CONFIG RESETSTAT}). */
    public void resetStats() {
        for (LocalRedis node : nodes) {
            node.call("CONFIG", "RESETSTAT");
        }
    }

    /** Empties every node ({@code FLUSHALL}). */
    public void flushAll() {
        for (LocalRedis node : nodes) {
            node.call("FLUSHALL");
        }
    }

    /** Stops every node and deletes its directory. */
    @Override
    public void close() {
        nodes.forEach(LocalRedis::close);
    }

    @Override
    public String toString() {
        return "LocalRedisCluster{" + uri() + "}";
    }
}
