package dev.aims.cli;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The LangChain4j entry point of the end-to-end leak test: a chat request whose every channel LangChain4j's OpenAI
 * client sends holds the seeded text — system text; the user's name, texts and image URL; the AI's text, thinking
 * and tool call (name and arguments); the tool result; the tool's name, description and parameter schema
 * (description and enum); stop sequences; the response-format schema and its name; OpenAI's {@code metadata},
 * {@code service_tier} and a custom parameter's value — and the real OpenAI clients, set to log requests and
 * responses, with {@code user} set on the model.
 */
final class LangChain4jChannels {
    private LangChain4jChannels() {
    }

    /** @param text the seeded text @param imageUrl a URL holding values @return the request */
    static ChatRequest everyChannel(String text, String imageUrl) {
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_1").name("lookup " + text)
                .arguments("{\"q\":" + NothingRawAnywhereTest.quoted(text) + "}").build();
        ToolSpecification tool = ToolSpecification.builder().name("lookup " + text).description("Looks up " + text)
                .parameters(JsonObjectSchema.builder().addStringProperty("q", "who, e.g. " + text)
                        .addProperty("kind", JsonEnumSchema.builder().enumValues("open", text).build())
                        .required("q").build())
                .build();
        JsonSchema format = JsonSchema.builder().name("answer " + text).rootElement(JsonObjectSchema.builder()
                .addStringProperty("reply", "about " + text).build()).build();
        return ChatRequest.builder()
                .messages(List.of(
                        SystemMessage.from("You help with:\n" + text),
                        UserMessage.builder().name("customer " + text).contents(List.of(
                                TextContent.from("History:\n" + text), ImageContent.from(imageUrl))).build(),
                        AiMessage.builder().text("Earlier:\n" + text).thinking("they wrote\n" + text)
                                .toolExecutionRequests(List.of(call)).build(),
                        ToolExecutionResultMessage.from(call, "result:\n" + text),
                        UserMessage.from("Now:\n" + text)))
                .parameters(OpenAiChatRequestParameters.builder()
                        .stopSequences("END " + text)
                        .toolSpecifications(tool)
                        .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(format)
                                .build())
                        .metadata(Map.of("customer", text))
                        .serviceTier("flex " + text)
                        .customParameters(Map.of("note", Map.of("who", text)))
                        .build())
                .build();
    }

    /** @return LangChain4j's OpenAI client for {@code baseUrl}, logging what it sends and receives */
    static ChatModel model(String baseUrl, String user) {
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("test-key").modelName("gpt-4o-mini").user(user)
                .sendThinking(true).supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .logRequests(true).logResponses(true).timeout(Duration.ofSeconds(10)).maxRetries(0).build();
    }

    /** @return LangChain4j's streaming OpenAI client for {@code baseUrl}, logging what it sends and receives */
    static StreamingChatModel streamingModel(String baseUrl, String user) {
        return OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey("test-key").modelName("gpt-4o-mini")
                .user(user).sendThinking(true).logRequests(true).logResponses(true)
                .timeout(Duration.ofSeconds(10)).build();
    }
}
