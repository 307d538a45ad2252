package dev.aims.bench.redact;

import dev.aims.api.Finding;
import dev.aims.redact.AimsRedactor;
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
 * Throughput of the redactor's scan against the regex baseline, in the same run, on clean English prose, the
 * development corpus and PII-dense text, at 256 B, 4 KB and 64 KB. Scores are operations per second; MB/s is the
 * score times {@code size} (the texts are ASCII: one byte a character). {@link RatioTable} prints both and the
 * ratios from JMH's JSON result file.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedactorBenchmark {
    /** Which text. */
    @Param({"prose", "corpus", "dense"})
    public String kind;

    /** Its length in characters. */
    @Param({"256", "4096", "65536"})
    public int size;

    private String text;
    private AimsRedactor redactor;
    private RegexBaseline baseline;

    /** Builds the text and both engines once. */
    @Setup
    public void setUp() {
        text = Texts.of(kind, size);
        redactor = AimsRedactor.create();
        baseline = new RegexBaseline();
    }

    /** @return the engine's findings */
    @Benchmark
    public List<Finding> aims() {
        return redactor.scan(text);
    }

    /** @return the baseline's findings */
    @Benchmark
    public List<Finding> regex() {
        return baseline.scan(text);
    }
}
