package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.core.ModelAllowList;
import dev.aims.core.Policies;
import dev.aims.testkit.FakeRedactor;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class GovernedChatModelTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String CARD = "4111 1111 1111 1111";

    final RecordingObserver observer = new RecordingObserver();
    final FakeRedactor redactor = new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS", CARD, "CREDIT_CARD"));

    /** A provider model that echoes the last user text, with a listener counting its own events. */
    static class EchoModel implements ChatModel {
        final List<ChatRequest> received = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final List<String> listenerEvents = new CopyOnWriteArrayList<>();
        final List<Map<Object, Object>> listenerAttributes = new CopyOnWriteArrayList<>();
        RuntimeException failure;

        @Override
        public ChatResponse doChat(ChatRequest request) {
            received.add(request);
            threads.add(Thread.currentThread());
            if (failure != null) {
                throw failure;
            }
            String said = ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
            return ChatResponse.builder().aiMessage(AiMessage.from("You said: " + said)).id("resp-1")
                    .modelName(request.modelName() + "-2024").tokenUsage(new TokenUsage(10, 4))
                    .finishReason(FinishReason.STOP).build();
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
                    listenerEvents.add("request:" + ((UserMessage) ctx.chatRequest().messages().get(0))
                            .singleText());
                    listenerAttributes.add(Map.copyOf(ctx.attributes()));
                }

                @Override
                public void onResponse(ChatModelResponseContext ctx) {
                    listenerEvents.add("response");
                }
            });
        }

        @Override
        public ModelProvider provider() {
            return ModelProvider.OPEN_AI;
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
    }

    final EchoModel provider = new EchoModel();

    ChatModel governed() {
        return AimsLangChain4j.govern(provider, aims -> aims.redactor(redactor).observer(observer));
    }

    @Test
    void redactsBeforeTheProviderAndRestoresForTheCaller() {
        String answer = governed().chat("Refund " + CARD + " and mail " + EMAIL);

        assertThat(provider.received).singleElement().satisfies(r -> assertThat(r.toString())
                .doesNotContain(EMAIL).doesNotContain(CARD).contains("<EMAIL_ADDRESS_1>", "<CREDIT_CARD_1>"));
        assertThat(answer).isEqualTo("You said: Refund " + CARD + " and mail " + EMAIL);
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(rec.findingCounts()).containsEntry("EMAIL_ADDRESS", 1).containsEntry("CREDIT_CARD", 1);
        assertThat(rec.provider()).isEqualTo("openai");
        assertThat(rec.requestModel()).isEqualTo("gpt-4o-mini");
        assertThat(rec.responseModel()).contains("gpt-4o-mini-2024");
        assertThat(rec.responseId()).contains("resp-1");
        assertThat(rec.usage().inputTokens()).isEqualTo(10);
    }

    @Test
    void theDelegatesListenersFireOncePerCallOnTheRequestAsSent() {
        ChatModel model = governed();
        ChatRequestOptions options = ChatRequestOptions.builder().addListenerAttribute("tenant", "t-1").build();

        model.chat(ChatRequest.builder().messages(UserMessage.from("mail " + EMAIL)).build(), options);

        assertThat(model.listeners()).isEmpty();
        assertThat(provider.listenerEvents).containsExactly("request:mail <EMAIL_ADDRESS_1>", "response");
        assertThat(provider.listenerAttributes).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("tenant", "t-1"));
    }

    @Test
    void describesItselfAsTheDelegateDoes() {
        ChatModel model = governed();

        assertThat(model.provider()).isEqualTo(ModelProvider.OPEN_AI);
        assertThat(model.defaultRequestParameters().modelName()).isEqualTo("gpt-4o-mini");
        assertThat(model.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Test
    void aDeniedCallNeverReachesTheProviderNorItsListeners() {
        ChatModel model = AimsLangChain4j.govern(provider, aims -> aims.policy(ModelAllowList.of("claude-*"))
                .observer(observer));

        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> model.chat("hello"));

        assertThat(e.decision().policyId()).isEqualTo("model-allow-list");
        assertThat(provider.received).isEmpty();
        assertThat(provider.listenerEvents).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void aPostDenialStopsTheAnswer() {
        ChatModel model = AimsLangChain4j.govern(provider, aims -> aims.observer(observer).policy(Policies.of(
                "no-echo", "1", PolicyStage.POST, in -> !in.response().orElseThrow().text().startsWith("You said"),
                "echo", "")));

        Throwable e = catchThrowable(() -> model.chat("hello"));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(provider.received).hasSize(1);
    }

    @Test
    void aProviderFailureReachesTheCallerAsTheProvidersOwnException() {
        provider.failure = new IllegalStateException("rate limited");

        Throwable e = catchThrowable(() -> governed().chat("mail " + EMAIL));

        assertThat(e).isSameAs(provider.failure);
        assertThat(e.getSuppressed()).singleElement().isInstanceOf(AiProviderException.class);
        assertThat(e.getSuppressed()[0].getMessage()).doesNotContain(EMAIL);
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
        assertThat(observer.only().errorType()).contains(IllegalStateException.class.getName());
    }

    @Test
    void anAnswerGovernanceLeftUnchangedIsTheDelegatesOwn() {
        ChatResponse[] fromProvider = new ChatResponse[1];
        ChatModel spy = new EchoModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                fromProvider[0] = super.doChat(request);
                return fromProvider[0];
            }
        };

        ChatResponse r = AimsLangChain4j.govern(spy, aims -> { }).chat(ChatRequest.builder()
                .messages(UserMessage.from("hi")).build());

        assertThat(r).isSameAs(fromProvider[0]);
    }

    @Test
    void doChatIsGovernedToo() {
        ChatResponse r = governed().doChat(ChatRequest.builder().messages(UserMessage.from("mail " + EMAIL)).build());

        assertThat(r.aiMessage().text()).isEqualTo("You said: mail " + EMAIL);
        assertThat(provider.received.get(0).toString()).doesNotContain(EMAIL);
        assertThat(observer.records).hasSize(1);
    }

    @Test
    void theBoundContextIsRecorded() {
        CallContext ctx = CallContext.builder().principal("u-7").tenant("support").sessionId("s-1").build();

        try (CallContext.Scope s = CallContext.bind(ctx)) {
            governed().chat("hi");
        }

        assertThat(observer.only().context()).isEqualTo(ctx);
    }

    @Test
    void namesItselfAfterTheDelegate() {
        assertThat(governed()).hasToString("AimsLangChain4j.govern(EchoModel)");
    }

    @Test
    void anInterceptorThatContinuesOnAnotherThreadIsGovernedAsOnTheCallersThread() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ChatModel model = AimsLangChain4j.govern(provider, aims -> aims.redactor(redactor).observer(observer)
                    .interceptor(chain -> CompletableFuture.supplyAsync(() -> chain.proceed(chain.request()), pool)
                            .join()));

            String answer = model.chat("mail " + EMAIL);

            assertThat(answer).isEqualTo("You said: mail " + EMAIL);
            assertThat(provider.threads).singleElement().isNotSameAs(Thread.currentThread());
            assertThat(provider.received.get(0).toString()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
            assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterceptorThatReplacesTheRequestWithABrandNewOneFailsNamingToBuilder() {
        ChatModel model = AimsLangChain4j.govern(provider, aims -> aims.observer(observer).interceptor(chain ->
                chain.proceed(AiRequest.builder().model("gpt-4o-mini").messages(chain.request().messages()).build())));

        AiGovernanceException e = catchThrowableOfType(AiGovernanceException.class, () -> model.chat("hi"));

        assertThat(e.getMessage()).contains("request.toBuilder()");
        assertThat(e.callId()).isEqualTo(observer.only().callId());
        assertThat(provider.received).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void aPolicyThatReplacesTheRequestWithABrandNewOneFailsNamingToBuilderToo() {
        Policy rewriting = new Policy() {
            @Override
            public String id() {
                return "rewrite";
            }

            @Override
            public PolicyDecision evaluate(PolicyInput input) {
                return PolicyDecision.modify(this, PolicyStage.PRE, "rewritten", "", AiRequest.builder()
                        .model("gpt-4o-mini").messages(input.request().messages()).build());
            }
        };
        ChatModel model = AimsLangChain4j.govern(provider, aims -> aims.observer(observer).policy(rewriting));

        AiGovernanceException e = catchThrowableOfType(AiGovernanceException.class, () -> model.chat("hi"));

        assertThat(e.getMessage()).contains("request.toBuilder()");
        assertThat(provider.received).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }
}
