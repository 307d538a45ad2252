package dev.aims.bench.core;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import dev.aims.api.Usage;
import dev.aims.bench.redact.Corpora;
import dev.aims.core.GovernedClient;
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
 * A governed stream under the example policy ({@code examples/aims-policy.json}, built-in redactor), answers of
 * 16 KB and 256 KB of varied text arriving in 4-character chunks — the worst chunking providers use — and the same
 * answers from an adversarial model: one 256 KB run without whitespace (a key prefix repeated) and repeated PEM
 * headers. The cost per KB must not grow with the size of the answer: divide each score by {@code kb}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StreamingBenchmark {
    private static final int CHUNK = 4;

    /** The answer's size in KB. */
    @Param({"16", "256"})
    public int kb;

    /** What the model streams: varied prose, one token of a key prefix repeated, or PEM headers repeated. */
    @Param({"prose", "sk-run", "pem-headers"})
    public String answer;

    private GovernedClient governed;
    private AiRequest request;
    private CallContext[] contexts;
    private int next;

    /** Builds the answer and the client once. */
    @Setup(Level.Trial)
    public void setUp() {
        String text = text(answer, kb * 1024);
        AiResponse whole = AiResponse.builder().message(Message.assistant(text)).usage(Usage.of(50, text.length() / 4))
                .finishReason(FinishReason.STOP).model("gpt-4o-mini").build();
        StreamingModelClient model = (req, handler) -> {
            for (int i = 0; i < text.length(); i += CHUNK) {
                handler.onPartial(text.substring(i, Math.min(text.length(), i + CHUNK)));
            }
            handler.onComplete(whole);
        };
        governed = GovernedClient.builder().streamingDelegate(model).provider("openai")
                .policyFile(AsConfigured.examplePolicy()).build();
        request = AiRequest.of("gpt-4o-mini", "Tell me about the world's countries.");
        contexts = AsConfigured.contexts(1 << 12);
    }

    static String text(String kind, int chars) {
        switch (kind) {
            case "prose":
                String prose = Corpora.prose();
                return prose.substring(1000, 1000 + chars);
            case "sk-run":
                return "sk-".repeat(chars / 3 + 1).substring(0, chars);
            case "pem-headers":
                return "-----BEGIN PRIVATE KEY-----\n".repeat(chars / 28 + 1).substring(0, chars);
            default:
                throw new IllegalArgumentException("unknown answer " + kind);
        }
    }

    /** Closes the client. */
    @TearDown(Level.Trial)
    public void tearDown() {
        governed.close();
    }

    /** @return the number of characters the caller received */
    @Benchmark
    public long stream() {
        Counting handler = new Counting();
        governed.stream(request, contexts[next++ & (contexts.length - 1)], handler);
        if (handler.error != null) {
            throw new IllegalStateException("the stream failed: " + handler.error.getClass().getName());
        }
        return handler.chars;
    }

    /** Counts what reaches the caller. */
    private static final class Counting implements StreamingHandler {
        long chars;
        Throwable error;

        @Override
        public void onPartial(String text) {
            chars += text.length();
        }

        @Override
        public void onComplete(AiResponse response) {
        }

        @Override
        public void onError(Throwable e) {
            error = e;
        }
    }
}
