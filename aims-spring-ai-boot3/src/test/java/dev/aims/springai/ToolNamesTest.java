package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.testkit.LoopbackOpenAiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring AI 1.1's tools given by name ({@code toolNames}, resolved by a {@link ToolCallbackResolver}): a model
 * governed by hand with the resolver, or by the auto-configuration, runs them in AIMS's governed tool loop, and
 * their definitions reach the provider redacted; governed by hand without it, the call fails before anything is
 * sent, naming the tools. Against a loopback OpenAI-compatible server, with Spring AI's own OpenAI model.
 */
class ToolNamesTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String QUESTION = "Where is my order? It was charged twice, I think; thank you for looking into it.";

    LoopbackOpenAiServer server;
    /** A tool of the context, known to its resolver by name; its description holds an address to redact. */
    final StaticTool lookupOrders = new StaticTool("lookupOrders", "Looks up orders; escalations go to " + EMAIL,
            "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}}}", "Order 42, charged twice.");
    ApplicationContextRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAiServer(4);
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LineFixtures.openAiAutoConfigurations()))
                .withBean("lookupOrders", ToolCallback.class, () -> lookupOrders)
                .withPropertyValues("spring.ai.openai.base-url=" + server.baseUrl(),
                        "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini")
                .withPropertyValues(LineFixtures.noRetries());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Prompt namingTheTool() {
        return new Prompt(QUESTION, ToolCallingChatOptions.builder().toolNames("lookupOrders").build());
    }

    void assertTheToolRanInAGovernedLoop(String answer) {
        assertThat(answer).isEqualTo("Tool said: Order 42, charged twice. | You said: " + QUESTION);
        assertThat(lookupOrders.inputs).hasSize(1);
        assertThat(server.bodies()).hasSize(2);
        // The definition resolved by name went out redacted, in both round-trips.
        assertThat(server.allBodies()).contains("lookupOrders", "<EMAIL_ADDRESS_1>").doesNotContain(EMAIL);
    }

    @Test
    void aModelGovernedByHandWithTheResolverRunsToolsGivenByName() {
        runner.run(ctx -> {
            ChatModel governed = AimsSpringAi.govern(ctx.getBean(OpenAiChatModel.class),
                    ctx.getBean(ToolCallbackResolver.class), aims -> {
                    });

            assertTheToolRanInAGovernedLoop(governed.call(namingTheTool()).getResult().getOutput().getText());
        });
    }

    @Test
    void aStreamedCallRunsToolsGivenByNameToo() {
        runner.run(ctx -> {
            ChatModel governed = AimsSpringAi.govern(ctx.getBean(OpenAiChatModel.class),
                    ctx.getBean(ToolCallbackResolver.class), aims -> {
                    });

            List<ChatResponse> chunks = governed.stream(namingTheTool()).collectList().block(Duration.ofSeconds(10));

            StringBuilder text = new StringBuilder();
            chunks.forEach(c -> text.append(c.getResult() == null ? "" : c.getResult().getOutput().getText()));
            assertThat(text.toString()).endsWith("You said: " + QUESTION);
            assertThat(lookupOrders.inputs).hasSize(1);
            assertThat(server.allBodies()).contains("<EMAIL_ADDRESS_1>").doesNotContain(EMAIL);
        });
    }

    @Test
    void theAutoConfigurationResolvesToolsGivenByNameWithTheContextsResolver() {
        runner.withConfiguration(AutoConfigurations.of(AimsAutoConfiguration.class))
                .withPropertyValues("aims.enabled=true").run(ctx -> {
                    ChatModel governed = ctx.getBean(ChatModel.class);

                    assertTheToolRanInAGovernedLoop(governed.call(namingTheTool()).getResult().getOutput()
                            .getText());
                });
    }

    @Test
    void withoutAResolverACallNamingToolsFailsBeforeAnythingIsSentNamingThem() {
        runner.run(ctx -> {
            ChatModel governed = AimsSpringAi.govern(ctx.getBean(OpenAiChatModel.class), aims -> {
            });

            assertThatThrownBy(() -> governed.call(namingTheTool())).isInstanceOf(IllegalStateException.class)
                    .hasMessage("toolNames [lookupOrders]: tools given by name need the ToolCallbackResolver of the"
                            + " model's ToolCallingManager; govern the model with it: AimsSpringAi.govern(model,"
                            + " resolver, config); nothing was sent");
            assertThat(server.bodies()).isEmpty();
            assertThat(lookupOrders.inputs).isEmpty();
        });
    }

    @Test
    void aNameTheResolverDoesNotKnowFailsBeforeAnythingIsSent() {
        runner.run(ctx -> {
            ChatModel governed = AimsSpringAi.govern(ctx.getBean(OpenAiChatModel.class),
                    ctx.getBean(ToolCallbackResolver.class), aims -> {
                    });
            Prompt prompt = new Prompt(QUESTION, ToolCallingChatOptions.builder().toolNames("refund").build());

            assertThatThrownBy(() -> governed.call(prompt)).hasMessage("toolNames [refund]: the ToolCallbackResolver"
                    + " resolves no tool of that name; nothing was sent");
            assertThat(server.bodies()).isEmpty();
        });
    }
}
