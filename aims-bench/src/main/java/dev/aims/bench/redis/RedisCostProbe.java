package dev.aims.bench.redis;

import dev.aims.redis.RedisQuotaStore;
import dev.aims.testkit.LocalRedis;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one governed call costs the Redis server a fleet shares, measured on a server of its own with
 * {@code INFO commandstats} and {@code INFO stats}: round trips ({@code EVALSHA}s, each waited for), the commands
 * the script runs inside Redis, bytes received and sent, and the server's own time per call. A fleet of N
 * instances making R calls a second each costs N x R times this; nothing else is sent while idle.
 *
 * <pre>{@code java -cp aims-bench/target/benchmarks.jar dev.aims.bench.redis.RedisCostProbe [calls]}</pre>
 */
public final class RedisCostProbe {
    private RedisCostProbe() {
    }

    /**
     * @param args the number of calls per case, default 20000
     * @throws IOException if the server cannot be read
     */
    public static void main(String[] args) throws IOException {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (LocalRedis server = LocalRedis.start();
                RedisQuotaStore store = RedisQuotaStore.builder().uri(server.uri()).timeout(Duration.ofSeconds(1))
                        .build()) {
            QuotaRules rules = new QuotaRules(store);
            out.printf("%-44s %12s %12s %10s %10s %10s%n", "per governed call", "round trips", "in scripts",
                    "bytes in", "bytes out", "server us");
            measure(server, out, "budget + rate limit, usage = estimate", calls,
                    r -> r.exact.call(QuotaRules.REQUEST, QuotaRules.CONTEXT), rules);
            measure(server, out, "budget + rate limit, refunded after the call", calls,
                    r -> r.corrected.call(QuotaRules.REQUEST, QuotaRules.CONTEXT), rules);
            out.println("round trips: EVALSHA commands sent (the client sends nothing else once the script is"
                    + " loaded; three counters a call); in scripts: commands the script ran inside Redis (TIME, GET,"
                    + " INCRBY, PEXPIRE …); bytes in/out: received/sent by Redis; server us: EVALSHA time inside"
                    + " Redis.");
        }
    }

    private static void measure(LocalRedis server, PrintStream out, String name, int calls,
            Consumer<QuotaRules> op, QuotaRules rules) throws IOException {
        for (int i = 0; i < 2_000; i++) {
            op.accept(rules);
        }
        server.command("CONFIG", "RESETSTAT");
        for (int i = 0; i < calls; i++) {
            op.accept(rules);
        }
        Map<String, String> stats = server.info("stats");
        Map<String, String> commands = server.info("commandstats");
        long total = 0;
        long evalsha = 0;
        double serverMicros = 0;
        for (Map.Entry<String, String> e : commands.entrySet()) {
            String command = e.getKey().substring("cmdstat_".length());
            if (command.equals("info") || command.equals("config|resetstat")) {
                continue; // the probe's own
            }
            long n = field(e.getValue(), "calls");
            total += n;
            if (command.equals("evalsha")) {
                evalsha = n;
                // EVALSHA's time includes the commands its script runs, which are also listed on their own.
                serverMicros = Double.parseDouble(value(e.getValue(), "usec"));
            }
        }
        // The probe's own "INFO stats" (25 bytes) arrived after RESETSTAT; its reply is sent after it is counted.
        long in = Long.parseLong(stats.get("total_net_input_bytes")) - 25;
        long outBytes = Long.parseLong(stats.get("total_net_output_bytes"));
        out.printf("%-44s %12.2f %12.2f %10.1f %10.1f %10.2f%n", name, evalsha / (double) calls,
                (total - evalsha) / (double) calls, in / (double) calls, outBytes / (double) calls,
                serverMicros / calls);
    }

    private static long field(String stat, String name) {
        return Long.parseLong(value(stat, name));
    }

    private static String value(String stat, String name) {
        for (String part : stat.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + stat);
    }
}
