package dev.aims.bench.evidence;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.Redactor;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.MaxInputSize;
import dev.aims.core.ModelAllowList;
import dev.aims.evidence.EvidenceLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency the evidence log adds to a governed call: the same governed client with and without an
 * {@link EvidenceLog} observer, in the same run. {@code providerMicros} is how long the (fake) provider takes,
 * waiting as a network call does (parked, not spinning): with 0, calls come back to back faster than any writer
 * can seal them, the queue fills and each call waits for the writer (the worst case, bounded by the writer's rate);
 * with 200 — still far faster than any real model — the writer keeps up, as it does behind a real provider, and
 * the difference is the cost of handing the record over.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EvidenceOverheadBenchmark {
    /** How long the fake provider takes to answer, parked as if waiting for the network. */
    @Param({"0", "200"})
    public int providerMicros;

    private GovernedClient without;
    private GovernedClient with;
    private EvidenceLog log;
    private Path dir;
    private AiRequest request;
    private CallContext context;

    /** Builds both clients around a fresh evidence directory. */
    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        AiResponse prepared = AiResponse.builder().message(Message.assistant("Our opening hours are 9 to 5."))
                .usage(Usage.of(12, 9)).finishReason(FinishReason.STOP).responseId("r-1").model("gpt-4o-mini")
                .build();
        long nanos = TimeUnit.MICROSECONDS.toNanos(providerMicros);
        ModelClient provider = req -> {
            if (nanos > 0) {
                LockSupport.parkNanos(nanos);
            }
            return prepared;
        };
        dir = Files.createTempDirectory("aims-evidence-bench");
        log = EvidenceLog.builder().directory(dir).blockWhenFull(Duration.ofMinutes(1)).build();
        without = client(provider, null);
        with = client(provider, log);
        request = AiRequest.of("gpt-4o-mini", "What are your opening hours on Saturdays?");
        context = CallContext.builder().principal("u-1").tenant("support").systemId("helpdesk")
                .purpose("customer-support").build();
    }

    private static GovernedClient client(ModelClient provider, EvidenceLog log) {
        GovernedClient.Builder b = GovernedClient.builder().delegate(provider).provider("openai")
                .redactor(Redactor.none()).policy(ModelAllowList.of("gpt-4o*", "claude-*"))
                .policy(MaxInputSize.chars(100_000));
        if (log != null) {
            b.observer(log);
        }
        return b.build();
    }

    /** Closes the log and removes its directory. */
    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        log.close();
        Directories.delete(dir);
    }

    /** @return a governed answer, no evidence: the baseline */
    @Benchmark
    public AiResponse governedCall() {
        return without.call(request, context);
    }

    /** @return a governed answer whose record goes to the evidence log */
    @Benchmark
    public AiResponse governedCallWithEvidence() {
        return with.call(request, context);
    }
}
