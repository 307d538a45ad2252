package dev.aims.bench.redis;

import dev.aims.api.AiResponse;
import dev.aims.api.PolicyDecision;
import dev.aims.core.policy.QuotaStore;
import dev.aims.redis.RedisQuotaStore;
import dev.aims.testkit.LocalRedis;
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
 * Decision latency of budgets and rate limits counting in Redis (a {@link RedisQuotaStore} on loopback, against a
 * {@code redis-server} the benchmark starts itself) against the same rules counting in the in-process store, in the
 * same run. One thread; each Redis operation is one {@code EVALSHA} round trip.
 *
 * <ul>
 *   <li>{@code budget*}: a token budget's PRE decision and its after-call step, the call using what was reserved
 *       (one operation);</li>
 *   <li>{@code budgetCorrected*}: the same when the call used less (a reservation and a refund: two);</li>
 *   <li>{@code rateLimit*}: a rate limit of requests and tokens (two buckets: two);</li>
 *   <li>{@code governedCall*}: a whole governed call with both rules (three).</li>
 * </ul>
 * {@link RedisCostProbe} measures what each costs the Redis server: commands, bytes and server time per call.
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
    private QuotaRules memory;
    private QuotaRules redis;

    /** Starts a redis-server and loads the rules over each store. */
    @Setup
    public void setUp() {
        server = LocalRedis.start();
        redisStore = RedisQuotaStore.builder().uri(server.uri()).timeout(Duration.ofSeconds(1)).build();
        memory = new QuotaRules(QuotaStore.inMemory());
        redis = new QuotaRules(redisStore);
    }

    /** Stops the store and the server. */
    @TearDown
    public void tearDown() {
        redisStore.close();
        server.close();
    }

    /** @return a budget decision, in-process */
    @Benchmark
    public PolicyDecision budgetInProcess() {
        return budget(memory);
    }

    /** @return a budget decision, in Redis */
    @Benchmark
    public PolicyDecision budgetRedis() {
        return budget(redis);
    }

    /** @return a budget decision and a refund after the call, in-process */
    @Benchmark
    public PolicyDecision budgetCorrectedInProcess() {
        return budgetCorrected(memory);
    }

    /** @return a budget decision and a refund after the call, in Redis */
    @Benchmark
    public PolicyDecision budgetCorrectedRedis() {
        return budgetCorrected(redis);
    }

    /** @return a rate-limit decision (requests and tokens), in-process */
    @Benchmark
    public PolicyDecision rateLimitInProcess() {
        return rateLimit(memory);
    }

    /** @return a rate-limit decision (requests and tokens), in Redis */
    @Benchmark
    public PolicyDecision rateLimitRedis() {
        return rateLimit(redis);
    }

    /** @return a governed call with both rules, in-process */
    @Benchmark
    public AiResponse governedCallInProcess() {
        return memory.client.call(QuotaRules.REQUEST, memory.context());
    }

    /** @return a governed call with both rules, in Redis */
    @Benchmark
    public AiResponse governedCallRedis() {
        return redis.client.call(QuotaRules.REQUEST, redis.context());
    }

    static PolicyDecision budget(QuotaRules r) {
        PolicyDecision d = r.budget.evaluate(r.pre);
        r.budget.afterCall(r.exact);
        return d;
    }

    static PolicyDecision budgetCorrected(QuotaRules r) {
        PolicyDecision d = r.budget.evaluate(r.pre);
        r.budget.afterCall(r.corrected);
        return d;
    }

    static PolicyDecision rateLimit(QuotaRules r) {
        PolicyDecision d = r.rate.evaluate(r.pre);
        r.rate.afterCall(r.exact);
        return d;
    }
}
