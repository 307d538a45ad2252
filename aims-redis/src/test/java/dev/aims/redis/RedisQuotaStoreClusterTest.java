package dev.aims.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreUnavailableException;
import dev.aims.testkit.LocalRedis;
import dev.aims.testkit.LocalRedisCluster;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store on a real three-master Redis Cluster the test starts (every write fsynced before it is acknowledged,
 * so that a node killed and started again keeps what it acknowledged): one script call per slot, all or nothing
 * across slots, no overspending, and a node restarted in the middle of a fleet's run losing nothing acknowledged
 * and counting nothing twice.
 */
class RedisQuotaStoreClusterTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    static final QuotaStore.Window DAY = QuotaStore.Window.fixed(Instant.parse("2025-06-15T00:00:00Z"),
            Instant.parse("2025-06-16T00:00:00Z"));
    static final QuotaStore.Window MINUTE = QuotaStore.Window.refilling(Duration.ofMinutes(1));
    static final RedisKeys KEYS = new RedisKeys(RedisQuotaStore.DEFAULT_KEY_PREFIX);
    static final String TENANT = "tenant/acme";
    static final String TENANT_BUDGET = "token-budget/t/tenant/acme";

    static LocalRedisCluster cluster;
    final List<RedisQuotaStore> stores = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = LocalRedisCluster.start(3, "--appendonly", "yes", "--appendfsync", "always");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void emptyCluster() {
        cluster.flushAll();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(RedisQuotaStore::close);
    }

    RedisQuotaStore store() {
        RedisQuotaStore s = RedisQuotaStore.builder().uri(cluster.uri()).timeout(Duration.ofSeconds(2)).build();
        stores.add(s);
        return s;
    }

    static QuotaStore.Consumption budget(String principal, long amount, long limit) {
        return QuotaStore.Consumption.of("principal/" + principal, "token-budget/u/principal/" + principal, amount,
                limit, DAY);
    }

    static QuotaStore.Consumption tenant(long amount, long limit) {
        return QuotaStore.Consumption.of(TENANT, TENANT_BUDGET, amount, limit, DAY);
    }

    static int slot(QuotaStore.Consumption c) {
        return SlotHash.getSlot(KEYS.of(c.subject(), c.key(), c.window()));
    }

    /** @return the counter of a fixed-window consumption, read from the node holding it */
    static long counter(QuotaStore.Consumption c) {
        Object v = cluster.callFor("GET", KEYS.of(c.subject(), c.key(), c.window()));
        return v == null ? 0 : Long.parseLong((String) v);
    }

    @Test
    void oneSubjectsCountersShareASlotAndACallSendsOneScriptPerSlot() {
        RedisQuotaStore s = store();
        QuotaStore.Consumption daily = budget("alice", 10, 100);
        QuotaStore.Consumption requests = QuotaStore.Consumption.of("principal/alice",
                "rate-limit/r/principal/requests/alice", 1, 30, MINUTE);
        QuotaStore.Consumption acme = tenant(10, 1000);
        assertThat(slot(daily)).isEqualTo(slot(requests)).isNotEqualTo(slot(acme));
        s.tryConsumeAll(List.of(daily, requests, acme), NOW);
        cluster.resetStats();
        List<QuotaStore.Result> r = s.tryConsumeAll(List.of(daily, requests, acme), NOW);
        assertThat(r).extracting(QuotaStore.Result::granted).containsExactly(true, true, true);
        assertThat(r).extracting(QuotaStore.Result::used).containsExactly(20L, 2L, 20L);
        assertThat(cluster.scriptCalls()).isEqualTo(2);
        assertThat(counter(daily)).isEqualTo(20);
        assertThat(counter(acme)).isEqualTo(20);
        s.correctAll(List.of(daily.corrected(-5, NOW), acme.corrected(7, NOW)));
        assertThat(cluster.scriptCalls()).isEqualTo(4);
        assertThat(counter(daily)).isEqualTo(15);
        assertThat(counter(acme)).isEqualTo(27);
    }

    @Test
    void aCallOneSlotRefusesIsChargedInNone() {
        RedisQuotaStore s = store();
        QuotaStore.Consumption acme = tenant(10, 1000);
        QuotaStore.Consumption bob = budget("bob", 10, 15);
        assertThat(slot(acme)).isNotEqualTo(slot(bob));
        assertThat(s.tryConsumeAll(List.of(acme, bob), NOW)).allMatch(QuotaStore.Result::granted);
        List<QuotaStore.Result> refused = s.tryConsumeAll(List.of(acme, bob), NOW);
        assertThat(refused).extracting(QuotaStore.Result::granted).containsExactly(true, false);
        // The tenant's slot had room and charged; what it charged was given back when bob's slot refused.
        assertThat(refused.get(0).used()).isEqualTo(10);
        assertThat(refused.get(1).used()).isEqualTo(10);
        assertThat(counter(acme)).isEqualTo(10);
        assertThat(counter(bob)).isEqualTo(10);
    }

    @Test
    void aFleetNeverSpendsMoreThanASharedBudgetAcrossSlots() throws InterruptedException {
        long limit = 6_000;
        List<String> principals = principals(2);
        AtomicLong spent = new AtomicLong();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RedisQuotaStore s = store();
            for (int t = 0; t < 4; t++) {
                int thread = i * 4 + t;
                threads.add(new Thread(() -> {
                    try {
                        for (int op = 0; ; op++) {
                            String p = principals.get((op + thread) % principals.size());
                            List<QuotaStore.Result> r = s.tryConsumeAll(List.of(tenant(10, limit),
                                    budget(p, 10, Long.MAX_VALUE / 4)), NOW);
                            if (!r.get(0).granted()) {
                                return;
                            }
                            spent.addAndGet(10);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(failures).isEmpty();
        assertThat(spent.get()).isEqualTo(limit);
        assertThat(counter(tenant(10, limit))).isEqualTo(limit);
        long principalsSpent = 0;
        for (String p : principals) {
            principalsSpent += counter(budget(p, 10, 0));
        }
        // What a refused call's principal slot charged was given back: the principals hold exactly what was spent.
        assertThat(principalsSpent).isEqualTo(limit);
    }

    @Test
    void aNodeRestartedMidRunLosesNothingAcknowledgedAndCountsNothingTwice() throws InterruptedException {
        List<String> principals = principals(3);
        LocalRedis tenantNode = cluster.nodeOf(slot(tenant(1, 1)));
        LocalRedis victim = cluster.nodes().stream().filter(n -> n != tenantNode).findFirst().orElseThrow();
        Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
        Map<String, LongAdder> unanswered = new ConcurrentHashMap<>();
        LongAdder granted = new LongAdder();
        LongAdder unavailable = new LongAdder();
        LongAdder victimGrantedAfterRestart = new LongAdder();
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RedisQuotaStore s = store();
            for (int t = 0; t < 4; t++) {
                int thread = i * 4 + t;
                threads.add(new Thread(() -> {
                    try {
                        for (int op = 0; !stop.get(); op++) {
                            String p = principals.get((op + thread) % principals.size());
                            long amount = 1 + (op + thread) % 7;
                            List<QuotaStore.Consumption> call = List.of(tenant(amount, Long.MAX_VALUE / 4),
                                    budget(p, amount, Long.MAX_VALUE / 4));
                            boolean onVictim = cluster.nodeOf(slot(call.get(1))) == victim;
                            try {
                                List<QuotaStore.Result> r = s.tryConsumeAll(call, NOW);
                                assertThat(r).allMatch(QuotaStore.Result::granted);
                                call.forEach(c -> add(acknowledged, c, amount));
                                granted.increment();
                                if (onVictim && restarted.get()) {
                                    victimGrantedAfterRestart.increment();
                                }
                            } catch (QuotaStoreUnavailableException e) {
                                // Not acknowledged: it may or may not have been counted before the node died.
                                call.forEach(c -> add(unanswered, c, amount));
                                unavailable.increment();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
        }
        threads.forEach(Thread::start);
        try {
            await(() -> granted.sum() >= 1_000, "1000 calls granted before the crash");
            victim.kill();
            await(() -> unavailable.sum() >= 50, "50 calls unavailable while the node is down");
            cluster.restart(victim);
            restarted.set(true);
            await(() -> victimGrantedAfterRestart.sum() >= 200, "200 calls granted on the restarted node");
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
        assertThat(failures).isEmpty();
        List<QuotaStore.Consumption> counters = new ArrayList<>();
        counters.add(tenant(0, 0));
        principals.forEach(p -> counters.add(budget(p, 0, 0)));
        for (QuotaStore.Consumption c : counters) {
            long acked = sum(acknowledged, c);
            // Nothing acknowledged is lost (the restarted node replayed its append-only file), and nothing is
            // counted beyond what was acknowledged save calls that got no answer: none was sent twice.
            assertThat(counter(c)).as(c.subject()).isBetween(acked, acked + sum(unanswered, c));
        }
        long onVictim = principals.stream().filter(p -> cluster.nodeOf(slot(budget(p, 0, 0))) == victim).count();
        assertThat(onVictim).isPositive();
    }

    @Test
    void aCallInFlightWhenItsNodeDiesFailsAtOnceAndIsNeverSentAgain() throws InterruptedException {
        // A deadline long enough to outlast the restart: a client that queued the call for a reconnect would run it.
        RedisQuotaStore s = RedisQuotaStore.builder().uri(cluster.uri()).timeout(Duration.ofSeconds(60)).build();
        stores.add(s);
        QuotaStore.Consumption carol = budget("carol", 5, 100);
        LocalRedis node = cluster.nodeOf(slot(carol));
        assertThat(s.tryConsumeAll(List.of(carol), NOW).get(0).used()).isEqualTo(5);
        node.call("CLIENT", "PAUSE", "30000", "ALL");
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> {
            try {
                s.tryConsumeAll(List.of(carol), NOW);
            } catch (Throwable e) {
                thrown.add(e);
            }
        });
        caller.start();
        LocalRedis.sleep(300);
        assertThat(caller.isAlive()).as("the call waits for the paused node").isTrue();
        node.kill();
        caller.join(5_000);
        assertThat(caller.isAlive()).as("the call fails when its connection drops").isFalse();
        assertThat(thrown).singleElement().isInstanceOf(QuotaStoreUnavailableException.class);
        cluster.restart(node);
        QuotaStoreUnavailableException e = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            e = catchThrowableOfType(QuotaStoreUnavailableException.class, () -> s.tryConsumeAll(List.of(carol),
                    NOW));
            if (e == null) {
                break;
            }
            LocalRedis.sleep(50);
        }
        assertThat(e).isNull();
        // The paused call never ran before the crash, and was not sent again after the reconnect: only the call
        // after the restart counted.
        assertThat(counter(carol)).isEqualTo(10);
    }

    @Test
    void aClusterUriNamesItsNodesAndNeverItsPassword() {
        RedisQuotaStore s = RedisQuotaStore.builder().uri("redis-cluster://:s3cret@127.0.0.1:7000,127.0.0.1:7001")
                .build();
        stores.add(s);
        assertThat(s).hasToString("RedisQuotaStore{redis-cluster://127.0.0.1:7000,127.0.0.1:7001,"
                + " onUnavailable=deny, timeout=50 ms}");
        for (String bad : List.of("redis-cluster://", "redis-cluster://host", "redis-cluster://h:1/0",
                "redis-cluster://:pw@h:1,,h:2", "redis-cluster://h:1?timeout=5")) {
            IllegalArgumentException x = catchThrowableOfType(IllegalArgumentException.class,
                    () -> RedisQuotaStore.builder().uri(bad));
            assertThat(x).as(bad).hasMessage("uri is not a valid redis-cluster:// URI: it must name one or more"
                    + " nodes as host:port, separated by commas, with no database or options (the value is not"
                    + " shown, as it may hold a password)");
        }
    }

    /** @return principals spread over the cluster, at least {@code perNode} on every node */
    static List<String> principals(int perNode) {
        List<String> found = new ArrayList<>();
        Map<LocalRedis, Integer> count = new ConcurrentHashMap<>();
        for (int i = 0; i < 10_000 && count.values().stream().filter(n -> n >= perNode).count() < 3; i++) {
            String p = "user-" + i;
            LocalRedis n = cluster.nodeOf(slot(budget(p, 0, 0)));
            if (count.getOrDefault(n, 0) < perNode) {
                count.merge(n, 1, Integer::sum);
                found.add(p);
            }
        }
        return found;
    }

    static void add(Map<String, LongAdder> m, QuotaStore.Consumption c, long amount) {
        m.computeIfAbsent(c.key(), k -> new LongAdder()).add(amount);
    }

    static long sum(Map<String, LongAdder> m, QuotaStore.Consumption c) {
        LongAdder a = m.get(c.key());
        return a == null ? 0 : a.sum();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            LocalRedis.sleep(10);
        }
    }
}
