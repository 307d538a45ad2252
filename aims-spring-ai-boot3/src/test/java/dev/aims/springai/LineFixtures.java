package dev.aims.springai;

import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptions;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;

/** What the shared tests build differently on Spring AI 1.1; aims-spring-ai has its own for 2. */
final class LineFixtures {
    private LineFixtures() {
    }

    /**
     * @return the auto-configurations an application with Spring AI's OpenAI starter runs: on 1.1 its model talks
     *         through Spring's RestClient and WebClient, with Spring AI's retry
     */
    static Class<?>[] openAiAutoConfigurations() {
        return new Class<?>[] {OpenAiChatAutoConfiguration.class, ToolCallingAutoConfiguration.class,
            SpringAiRetryAutoConfiguration.class, RestClientAutoConfiguration.class,
            WebClientAutoConfiguration.class};
    }

    /** @return the properties that make a provider failure fail at once, without retries and their back-off */
    static String[] noRetries() {
        return new String[] {"spring.ai.retry.max-attempts=1"};
    }

    /** @return options of a class AIMS does not know (a subclass of the portable ones) */
    static ChatOptions foreignOptions(String model) {
        DefaultChatOptions foreign = new DefaultChatOptions() {
        };
        foreign.setModel(model);
        return foreign;
    }

    /** @return options with a structured-output schema */
    static ChatOptions structuredOutputOptions(String model, String schema) {
        // Spring AI 1.1 has no portable class for it; OpenAI's options are structured-output options too.
        return OpenAiChatOptions.builder().model(model).outputSchema(schema).build();
    }

    /** @return the structured-output schema the options of {@link #structuredOutputOptions} send */
    static String outputSchemaOf(ChatOptions options) {
        // Spring AI 1.1's getOutputSchema() reads a field its own builder leaves empty: read what is sent.
        return JsonValues.write(((OpenAiChatOptions) options).getResponseFormat().getJsonSchema().getSchema());
    }

    /**
     * @return OpenAI options whose every text-bearing setting carries {@code text}; the output modalities are an
     *         enum on Spring AI 1.1's wire, so they carry none
     */
    static OpenAiChatOptions openAiOptionsCarrying(String text, ToolCallback tool, String schema, String toolChoice) {
        return OpenAiChatOptions.builder().model("gpt-4o-mini").toolCallbacks(tool)
                .stop(List.of("END " + text)).outputSchema(schema).user(text).safetyIdentifier(text)
                .metadata(Map.of("customer", text)).extraBody(Map.of("note", text, "nested", Map.of("list",
                        List.of(text)))).promptCacheKey(text).toolChoice(toolChoice)
                .reasoningEffort(text).verbosity(text).serviceTier(text).outputModalities(List.of("text"))
                .logitBias(Map.of(text, 1))
                // One round-trip, as on Spring AI 2, where the model never runs tools itself.
                .internalToolExecutionEnabled(false)
                .build();
    }
}
