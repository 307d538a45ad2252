package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.CallRecord;
import dev.aims.testkit.LoopbackOpenAiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring AI's own OpenAI client, auto-configured in a Spring Boot context with {@code aims.enabled=true} (and AIMS's
 * default redactor, pseudonymising), over HTTP against a loopback OpenAI-compatible server that quotes back what it
 * received.
 */
class OpenAiEndToEndTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String CARD = "4111 1111 1111 1111";
    static final String QUESTION = "Hi, I'm " + EMAIL + ". Please refund the charge on card " + CARD
            + " — it was taken twice. Could you confirm by e-mail? Thank you very much for your help with this.";

    LoopbackOpenAiServer server;
    ApplicationContextRunner runner;

    /** The only AIMS bean the test adds: an observer. Redaction is AIMS's own redactor, by default. */
    @Configuration(proxyBeanMethods = false)
    static class AimsBeans {
        @Bean
        RecordingObserver recordingObserver() {
            return new RecordingObserver();
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAiServer(4);
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LineFixtures.openAiAutoConfigurations()))
                .withConfiguration(AutoConfigurations.of(AimsAutoConfiguration.class))
                .withUserConfiguration(AimsBeans.class)
                .withPropertyValues("aims.enabled=true", "aims.models.allow=gpt-4o*",
                        "spring.ai.openai.base-url=" + server.baseUrl(), "spring.ai.openai.api-key=test-key",
                        "spring.ai.openai.chat.model=gpt-4o-mini")
                .withPropertyValues(LineFixtures.noRetries());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void assertNothingSensitiveLeft() {
        assertThat(server.bodies()).isNotEmpty();
        assertThat(server.allBodies()).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("4111111111111111")
                .doesNotContain("alice.smith").contains("<EMAIL_ADDRESS_1>", "<CREDIT_CARD_1>");
    }

    @Test
    void theAutoConfiguredOpenAiModelSendsRedactedTextAndReturnsItRestored() {
        runner.run(ctx -> {
            ChatModel model = ctx.getBean(ChatModel.class);
            assertThat(model).isInstanceOf(GovernedChatModel.class);

            String answer = model.call(QUESTION);

            assertNothingSensitiveLeft();
            assertThat(answer).isEqualTo("You said: " + QUESTION);
            CallRecord rec = ctx.getBean(RecordingObserver.class).only();
            assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
            assertThat(rec.provider()).isEqualTo("openai");
            assertThat(rec.requestModel()).isEqualTo("gpt-4o-mini");
            assertThat(rec.findingCounts()).containsEntry("EMAIL_ADDRESS", 1).containsEntry("CREDIT_CARD", 1);
            assertThat(rec.decisions()).extracting(d -> d.policyId()).containsExactly("model-allow-list");
            assertThat(rec.usage().totalTokens()).isEqualTo(34);
        });
    }

    @Test
    void aStreamedAnswerWhosePlaceholdersAreSplitAcrossChunksIsRestored() {
        runner.run(ctx -> {
            List<ChatResponse> chunks = ctx.getBean(ChatModel.class).stream(new Prompt(QUESTION)).collectList()
                    .block(Duration.ofSeconds(10));

            assertNothingSensitiveLeft();
            StringBuilder text = new StringBuilder();
            for (ChatResponse c : chunks) {
                text.append(c.getResult().getOutput().getText());
            }
            assertThat(text.toString()).isEqualTo("You said: " + QUESTION);
            assertThat(chunks).hasSizeGreaterThan(2);
            CallRecord rec = ctx.getBean(RecordingObserver.class).only();
            assertThat(rec.streaming()).isTrue();
            assertThat(rec.firstChunkAt()).isPresent();
        });
    }

    /**
     * The application's tools. No tool is named for restoration here, so they see the placeholders the model was
     * given, never the real values (a model must not route a value to a tool unasked).
     */
    static final class OrderTools {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool(description = "Looks up the orders of a customer")
        String lookupOrders(@ToolParam(description = "what the customer asked") String question) {
            calls.add(question);
            return "Order 42 for " + EMAIL + ", paid with card " + CARD + ", was charged twice.";
        }
    }

    @Test
    void eachRoundTripOfAChatClientToolLoopIsGoverned() {
        runner.run(ctx -> {
            OrderTools tools = new OrderTools();

            String answer = ChatClient.create(ctx.getBean(ChatModel.class)).prompt().user(QUESTION).tools(tools)
                    .call().content();

            assertNothingSensitiveLeft();
            assertThat(server.bodies()).hasSize(2);
            assertThat(tools.calls).singleElement().satisfies(q -> assertThat(q).doesNotContain(EMAIL)
                    .contains("<EMAIL_ADDRESS_1>"));
            // Spring AI sends a String tool result as a JSON string, quotes included
            assertThat(answer).isEqualTo("Tool said: \"Order 42 for " + EMAIL + ", paid with card " + CARD
                    + ", was charged twice.\" | You said: " + QUESTION);
            List<CallRecord> records = ctx.getBean(RecordingObserver.class).records;
            assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.outcome())
                    .isEqualTo(CallRecord.Outcome.ALLOWED));
            assertThat(records.get(0).finishReasons()).containsExactly(dev.aims.api.FinishReason.TOOL_CALLS);
        });
    }

    @Test
    void aToolTheRestoreIntoToolsPropertyNamesGetsTheRealValues() {
        runner.withPropertyValues("aims.restore-into-tools=lookupOrders").run(ctx -> {
            OrderTools tools = new OrderTools();

            ChatClient.create(ctx.getBean(ChatModel.class)).prompt().user(QUESTION).tools(tools).call().content();

            assertNothingSensitiveLeft();
            assertThat(tools.calls).singleElement().satisfies(q -> assertThat(q).contains(EMAIL));
            assertThat(ctx.getBean(RecordingObserver.class).records.get(0).restorations()).isNotEmpty();
        });
    }
}
