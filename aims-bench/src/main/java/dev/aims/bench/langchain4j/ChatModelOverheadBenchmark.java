package dev.aims.bench.langchain4j;

import dev.aims.api.CallContext;
import dev.aims.api.Operator;
import dev.aims.api.Redactor;
import dev.aims.core.MaxInputSize;
import dev.aims.core.ModelAllowList;
import dev.aims.core.Policies;
import dev.aims.langchain4j.AimsLangChain4j;
import dev.aims.redact.AimsRedactor;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What governing a LangChain4j model costs: the governed {@code ChatModel} (translation both ways, tool-loop
 * lineage, the pipeline with three allow policies, a no-op redactor and observer) against the bare model, around a
 * fake in-process model that returns a prepared answer, in the same run; and the same for a streaming model that
 * sends its answer in 17 chunks of 4 characters on the calling thread. The difference is AIMS and its adapter.
 * {@code governedChatModelRedacting} adds AIMS's redactor on a question holding an e-mail address and a card number
 * (the bare model would send them as they are, so it has no counterpart).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ChatModelOverheadBenchmark {
    private static final String ANSWER = "Our opening hours are 9 to 5 on weekdays and 10 to 2 on Saturdays.";
    private static final ChatRequestParameters DEFAULTS = DefaultChatRequestParameters.builder()
            .modelName("gpt-4o-mini").build();

    private ChatModel bare;
    private ChatModel governed;
    private ChatModel governedRedacting;
    private ChatRequest requestWithPii;
    private StreamingChatModel bareStreaming;
    private StreamingChatModel governedStreaming;
    private ChatRequest request;

    /** A model that answers at once with a prepared response. */
    static final class PreparedModel implements ChatModel {
        private final ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from(ANSWER)).id("r-1")
                .modelName("gpt-4o-mini").tokenUsage(new TokenUsage(24, 17)).finishReason(FinishReason.STOP)
                .build();

        @Override
        public ChatResponse doChat(ChatRequest chatRequest) {
            return response;
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return DEFAULTS;
        }

        @Override
        public ModelProvider provider() {
            return ModelProvider.OPEN_AI;
        }
    }

    /** A streaming model that sends the prepared answer in 4-character chunks, then completes, on its caller. */
    static final class PreparedStreamingModel implements StreamingChatModel {
        private final String[] chunks;
        private final ChatResponse response = new PreparedModel().response;

        PreparedStreamingModel() {
            int step = (ANSWER.length() + 19) / 20;
            int count = (ANSWER.length() + step - 1) / step;
            chunks = new String[count];
            for (int i = 0; i < count; i++) {
                chunks[i] = ANSWER.substring(i * step, Math.min(ANSWER.length(), (i + 1) * step));
            }
        }

        private final PartialResponseContext context = new PartialResponseContext(new StreamingHandle() {
            @Override
            public void cancel() {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });

        @Override
        public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
            for (String c : chunks) {
                handler.onPartialResponse(new PartialResponse(c), context);
            }
            handler.onCompleteResponse(response);
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return DEFAULTS;
        }

        @Override
        public ModelProvider provider() {
            return ModelProvider.OPEN_AI;
        }
    }

    /** Consumes what a streaming caller receives; a stream that fails fails the benchmark. */
    static final class Sink implements StreamingChatResponseHandler {
        private final Blackhole bh;
        private Throwable error;
        private boolean completed;

        Sink(Blackhole bh) {
            this.bh = bh;
        }

        void check() {
            if (error != null || !completed) {
                throw new IllegalStateException("benchmark stream did not complete", error);
            }
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            bh.consume(partial);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            completed = true;
            bh.consume(response);
        }

        @Override
        public void onError(Throwable e) {
            error = e;
        }
    }

    /** Builds the models once. */
    @Setup(Level.Trial)
    public void setUp() {
        bare = new PreparedModel();
        governed = AimsLangChain4j.govern(bare, aims -> aims.redactor(Redactor.none())
                .policy(ModelAllowList.of("gpt-4o*", "claude-*"))
                .policy(MaxInputSize.chars(100_000))
                .policy(Policies.of("has-principal", in -> in.context().principal().isPresent(), "no_principal"))
                .observer(record -> { }));
        governedRedacting = AimsLangChain4j.govern(bare, aims -> aims
                .redactor(AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build())
                .policy(ModelAllowList.of("gpt-4o*", "claude-*"))
                .policy(MaxInputSize.chars(100_000))
                .policy(Policies.of("has-principal", in -> in.context().principal().isPresent(), "no_principal"))
                .observer(record -> { }));
        requestWithPii = ChatRequest.builder().messages(SystemMessage.from("You are the help desk of a small shop."),
                UserMessage.from("I'm alice.smith@example.org; was my card 4111 1111 1111 1111 charged twice?"))
                .build();
        bareStreaming = new PreparedStreamingModel();
        governedStreaming = AimsLangChain4j.govern(bareStreaming, aims -> aims.redactor(Redactor.none())
                .policy(ModelAllowList.of("gpt-4o*", "claude-*"))
                .policy(MaxInputSize.chars(100_000))
                .policy(Policies.of("has-principal", in -> in.context().principal().isPresent(), "no_principal"))
                .observer(record -> { }));
        request = ChatRequest.builder().messages(SystemMessage.from("You are the help desk of a small shop."),
                UserMessage.from("What are your opening hours on Saturdays?")).build();
    }

    /**
     * The caller's context, bound on the benchmark thread itself, as an application serving a user would bind it.
     * The governed calls are denied without it (policy {@code has-principal}), so a missing binding cannot go
     * unnoticed.
     */
    @State(Scope.Thread)
    public static class BoundContext {
        private CallContext.Scope scope;

        /** Binds the context for the iteration. */
        @Setup(Level.Iteration)
        public void bind() {
            scope = CallContext.bind(CallContext.builder().principal("u-1").tenant("support").systemId("helpdesk")
                    .sessionId("s-1").build());
        }

        /** Unbinds it. */
        @TearDown(Level.Iteration)
        public void unbind() {
            scope.close();
        }
    }

    /** @param ctx the bound context @return the bare model's answer */
    @Benchmark
    public ChatResponse bareChatModel(BoundContext ctx) {
        return bare.chat(request);
    }

    /** @param ctx the bound context @return the governed model's answer */
    @Benchmark
    public ChatResponse governedChatModel(BoundContext ctx) {
        return governed.chat(request);
    }

    /**
     * The governed model with AIMS's redactor pseudonymising an e-mail address and a card number in the question.
     *
     * @param ctx the bound context
     * @return the governed model's answer
     */
    @Benchmark
    public ChatResponse governedChatModelRedacting(BoundContext ctx) {
        return governedRedacting.chat(requestWithPii);
    }

    /** @param ctx the bound context @param bh receives the chunks and the response */
    @Benchmark
    public void bareStreamingChatModel(BoundContext ctx, Blackhole bh) {
        Sink sink = new Sink(bh);
        bareStreaming.chat(request, sink);
        sink.check();
    }

    /** @param ctx the bound context @param bh receives the chunks and the response */
    @Benchmark
    public void governedStreamingChatModel(BoundContext ctx, Blackhole bh) {
        Sink sink = new Sink(bh);
        governedStreaming.chat(request, sink);
        sink.check();
    }
}
