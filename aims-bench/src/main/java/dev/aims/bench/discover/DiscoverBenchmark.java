package dev.aims.bench.discover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.evidence.discover.Discovery;
import dev.aims.evidence.discover.TraceDiscovery;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code aims discover}'s engine on a generated export of 1,000,000 spans ({@link TraceFileGenerator}): spans per
 * second, against two baselines in the same run — reading the file's lines and nothing else (the floor), and
 * parsing each line into a Jackson tree (what a straightforward reader would do, before any trace logic). The
 * engine's peak state (spans held in open traces) is printed at the end of the trial; its peak heap is measured end
 * to end, on the command, with {@code -Xmx} set low (see the README).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Benchmark)
public class DiscoverBenchmark {
    static final int SPANS = 1_000_000;

    private Path dir;
    private Path file;
    private TraceGenerated expected;
    private final ObjectMapper mapper = new ObjectMapper();
    private Discovery last;

    /** What the generator wrote, to check the engine against. */
    private record TraceGenerated(long governed, long ungoverned) {
    }

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("aims-discover-bench");
        file = dir.resolve("traces.jsonl");
        TraceFileGenerator g = new TraceFileGenerator();
        g.write(file, SPANS);
        expected = new TraceGenerated(g.governed, g.ungoverned);
    }

    @TearDown(Level.Trial)
    public void check() throws IOException {
        if (last != null) {
            if (last.governedCalls() != expected.governed() || last.ungovernedCalls() != expected.ungoverned()) {
                throw new IllegalStateException("discover found " + last + ", the file holds " + expected);
            }
            System.out.println("\npeak spans held " + last.stats().peakSpansHeld() + ", peak traces open "
                    + last.stats().peakTracesOpen() + " (window " + TraceDiscovery.DEFAULT_WINDOW + "); "
                    + Files.size(file) / 1_000_000 + " MB");
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** The engine: spans per second. */
    @Benchmark
    @OperationsPerInvocation(SPANS)
    public long discover() throws IOException {
        last = TraceDiscovery.builder().build().scan(List.of(file));
        return last.ungovernedCalls();
    }

    /** Baseline: the lines read and nothing else. */
    @Benchmark
    @OperationsPerInvocation(SPANS)
    public long readLines() throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                n += line.length();
            }
        }
        return n;
    }

    /** Baseline: each line parsed into a Jackson tree, its spans counted. */
    @Benchmark
    @OperationsPerInvocation(SPANS)
    public long jacksonTree() throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                for (JsonNode rs : mapper.readTree(line).path("resourceSpans")) {
                    for (JsonNode ss : rs.path("scopeSpans")) {
                        n += ss.path("spans").size();
                    }
                }
            }
        }
        return n;
    }
}
