package dev.aims.bench.fleet;

import dev.aims.api.AiResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A fleet's governed calls under the example policy's budgets and rate limit ({@link Fleet}): {@code instances}
 * instances, each with its own client and store connection, called by all the benchmark's threads (thread
 * {@code i} uses instance {@code i mod instances}), every call spending the same tenant's monthly budget. Calls per
 * second (throughput) and the distribution of one call's latency (sample time: p50, p99) for each store, and for a
 * bare {@code PING} on the same kind of connection, all in one run: the goal is a governed call counting in Redis
 * within 1.3x a PING at the median, that is, within one loopback round trip.
 *
 * <p>The tenant changes every {@value #CALLS_PER_TENANT} calls, so that the measurement never exhausts the budget
 * (that is {@link FleetOvershoot}'s job); all threads spend each tenant's budget together.
 *
 * <pre>{@code java -jar aims-bench/target/benchmarks.jar FleetBenchmark -t 8 -p instances=4}</pre>
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(8)
@State(Scope.Benchmark)
public class FleetBenchmark {
    static final int CALLS_PER_TENANT = 10_000;

    /** What the instances count in: {@code ping}, {@code in-process}, {@code redis}, {@code redis-cluster}. */
    @Param({"ping", "in-process", "redis", "redis-cluster"})
    public String store;

    /** How many instances (clients, each with its own connection). */
    @Param("4")
    public int instances;

    private Fleet fleet;

    /** Starts the servers and the instances. */
    @Setup(Level.Trial)
    public void setUp() {
        fleet = new Fleet(Fleet.Kind.of(store), instances);
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void tearDown() {
        fleet.close();
    }

    /** One benchmark thread: which instance it calls through. */
    @State(Scope.Thread)
    public static class Caller {
        int instance;

        /**
         * @param thread    which thread this is
         * @param benchmark the benchmark's parameters, {@code instances} among them
         */
        @Setup(Level.Trial)
        public void setUp(ThreadParams thread, BenchmarkParams benchmark) {
            instance = thread.getThreadIndex() % Integer.parseInt(benchmark.getParam("instances"));
        }
    }

    /**
     * @param c the calling thread
     * @return the governed answer (null for a PING)
     */
    @Benchmark
    public AiResponse call(Caller c) {
        return fleet.call(c.instance, "acme-" + fleet.calls() / CALLS_PER_TENANT);
    }
}
