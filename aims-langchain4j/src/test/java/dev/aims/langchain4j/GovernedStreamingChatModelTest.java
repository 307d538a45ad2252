package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallRecord;
import dev.aims.api.PolicyStage;
import dev.aims.core.Policies;
import dev.aims.testkit.FakeRedactor;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GovernedStreamingChatModelTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String PROSE = "We have looked into your request and here is a summary of what we found. ".repeat(3);

    final RecordingObserver observer = new RecordingObserver();
    final FakeRedactor redactor = new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS"));

    /**
     * A provider that streams, on its own thread, "You said: <last user text>" between two paragraphs of prose, in
     * 5-character chunks, stopping when cancelled; it may end with a tool call instead of plain text.
     */
    static final class StreamingEcho implements StreamingChatModel {
        final List<ChatRequest> received = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final List<String> listenerEvents = new CopyOnWriteArrayList<>();
        final AtomicBoolean cancelled = new AtomicBoolean();
        volatile String toolArguments;

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            received.add(request);
            threads.add(Thread.currentThread());
            String said = ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
            String text = PROSE + "You said: " + said + " " + PROSE;
            StreamingHandle handle = new StreamingHandle() {
                @Override
                public void cancel() {
                    cancelled.set(true);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }
            };
            Thread t = new Thread(() -> {
                for (int i = 0; i < text.length() && !cancelled.get(); i += 5) {
                    handler.onPartialResponse(new PartialResponse(text.substring(i, Math.min(text.length(), i + 5))),
                            new PartialResponseContext(handle));
                }
                if (cancelled.get()) {
                    return;
                }
                AiMessage.Builder message = AiMessage.builder().text(text);
                if (toolArguments != null) {
                    handler.onPartialToolCall(PartialToolCall.builder().index(0).id("tc-1").name("send")
                            .partialArguments(toolArguments.substring(0, 3)).build());
                    message.toolExecutionRequests(List.of(ToolExecutionRequest.builder().id("tc-1").name("send")
                            .arguments(toolArguments).build()));
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(message.build()).id("r-1")
                        .modelName("gpt-4o-mini").tokenUsage(new TokenUsage(8, 30))
                        .finishReason(toolArguments != null ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                        .build());
            });
            t.start();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return DefaultChatRequestParameters.builder().modelName("gpt-4o-mini").build();
        }

        @Override
        public List<ChatModelListener> listeners() {
            return List.of(new ChatModelListener() {
                @Override
                public void onRequest(ChatModelRequestContext ctx) {
                    listenerEvents.add("request");
                }
            });
        }

        @Override
        public ModelProvider provider() {
            return ModelProvider.OPEN_AI;
        }
    }

    /** What the application's handler receives. */
    static class Received implements StreamingChatResponseHandler {
        final List<String> partials = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicReference<ChatResponse> complete = new AtomicReference<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final List<CompleteToolCall> toolCalls = new CopyOnWriteArrayList<>();

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            partials.add(partial.text());
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            events.add("partialToolCall");
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall call) {
            events.add("completeToolCall");
            toolCalls.add(call);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            events.add("completeResponse");
            complete.set(response);
        }

        @Override
        public void onError(Throwable e) {
            events.add("error");
            error.set(e);
        }

        String text() {
            return String.join("", partials);
        }
    }

    final StreamingEcho provider = new StreamingEcho();
    final Received received = new Received();

    StreamingChatModel governed() {
        return AimsLangChain4j.govern(provider, aims -> aims.redactor(redactor).observer(observer));
    }

    @Test
    void chunksArriveWithPseudonymsRestoredAcrossChunkBoundaries() {
        governed().chat("mail " + EMAIL + " please", received);

        assertThat(provider.received.get(0).toString()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        assertThat(received.partials).hasSizeGreaterThan(1);
        assertThat(received.text()).isEqualTo(PROSE + "You said: mail " + EMAIL + " please " + PROSE);
        assertThat(received.complete.get().aiMessage().text()).contains("You said: mail " + EMAIL);
        assertThat(received.error.get()).isNull();
        CallRecord rec = observer.only();
        assertThat(rec.streaming()).isTrue();
        assertThat(rec.firstChunkAt()).isPresent();
        assertThat(rec.usage().outputTokens()).isEqualTo(30);
    }

    @Test
    void aPostDenialMidStreamEndsTheStreamWithAnErrorAndStopsTheProvider() {
        StreamingChatModel model = AimsLangChain4j.govern(provider, aims -> aims.observer(observer).policy(
                Policies.of("no-codename", "1", PolicyStage.POST,
                        in -> !in.response().orElseThrow().text().contains("Project Zeus"), "codename", "")));

        model.chat("tell me about Project Zeus", received);

        assertThat(received.error.get()).isInstanceOf(AiPolicyViolationException.class);
        assertThat(received.complete.get()).isNull();
        assertThat(received.text()).startsWith("We have looked").doesNotContain("Project").doesNotContain("You said");
        assertThat(provider.cancelled).isTrue();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void toolCallsOfAnUnnamedToolKeepThePlaceholders() {
        provider.toolArguments = "{\"to\":\"<EMAIL_ADDRESS_1>\"}";

        governed().chat("mail " + EMAIL, received);

        ToolExecutionRequest call = received.toolCalls.get(0).toolExecutionRequest();
        assertThat(call.arguments()).isEqualTo("{\"to\":\"<EMAIL_ADDRESS_1>\"}");
        assertThat(observer.only().restorations()).isEmpty();
    }

    @Test
    void toolCallsAreDeliveredWholeWithRestoredArgumentsBeforeTheResponse() {
        provider.toolArguments = "{\"to\":\"<EMAIL_ADDRESS_1>\"}";

        AimsLangChain4j.govern(provider, aims -> aims.redactor(redactor).observer(observer)
                .restoreIntoTools("send")).chat("mail " + EMAIL, received);

        assertThat(received.events).containsExactly("completeToolCall", "completeResponse");
        ToolExecutionRequest call = received.toolCalls.get(0).toolExecutionRequest();
        assertThat(call.arguments()).isEqualTo("{\"to\":\"" + EMAIL + "\"}");
        assertThat(call.id()).isEqualTo("tc-1");
        assertThat(received.complete.get().aiMessage().toolExecutionRequests()).containsExactly(call);
        assertThat(received.complete.get().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(observer.only().restorations()).containsExactly(new dev.aims.api.Restoration("EMAIL_ADDRESS",
                "send"));
    }

    @Test
    void cancellingStopsTheProviderAndSilencesTheHandler() {
        Received cancelling = new Received() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                super.onPartialResponse(partial, context);
                context.streamingHandle().cancel();
            }
        };

        governed().chat("hi", cancelling);

        assertThat(provider.cancelled).isTrue();
        assertThat(cancelling.partials).hasSize(1);
        assertThat(cancelling.events).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void anExceptionFromTheHandlerReachesItsOnError() {
        Received throwing = new Received() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                throw new IllegalStateException("handler bug");
            }
        };

        governed().chat("hi", throwing);

        assertThat(throwing.error.get()).hasMessage("handler bug");
    }

    @Test
    void theDelegatesListenersFireOncePerCall() {
        StreamingChatModel model = governed();

        model.chat("hi", received);

        assertThat(model.listeners()).isEmpty();
        assertThat(provider.listenerEvents).containsExactly("request");
        assertThat(model.provider()).isEqualTo(ModelProvider.OPEN_AI);
        assertThat(model.defaultRequestParameters().modelName()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anInterceptorThatContinuesOnAnotherThreadIsGovernedAsOnTheCallersThread() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            StreamingChatModel model = AimsLangChain4j.govern(provider, aims -> aims.redactor(redactor)
                    .observer(observer).interceptor(chain -> CompletableFuture.supplyAsync(
                            () -> chain.proceed(chain.request()), pool).join()));

            model.chat("mail " + EMAIL + " please", received);

            assertThat(received.error.get()).isNull();
            assertThat(received.text()).isEqualTo(PROSE + "You said: mail " + EMAIL + " please " + PROSE);
            assertThat(provider.threads).singleElement().isNotSameAs(Thread.currentThread());
            assertThat(provider.received.get(0).toString()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
            assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterceptorThatReplacesTheRequestWithABrandNewOneEndsTheStreamNamingToBuilder() {
        StreamingChatModel model = AimsLangChain4j.govern(provider, aims -> aims.observer(observer).interceptor(
                chain -> chain.proceed(AiRequest.builder().model("gpt-4o-mini").stream(true)
                        .messages(chain.request().messages()).build())));

        model.chat("hi", received);

        assertThat(received.error.get()).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("request.toBuilder()");
        assertThat(provider.received).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }
}
