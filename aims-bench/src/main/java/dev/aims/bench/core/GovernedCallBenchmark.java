package dev.aims.bench.core;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.Usage;
import dev.aims.bench.redact.Corpora;
import dev.aims.core.GovernedClient;
import dev.aims.evidence.EvidenceLog;
import dev.aims.otel.AimsTelemetry;
import dev.aims.redact.AimsRedactor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole governed call as users configure it — the built-in redactor, the example policy
 * ({@code examples/aims-policy.json}: model allow-list, budgets, rate limit, sensitive-data and output rules),
 * {@link AimsTelemetry} on an OpenTelemetry SDK whose exporter discards, and an {@link EvidenceLog} on disk — on
 * 4 KB prompts of varied real text (public-domain prose with contact data in it, a different slice each call), beside
 * the redactor alone on the same prompts and the bare delegate, in the same run. Goal: the governed call within
 * 1.5× the redactor alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class GovernedCallBenchmark {
    private static final int PROMPT_CHARS = 4096;
    private static final int PROMPTS = 256;

    private AiRequest[] requests;
    private CallContext[] contexts;
    private ModelClient bare;
    private AimsRedactor redactor;
    private GovernedClient governed;
    private GovernedClient policiesOnly;
    private GovernedClient withTelemetry;
    private GovernedClient withEvidence;
    private OpenTelemetrySdk sdk;
    private EvidenceLog evidence;
    private Path directory;
    private int next;
    private final LongAdder[] outcomes = {new LongAdder(), new LongAdder(), new LongAdder()};

    /** Builds the prompts and the clients once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String prose = Corpora.prose();
        requests = new AiRequest[PROMPTS];
        int at = 0;
        for (int i = 0; i < PROMPTS; i++) {
            int start = prose.indexOf(' ', at) + 1;
            String slice = prose.substring(start, start + PROMPT_CHARS - 120);
            at = (start + PROMPT_CHARS * 7) % (prose.length() - PROMPT_CHARS * 2);
            // Contact data as support prompts carry it, different in each prompt.
            String prompt = "Customer " + i + " writes from user" + i + "@mail.example.com, phone +44 20 7946 "
                    + String.format("%04d", i) + ": " + slice;
            requests[i] = AiRequest.of(i % 2 == 0 ? "gpt-4o-mini" : "gpt-4o", prompt);
        }
        // A principal and a tenant per 65,536 calls: the example policy's daily budgets and per-minute rate limits
        // keep allowing every call however long the run; the teardown prints the outcomes to show it.
        contexts = AsConfigured.contexts(1 << 16);
        AiResponse prepared = AiResponse.builder().message(Message.assistant("We have noted your request and will"
                + " reply by e-mail within a day.")).usage(Usage.of(1000, 20)).finishReason(FinishReason.STOP)
                .responseId("r-1").model("gpt-4o-mini").build();
        bare = req -> prepared;
        redactor = AimsRedactor.create();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build()).build())
                .setMeterProvider(SdkMeterProvider.builder().build())
                .build();
        directory = Files.createTempDirectory("aims-bench-evidence");
        evidence = EvidenceLog.builder().directory(directory.resolve("log"))
                .signingKey(directory.resolve("signing.key")).build();
        governed = GovernedClient.builder().delegate(bare).provider("openai").server("api.openai.com", 443)
                .redactor(redactor).policyFile(AsConfigured.examplePolicy())
                .observer(AimsTelemetry.create(sdk).observer()).observer(evidence)
                .observer(r -> outcomes[r.outcome().ordinal()].increment()).build();
        // The same call with one part at a time, so the note can say where the time goes.
        policiesOnly = asConfigured().build();
        withTelemetry = asConfigured().observer(AimsTelemetry.create(sdk).observer()).build();
        withEvidence = asConfigured().observer(evidence).build();
    }

    private GovernedClient.Builder asConfigured() {
        return GovernedClient.builder().delegate(bare).provider("openai").server("api.openai.com", 443)
                .redactor(redactor).policyFile(AsConfigured.examplePolicy());
    }

    /** Closes the log and the SDK and removes the log. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.println("governed calls: " + outcomes[0].sum() + " allowed, " + outcomes[1].sum() + " denied, "
                + outcomes[2].sum() + " failed");
        governed.close();
        policiesOnly.close();
        withTelemetry.close();
        withEvidence.close();
        evidence.close();
        sdk.close();
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(directory)) {
            walk.forEach(files::add);
        }
        for (int i = files.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(files.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the bare delegate's answer */
    @Benchmark
    public AiResponse bareDelegate() {
        return bare.call(requests[next++ & (PROMPTS - 1)]);
    }

    /** @return the prompt as the redactor alone leaves it, in a session of its own as a call opens one */
    @Benchmark
    public String redactorAlone() {
        return redactor.open().redact(requests[next++ & (PROMPTS - 1)].messages().get(0).text());
    }

    /** @return the governed answer */
    @Benchmark
    public AiResponse governedAsConfigured() {
        int i = next++ & Integer.MAX_VALUE;
        return governed.call(requests[i & (PROMPTS - 1)], contexts[i & (contexts.length - 1)]);
    }

    /** @return the governed answer with the redactor and the example policy, no telemetry, no evidence */
    @Benchmark
    public AiResponse governedPoliciesOnly() {
        int i = next++ & Integer.MAX_VALUE;
        return policiesOnly.call(requests[i & (PROMPTS - 1)], contexts[i & (contexts.length - 1)]);
    }

    /** @return the governed answer with policies and telemetry, no evidence */
    @Benchmark
    public AiResponse governedWithTelemetry() {
        int i = next++ & Integer.MAX_VALUE;
        return withTelemetry.call(requests[i & (PROMPTS - 1)], contexts[i & (contexts.length - 1)]);
    }

    /** @return the governed answer with policies and the evidence log, no telemetry */
    @Benchmark
    public AiResponse governedWithEvidence() {
        int i = next++ & Integer.MAX_VALUE;
        return withEvidence.call(requests[i & (PROMPTS - 1)], contexts[i & (contexts.length - 1)]);
    }
}
