package dev.aims.bench.evidence;

import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.Usage;
import dev.aims.evidence.EvidenceLog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evidence entries written per second, with a signed checkpoint every 1,000 entries. The queue is kept small (256)
 * and the caller blocks when it is full, so the rate the benchmark sees is the rate the writer thread seals, writes
 * and checkpoints entries; each iteration ends with a flush, and starts a fresh directory so that disk use stays
 * bounded.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EvidenceWriteBenchmark {
    /** When the writer forces entries to disk. */
    @Param({"EVERY_N_MILLIS"})
    public String durability;

    private EvidenceLog log;
    private java.nio.file.Path dir;
    private CallRecord record;

    /** A realistic record: context, two decisions, findings, usage, digests. */
    @Setup(Level.Trial)
    public void record() {
        Instant t = Instant.parse("2025-03-01T09:00:00Z");
        record = CallRecord.builder().callId("0f6a3c1e-8d2b-4c55-9a41-7f3e2d1c0b9a").startedAt(t)
                .endedAt(t.plusMillis(420))
                .context(CallContext.builder().principal("user-4711").tenant("emea").systemId("support-bot")
                        .purpose("customer-support").sessionId("session-88").build())
                .provider("openai").requestModel("gpt-4o-mini").responseModel("gpt-4o-mini-2024-07-18")
                .server("api.openai.com", 443)
                .decision(PolicyDecision.builder().policy("model-allow-list", "1").stage(PolicyStage.PRE)
                        .effect(PolicyDecision.Effect.ALLOW).reasonCode("allowed").build())
                .decision(PolicyDecision.builder().policy("no-secrets", "2").stage(PolicyStage.PRE_SEND)
                        .effect(PolicyDecision.Effect.ALLOW).reasonCode("allowed").build())
                .policySetHash("8c2e0af8d2d26af263dc4f20e5107d1cdb33914df02a8eae6a6370b9e2062844")
                .findingCounts(Map.of("EMAIL_ADDRESS", 1, "PHONE_NUMBER", 1))
                .usage(Usage.of(812, 164)).finishReasons(List.of(FinishReason.STOP))
                .outcome(CallRecord.Outcome.ALLOWED)
                .digests("sha-256", "1af70009a9b7a1ef3979e95990c0448d0b12e388d17e84cb7abc5476e5246404",
                        "841e45aa4271313184fd95f857f5efa56b91913e3cc3b3c32d85162fcca2bf86")
                .build();
    }

    /** Opens a log in a fresh directory. */
    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = java.nio.file.Files.createTempDirectory("aims-evidence-bench");
        log = EvidenceLog.builder().directory(dir).checkpointEvery(1_000).queueCapacity(256)
                .blockWhenFull(Duration.ofMinutes(1)).durability(EvidenceLog.Durability.valueOf(durability))
                .build();
    }

    /** Writes what is queued, closes the log and removes its directory. */
    @TearDown(Level.Iteration)
    public void close() throws IOException {
        log.flush();
        log.close();
        Directories.delete(dir);
    }

    /** Hands one record to the log; the writer's rate bounds this. */
    @Benchmark
    public void writeEntry() {
        log.onCall(record);
    }
}
