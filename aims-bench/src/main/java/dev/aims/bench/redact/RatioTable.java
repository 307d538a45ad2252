package dev.aims.bench.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints MB/s of the engine and the regex baseline, their ratio, and the engine's bytes allocated per operation,
 * from the JSON result file of a {@link RedactorBenchmark} or {@link RealTextBenchmark} run
 * ({@code -rf json -rff FILE}, with {@code -prof gc} for the allocation column).
 */
public final class RatioTable {
    private RatioTable() {
    }

    /**
     * @param args the JSON result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RatioTable RESULT.json");
            System.exit(2);
        }
        print(new ObjectMapper().readTree(new File(args[0])), System.out);
    }

    static void print(JsonNode results, PrintStream out) {
        Map<String, double[]> rows = new TreeMap<>();
        for (JsonNode r : results) {
            String bench = r.get("benchmark").asText();
            if (!bench.contains("RedactorBenchmark") && !bench.contains("RealTextBenchmark")) {
                continue;
            }
            String kind = r.at("/params/kind").asText();
            int size = r.at("/params/size").isMissingNode() ? r.at("/params/chunk").asInt()
                    : r.at("/params/size").asInt();
            String key = String.format("%-6s %6d", kind, size);
            double[] row = rows.computeIfAbsent(key, k -> new double[] {Double.NaN, Double.NaN, Double.NaN,
                Double.NaN});
            double mbs = r.at("/primaryMetric/score").asDouble() * size / 1e6;
            JsonNode alloc = r.at("/secondaryMetrics/gc.alloc.rate.norm/score");
            boolean aims = bench.endsWith(".aims");
            row[aims ? 0 : 1] = mbs;
            row[aims ? 2 : 3] = alloc.isMissingNode() ? Double.NaN : alloc.asDouble();
        }
        out.printf("%-13s %12s %12s %9s %14s %14s%n", "text size", "aims MB/s", "regex MB/s", "ratio",
                "aims B/op", "regex B/op");
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            double[] v = e.getValue();
            out.printf("%-13s %12.1f %12.1f %8.1fx %14.1f %14.1f%n", e.getKey(), v[0], v[1], v[0] / v[1], v[2],
                    v[3]);
        }
    }
}
