package dev.aims.bench.redis;

import dev.aims.api.AiResponse;
import dev.aims.core.policy.QuotaStore;
import dev.aims.redis.RedisQuotaStore;
import dev.aims.testkit.LocalRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One governed call under a daily token budget and a per-minute rate limit (three counters) counting in Redis (a
 * {@link RedisQuotaStore} on loopback, against a {@code redis-server} the benchmark starts itself), against the same
 * rules counting in the in-process store and a bare {@code PING} over a Lettuce connection to the same server, in
 * the same run. One thread.
 *
 * <ul>
 *   <li>{@code governedCall*}: the provider reports the estimated tokens: one script call before the provider is
 *       asked, none after;</li>
 *   <li>{@code governedCallCorrected*}: it reports fewer: one more script call after, refunding the three
 *       reservations at once;</li>
 *   <li>{@code ping}: one loopback round trip, waited for as the store waits.</li>
 * </ul>
 * {@link RedisCostProbe} measures what each costs the Redis server: commands, bytes and server time per call;
 * {@link dev.aims.bench.fleet.FleetReport} a fleet of instances under the example policy.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedisQuotaBenchmark {
    private LocalRedis server;
    private RedisQuotaStore redisStore;
    private RedisClient pingClient;
    private StatefulRedisConnection<String, String> ping;
    private QuotaRules memory;
    private QuotaRules redis;

    /** Starts a redis-server and loads the rules over each store. */
    @Setup
    public void setUp() {
        server = LocalRedis.start();
        redisStore = RedisQuotaStore.builder().uri(server.uri()).timeout(Duration.ofSeconds(1)).build();
        memory = new QuotaRules(QuotaStore.inMemory());
        redis = new QuotaRules(redisStore);
        pingClient = RedisClient.create(server.uri());
        ping = pingClient.connect();
    }

    /** Stops the store and the server. */
    @TearDown
    public void tearDown() {
        ping.close();
        pingClient.shutdown();
        redisStore.close();
        server.close();
    }

    /** @return a governed call that needs no correction, in-process */
    @Benchmark
    public AiResponse governedCallInProcess() {
        return memory.exact.call(QuotaRules.REQUEST, QuotaRules.CONTEXT);
    }

    /** @return a governed call that needs no correction, in Redis */
    @Benchmark
    public AiResponse governedCallRedis() {
        return redis.exact.call(QuotaRules.REQUEST, QuotaRules.CONTEXT);
    }

    /** @return a governed call whose reservations are refunded after it, in-process */
    @Benchmark
    public AiResponse governedCallCorrectedInProcess() {
        return memory.corrected.call(QuotaRules.REQUEST, QuotaRules.CONTEXT);
    }

    /** @return a governed call whose reservations are refunded after it, in Redis */
    @Benchmark
    public AiResponse governedCallCorrectedRedis() {
        return redis.corrected.call(QuotaRules.REQUEST, QuotaRules.CONTEXT);
    }

    /**
     * @return the server's PONG, waited for as the store waits for its script's answer
     * @throws Exception if the server does not answer
     */
    @Benchmark
    public String ping() throws Exception {
        return ping.async().ping().get(1, TimeUnit.SECONDS);
    }
}
