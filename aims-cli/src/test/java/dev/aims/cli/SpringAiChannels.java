package dev.aims.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.MimeTypeUtils;

/**
 * The Spring AI entry point of the end-to-end leak test ({@code AimsSpringAi.govern} over Spring AI 2's real
 * {@code OpenAiChatModel}): a prompt whose every channel that model sends holds the seeded text — system text; the
 * user's text, an image URL and a named document URL; the assistant's text, reasoning, tool call (name and
 * arguments) and its additional properties; the tool response (name and data); and every text-bearing setting of
 * {@code OpenAiChatOptions}: the tool's name, description and input schema, stop sequences, the output schema,
 * {@code user}, {@code metadata}, the extra body, {@code prompt_cache_key}, the tool choice, reasoning effort,
 * verbosity, service tier, output modalities, logit bias, the stream options' additional properties and a custom HTTP
 * header the call adds (one-line values: a header cannot hold a line break).
 */
final class SpringAiChannels {
    /** Where each channel of {@link #everyChannel} stands in the JSON the provider receives. */
    static final List<String> WIRE = List.of("/messages/0/content", "/messages/1/content/0/text",
            "/messages/1/content/1/image_url/url", "/messages/1/content/2/file/filename", "/messages/2/content",
            "/messages/2/tool_calls/0/function/arguments", "/messages/2/tool_calls/0/function/name",
            "/messages/2/tool_calls/0/extra", "/messages/2/reasoning_content", "/messages/3/content",
            "/messages/4/content", "/metadata/customer", "/modalities/0", "/prompt_cache_key", "/reasoning_effort",
            "/response_format/json_schema/schema/properties/q/description",
            "/response_format/json_schema/schema/properties/q/enum/0",
            "/response_format/json_schema/schema/properties/q/default",
            "/response_format/json_schema/schema/properties/q/examples/0", "/service_tier", "/stop",
            "/tool_choice/function/name", "/tools/0/function/name", "/tools/0/function/description",
            "/tools/0/function/parameters/properties/q/description", "/tools/0/function/parameters/properties/q/enum/0",
            "/tools/0/function/parameters/properties/q/default", "/tools/0/function/parameters/properties/q/examples/0",
            "/user", "/verbosity", "/note", "/nested/list/0");

    private SpringAiChannels() {
    }

    /** A tool: Spring AI sends its definition; when it answers, ChatClient's tool loop runs it. */
    static final class Tool implements ToolCallback {
        private final ToolDefinition definition;
        private final String answer;
        final List<String> inputs = new CopyOnWriteArrayList<>();

        Tool(String name, String description, String schema) {
            this(name, description, schema, null);
        }

        /** @param answer what the tool returns; null for a tool that must never run */
        Tool(String name, String description, String schema, String answer) {
            definition = ToolDefinition.builder().name(name).description(description).inputSchema(schema).build();
            this.answer = answer;
        }

        @Override
        public ToolDefinition getToolDefinition() {
            return definition;
        }

        @Override
        public String call(String toolInput) {
            if (answer == null) {
                throw new AssertionError("the test's prompts hold the tool's result already");
            }
            inputs.add(toolInput);
            return answer;
        }
    }

    /**
     * @param text     the seeded text
     * @param line     the seeded values that fit on one line, for an HTTP header
     * @param imageUrl a URL holding values
     * @return the prompt
     */
    static Prompt everyChannel(String text, String line, String imageUrl) {
        String q = NothingRawAnywhereTest.quoted(text);
        String schema = "{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\", \"description\": " + q
                + ", \"enum\": [" + q + "], \"default\": " + q + ", \"examples\": [" + q + "]}}}";
        String tool = "lookup " + text;
        OpenAiChatOptions options = OpenAiChatOptions.builder().model("gpt-4o-mini")
                .toolCallbacks(new Tool(tool, "Looks up " + text, schema))
                .stopSequences(List.of("END " + text)).outputSchema(schema).user(text)
                .metadata(Map.of("customer", text))
                .extraBody(Map.of("note", text, "nested", Map.of("list", List.of(text))))
                .promptCacheKey(text)
                .toolChoice("{\"type\": \"function\", \"function\": {\"name\": " + NothingRawAnywhereTest.quoted(tool)
                        + "}}")
                .reasoningEffort(text).verbosity(text).serviceTier(text).outputModalities(List.of(text))
                .logitBias(Map.of(text, 1))
                .streamOptions(new OpenAiChatOptions.StreamOptions(null, true, Map.of("trace", text)))
                .customHeaders(Map.of("X-Customer", line))
                .build();
        return new Prompt(List.of(
                new SystemMessage("You help with:\n" + text),
                UserMessage.builder().text("History:\n" + text).media(
                        Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(imageUrl).build(),
                        Media.builder().mimeType(Media.Format.DOC_PDF).data("https://files.example/statement.pdf")
                                .name("statement of " + text).build()).build(),
                AssistantMessage.builder().content("Earlier:\n" + text)
                        .toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", tool,
                                "{\"q\": " + q + "}")))
                        .properties(Map.of("reasoningContent", "thinking about\n" + text,
                                "openai.tool_calls.additional_properties",
                                Map.of("call_1", "{\"extra\": " + q + "}"))).build(),
                ToolResponseMessage.builder().responses(List.of(new ToolResponseMessage.ToolResponse("call_1",
                        tool, "result:\n" + text))).build(),
                new UserMessage("Now:\n" + text)),
                options);
    }

    /** @return Spring AI's OpenAI model for {@code baseUrl} (ending in {@code /v1}), without retries */
    static ChatModel model(String baseUrl) {
        return OpenAiChatModel.builder().options(OpenAiChatOptions.builder().baseUrl(baseUrl).apiKey("test-key")
                .model("gpt-4o-mini").maxRetries(0).timeout(Duration.ofSeconds(10)).build()).build();
    }
}
