package dev.aims.springai;

import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptions;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;

/** What the shared tests build differently on Spring AI 2; aims-spring-ai-boot3 has its own for 1.1. */
final class LineFixtures {
    private LineFixtures() {
    }

    /** @return the auto-configurations an application with Spring AI's OpenAI starter runs */
    static Class<?>[] openAiAutoConfigurations() {
        return new Class<?>[] {OpenAiChatAutoConfiguration.class, ToolCallingAutoConfiguration.class};
    }

    /** @return the properties that make a provider failure fail at once, without retries and their back-off */
    static String[] noRetries() {
        return new String[] {"spring.ai.openai.max-retries=0"};
    }

    /** @return options of a class AIMS does not know (a subclass of the portable ones) */
    static ChatOptions foreignOptions(String model) {
        return new DefaultChatOptions(model, null, null, null, null, null, null, null) {
        };
    }

    /** @return options with a structured-output schema (Spring AI's portable ones) */
    static ChatOptions structuredOutputOptions(String model, String schema) {
        return StructuredOutputChatOptions.builder().model(model).outputSchema(schema).build();
    }

    /** @return the structured-output schema the options of {@link #structuredOutputOptions} send */
    static String outputSchemaOf(ChatOptions options) {
        return ((StructuredOutputChatOptions) options).getOutputSchema();
    }

    /** @return OpenAI options whose every text-bearing setting carries {@code text} */
    static OpenAiChatOptions openAiOptionsCarrying(String text, ToolCallback tool, String schema, String toolChoice) {
        return OpenAiChatOptions.builder().model("gpt-4o-mini").toolCallbacks(tool)
                .stopSequences(List.of("END " + text)).outputSchema(schema).user(text)
                .metadata(Map.of("customer", text)).extraBody(Map.of("note", text, "nested", Map.of("list",
                        List.of(text)))).promptCacheKey(text).toolChoice(toolChoice)
                .reasoningEffort(text).verbosity(text).serviceTier(text).outputModalities(List.of(text))
                .logitBias(Map.of(text, 1))
                .streamOptions(new OpenAiChatOptions.StreamOptions(null, true, Map.of("trace", text)))
                .build();
    }
}
