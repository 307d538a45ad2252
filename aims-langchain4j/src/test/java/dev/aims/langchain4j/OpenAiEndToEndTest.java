package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Operator;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.core.Policies;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real LangChain4j OpenAI clients, wrapped by AIMS, over HTTP against a loopback OpenAI-compatible server that
 * quotes back what it received: assertions are on the bytes that left the process and on what the caller got.
 * The redactor is AIMS's own ({@link AimsRedactor}), pseudonymising.
 */
class OpenAiEndToEndTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String CARD = "4111 1111 1111 1111";
    static final String QUESTION = "Hi, I'm " + EMAIL + ". Please refund the charge on card " + CARD
            + " — it was taken twice. Could you confirm by e-mail? Thank you very much for your help with this.";

    final RecordingObserver observer = new RecordingObserver();
    /** The real redactor, pseudonymising so that answers come back restored. */
    final AimsRedactor redactor = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build();
    final List<String> listenerSaw = new CopyOnWriteArrayList<>();
    final ChatModelListener listener = new ChatModelListener() {
        @Override
        public void onRequest(ChatModelRequestContext ctx) {
            listenerSaw.add(ctx.chatRequest().messages().toString());
        }
    };
    LoopbackOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAiServer(4);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ChatModel openAi() {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini")
                .timeout(Duration.ofSeconds(10)).maxRetries(0).listeners(listener).build();
    }

    StreamingChatModel openAiStreaming() {
        return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key")
                .modelName("gpt-4o-mini").timeout(Duration.ofSeconds(10)).listeners(listener).build();
    }

    void assertNothingSensitiveLeft() {
        assertThat(server.bodies()).isNotEmpty();
        assertThat(server.allBodies()).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("4111111111111111")
                .doesNotContain("alice.smith");
        assertThat(String.join("\n", listenerSaw)).doesNotContain(EMAIL).doesNotContain(CARD);
    }

    @Test
    void aSupportQuestionLeavesRedactedAndTheAnswerComesBackRestored() {
        ChatModel model = AimsLangChain4j.govern(openAi(), aims -> aims.redactor(redactor).observer(observer));

        String answer = model.chat(QUESTION);

        assertNothingSensitiveLeft();
        assertThat(server.bodies().get(0)).contains("<EMAIL_ADDRESS_1>", "<CREDIT_CARD_1>");
        assertThat(answer).isEqualTo("You said: " + QUESTION);
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(rec.provider()).isEqualTo("openai");
        assertThat(rec.findingCounts()).containsEntry("EMAIL_ADDRESS", 1).containsEntry("CREDIT_CARD", 1);
        assertThat(rec.responseId()).contains("chatcmpl-1");
        assertThat(rec.usage().totalTokens()).isEqualTo(34);
        assertThat(listenerSaw).hasSize(1);
    }

    @Test
    void aStreamedAnswerWhosePlaceholdersAreSplitAcrossChunksIsRestored() throws Exception {
        StreamingChatModel model = AimsLangChain4j.govern(openAiStreaming(),
                aims -> aims.redactor(redactor).observer(observer));
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        model.chat(QUESTION, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                partials.add(partial.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        assertNothingSensitiveLeft();
        assertThat(String.join("", partials)).isEqualTo("You said: " + QUESTION);
        assertThat(partials).hasSizeGreaterThan(1);
        assertThat(response.aiMessage().text()).isEqualTo("You said: " + QUESTION);
        assertThat(observer.only().streaming()).isTrue();
        assertThat(observer.only().firstChunkAt()).isPresent();
    }

    @Test
    void aStreamedAnswerDeniedMidStreamNeverShowsTheDeniedText() throws Exception {
        StreamingChatModel model = AimsLangChain4j.govern(openAiStreaming(), aims -> aims.observer(observer)
                .policy(Policies.of("no-codename", "1", PolicyStage.POST,
                        in -> !in.response().orElseThrow().text().contains("Project Zeus"), "codename", "")));
        List<String> partials = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        String question = "Please write a long and friendly summary of our plans for next year, covering every team"
                + " and all of the milestones we agreed on, and only then mention Project Zeus at the very end.";

        model.chat(question, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                error.set(new AssertionError("completed"));
            }

            @Override
            public void onError(Throwable e) {
                error.set(e);
            }
        });

        assertThat(error.get()).isInstanceOf(AiPolicyViolationException.class);
        assertThat(String.join("", partials)).startsWith("You said: Please write").doesNotContain("Zeus");
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void personalDataTheModelWritesIsMaskedByTheOutputRuleBeforeAnyOfItIsStreamed() throws Exception {
        // The application lets IP addresses leave (KEEP), but its policy masks them in answers.
        AimsRedactor keepingIps = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE)
                .operator("IP_ADDRESS", Operator.KEEP).build();
        PolicySet policies = PolicyLoader.builder().redactor(keepingIps).build().load(PolicyFile.parse(
                "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"rules\": [{\"id\": \"output-check\","
                        + " \"type\": \"output\", \"action\": \"redact\", \"operator\": \"MASK\","
                        + " \"entities\": [\"IP_ADDRESS\"]}]}", "test policy"));
        StreamingChatModel model = AimsLangChain4j.govern(openAiStreaming(),
                aims -> aims.redactor(keepingIps).policies(policies.policies()).observer(observer));
        String question = "Our gateway 192.168.17.42 drops every connection after a minute, although " + EMAIL
                + " restarted it twice yesterday; what else could we try before we replace the hardware?";
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        model.chat(question, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        assertThat(server.allBodies()).contains("192.168.17.42").doesNotContain(EMAIL);
        String expected = "You said: " + question.replace("192.168.17.42", "*************");
        assertThat(String.join("", partials)).isEqualTo(expected);
        assertThat(partials).hasSizeGreaterThan(1).noneMatch(p -> p.contains("192.") || p.contains(".42"));
        assertThat(response.aiMessage().text()).isEqualTo(expected);
        assertThat(observer.only().decisiveDecision().orElseThrow().reasonCode()).isEqualTo("output_redacted");
    }

    /** The application's tools; named in restoreIntoTools, they see the real values, restored. */
    static final class OrderTools {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Looks up the orders of a customer")
        String lookupOrders(@P(name = "question", description = "what the customer asked") String question) {
            calls.add(question);
            return "Order 42 for " + EMAIL + ", paid with card " + CARD + ", was charged twice.";
        }
    }

    interface Assistant {
        String chat(String message);
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    void assertToolLoopGovernedAndLinked(OrderTools tools) {
        assertNothingSensitiveLeft();
        assertThat(server.bodies()).hasSize(2);
        assertThat(server.bodies().get(1)).contains("\"tool_call_id\"").contains("<EMAIL_ADDRESS_1>")
                .contains("<CREDIT_CARD_1>");
        assertThat(tools.calls).singleElement().satisfies(q -> assertThat(q).contains(EMAIL));
        assertThat(observer.records).hasSize(2);
        CallRecord first = observer.records.get(0);
        CallRecord second = observer.records.get(1);
        assertThat(first.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(second.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(first.finishReasons()).containsExactly(dev.aims.api.FinishReason.TOOL_CALLS);
        assertThat(first.context().parentCallId()).isEmpty();
        assertThat(second.context().parentCallId()).contains(first.callId());
        assertThat(second.context().sessionId()).isPresent().isEqualTo(first.context().sessionId());
        assertThat(second.context().principal()).contains("u-42");
        // the user message, the tool call arguments and the tool result each hold both values
        assertThat(second.findingCounts()).containsEntry("EMAIL_ADDRESS", 3).containsEntry("CREDIT_CARD", 3);
    }

    @Test
    void aToolCallingAiServiceHasEachRoundTripGovernedAndLinkedByParentCallId() {
        OrderTools tools = new OrderTools();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(AimsLangChain4j.govern(openAi(), aims -> aims.redactor(redactor).observer(observer)
                        .restoreIntoTools("lookupOrders")))
                .tools(tools).build();

        String answer;
        try (CallContext.Scope s = CallContext.bind(CallContext.builder().principal("u-42").build())) {
            answer = assistant.chat(QUESTION);
        }

        assertToolLoopGovernedAndLinked(tools);
        assertThat(answer).isEqualTo("Tool said: Order 42 for " + EMAIL + ", paid with card " + CARD
                + ", was charged twice. | You said: " + QUESTION);
        assertThat(listenerSaw).hasSize(2);
    }

    @Test
    void aStreamingToolCallingAiServiceHasEachRoundTripGovernedAndLinkedToo() throws Exception {
        OrderTools tools = new OrderTools();
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(AimsLangChain4j.govern(openAiStreaming(),
                        aims -> aims.redactor(redactor).observer(observer).restoreIntoTools("lookupOrders")))
                .tools(tools).build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        try (CallContext.Scope s = CallContext.bind(CallContext.builder().principal("u-42").build())) {
            assistant.chat(QUESTION).onPartialResponse(partials::add).onCompleteResponse(done::complete)
                    .onError(done::completeExceptionally).start();
        }

        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        assertToolLoopGovernedAndLinked(tools);
        String expected = "Tool said: Order 42 for " + EMAIL + ", paid with card " + CARD
                + ", was charged twice. | You said: " + QUESTION;
        assertThat(response.aiMessage().text()).isEqualTo(expected);
        assertThat(String.join("", partials)).isEqualTo(expected);
    }
}
