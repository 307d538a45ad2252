package dev.aims.bench.fleet;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The fleet figures in one run: {@link FleetBenchmark} through JMH (calls per second, p50 and p99 of one call, for
 * a bare PING and for governed calls counting in-process, in one Redis server and in a three-master Redis Cluster),
 * then {@link FleetOvershoot} for each store, and a table of both.
 *
 * <pre>{@code java -cp aims-bench/target/benchmarks.jar dev.aims.bench.fleet.FleetReport [instances] [threads per
 * instance] [measurement iterations]}</pre>
 * Defaults: 4 instances, 2 threads each, 5 iterations of 1 s after 3 of warm-up.
 */
public final class FleetReport {
    private FleetReport() {
    }

    /**
     * @param args instances, threads per instance, measurement iterations
     * @throws RunnerException      if JMH fails
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws RunnerException, InterruptedException {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int perInstance = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Options options = new OptionsBuilder()
                .include(FleetBenchmark.class.getName() + ".call")
                .param("instances", Integer.toString(instances))
                .threads(instances * perInstance)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .forks(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> byStore = new LinkedHashMap<>();
        for (String s : new String[] {"ping", "in-process", "redis", "redis-cluster"}) {
            byStore.put(s, new double[] {Double.NaN, Double.NaN, Double.NaN});
        }
        for (RunResult r : results) {
            String store = r.getParams().getParam("store");
            double[] row = byStore.get(store);
            switch (r.getParams().getMode()) {
                case Throughput:
                    row[0] = r.getPrimaryResult().getScore() * 1_000_000; // ops/us to calls/s
                    break;
                case SampleTime:
                    row[1] = r.getPrimaryResult().getStatistics().getPercentile(50);
                    row[2] = r.getPrimaryResult().getStatistics().getPercentile(99);
                    break;
                default:
                    break;
            }
        }
        Map<String, FleetOvershoot.Outcome> overshoot = new TreeMap<>();
        for (Fleet.Kind k : new Fleet.Kind[] {Fleet.Kind.IN_PROCESS, Fleet.Kind.REDIS, Fleet.Kind.REDIS_CLUSTER}) {
            overshoot.put(k.wire(), FleetOvershoot.run(k, instances, perInstance));
        }
        double ping = byStore.get("ping")[1];
        out.printf("%nFleet: %d instances x %d threads, example policy (tenant, principal daily budget, principal rate"
                + " limit: 4 counters a call), usage = estimate%n", instances, perInstance);
        out.printf("%-14s %12s %10s %10s %12s %14s %14s%n", "store", "calls/s", "p50 us", "p99 us", "p50 / PING",
                "overshoot", "allowed calls");
        for (Map.Entry<String, double[]> e : byStore.entrySet()) {
            double[] row = e.getValue();
            FleetOvershoot.Outcome o = overshoot.get(e.getKey());
            out.printf("%-14s %12.0f %10.1f %10.1f %12.2f %14s %14s%n", e.getKey(), row[0], row[1], row[2],
                    row[1] / ping, o == null ? "-" : String.format("%+d", o.overshoot()),
                    o == null ? "-" : Long.toString(o.allowedCalls()));
        }
        for (FleetOvershoot.Outcome o : overshoot.values()) {
            out.printf("overshoot run %s: %d calls allowed in %d s spent %d of %d tokens; denials %s%n", o.store(),
                    o.allowedCalls(), o.seconds(), o.spent(), o.budget(), o.denials());
        }
    }
}
