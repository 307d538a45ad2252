package dev.aims.bench.core;

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
import dev.aims.core.Policies;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline's own cost: a governed call with three allow policies, a no-op redactor and a no-op observer,
 * against the bare delegate, in the same run. The delegate returns a prepared response, so the difference is AIMS.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PipelineOverheadBenchmark {
    private ModelClient bare;
    private GovernedClient governed;
    private AiRequest request;
    private CallContext context;

    /** Builds the clients once. */
    @Setup
    public void setUp() {
        AiResponse prepared = AiResponse.builder().message(Message.assistant("Our opening hours are 9 to 5."))
                .usage(Usage.of(12, 9)).finishReason(FinishReason.STOP).responseId("r-1").model("gpt-4o-mini")
                .build();
        bare = req -> prepared;
        governed = GovernedClient.builder()
                .delegate(bare)
                .provider("openai")
                .redactor(Redactor.none())
                .policy(ModelAllowList.of("gpt-4o*", "claude-*"))
                .policy(MaxInputSize.chars(100_000))
                .policy(Policies.of("has-principal", in -> in.context().principal().isPresent(), "no_principal"))
                .observer(record -> { })
                .build();
        request = AiRequest.of("gpt-4o-mini", "What are your opening hours on Saturdays?");
        context = CallContext.builder().principal("u-1").tenant("support").systemId("helpdesk").build();
    }

    /** @return the bare delegate's answer */
    @Benchmark
    public AiResponse bareDelegate() {
        return bare.call(request);
    }

    /** @return the governed answer */
    @Benchmark
    public AiResponse governedCall() {
        return governed.call(request, context);
    }
}
