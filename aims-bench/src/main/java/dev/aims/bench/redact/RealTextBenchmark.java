package dev.aims.bench.redact;

import dev.aims.api.Finding;
import dev.aims.redact.AimsRedactor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The redactor's scan against the regex baseline on real text, in the same run: 2.2 MB of public-domain prose and
 * the same prose mixed with prompt-shaped texts full of personal data and secrets ({@link Corpora}). Each operation
 * scans the next chunk of {@code chunk} characters (prompt-sized), cycling through the whole corpus, so every
 * figure is an average over megabytes of varied text. MB/s is the score times {@code chunk}; {@link RatioTable}
 * prints it and the ratio.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RealTextBenchmark {
    /** Which corpus. */
    @Param({"prose", "mixed"})
    public String kind;

    /** Characters per operation. */
    @Param({"4096"})
    public int chunk;

    private String[] chunks;
    private int next;
    private AimsRedactor redactor;
    private RegexBaseline baseline;

    /** Cuts the corpus into chunks and builds both engines once. */
    @Setup
    public void setUp() {
        String text = kind.equals("prose") ? Corpora.prose() : Corpora.mixed(13);
        List<String> list = new ArrayList<>();
        for (int from = 0; from + chunk <= text.length(); from += chunk) {
            list.add(text.substring(from, from + chunk));
        }
        chunks = list.toArray(new String[0]);
        redactor = AimsRedactor.create();
        baseline = new RegexBaseline();
    }

    private String nextChunk() {
        String c = chunks[next];
        next = next + 1 == chunks.length ? 0 : next + 1;
        return c;
    }

    /** @return the engine's findings in the next chunk */
    @Benchmark
    public List<Finding> aims() {
        return redactor.scan(nextChunk());
    }

    /** @return the baseline's findings in the next chunk */
    @Benchmark
    public List<Finding> regex() {
        return baseline.scan(nextChunk());
    }
}
