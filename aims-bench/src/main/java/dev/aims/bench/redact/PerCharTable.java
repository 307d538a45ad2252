package dev.aims.bench.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints nanoseconds per character of each {@link AdversarialBenchmark} input at both sizes, and their ratio (large
 * over small: 1.0 is linear time), from JMH's JSON result file ({@code -rf json -rff FILE}).
 */
public final class PerCharTable {
    private PerCharTable() {
    }

    /**
     * @param args the JSON result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PerCharTable RESULT.json");
            System.exit(2);
        }
        print(new ObjectMapper().readTree(new File(args[0])), System.out);
    }

    static void print(JsonNode results, PrintStream out) {
        Map<String, TreeMap<Integer, Double>> rows = new TreeMap<>();
        for (JsonNode r : results) {
            if (!r.get("benchmark").asText().contains("AdversarialBenchmark")) {
                continue;
            }
            int size = r.at("/params/size").asInt();
            double nsPerChar = r.at("/primaryMetric/score").asDouble() / size;
            rows.computeIfAbsent(r.at("/params/kind").asText(), k -> new TreeMap<>()).put(size, nsPerChar);
        }
        out.printf("%-12s %14s %14s %9s%n", "input", "small ns/char", "large ns/char", "growth");
        for (Map.Entry<String, TreeMap<Integer, Double>> e : rows.entrySet()) {
            TreeMap<Integer, Double> bySize = e.getValue();
            double small = bySize.firstEntry().getValue();
            double large = bySize.lastEntry().getValue();
            out.printf("%-12s %14.2f %14.2f %8.2fx%n", e.getKey(), small, large, large / small);
        }
    }
}
