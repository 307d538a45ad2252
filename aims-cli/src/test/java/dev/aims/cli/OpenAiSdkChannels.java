package dev.aims.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionDeveloperMessageParam;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputContent;
import com.openai.models.responses.ResponseInputImage;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseInputText;
import com.openai.models.responses.ResponseTextConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI SDK entry point of the end-to-end leak test ({@code AimsOpenAi...wrap(client)}): a chat-completions
 * request and a Responses request whose every channel the official SDK sends holds the seeded text — system and
 * developer texts and names, the user's name, texts and image URL, the assistant's text, refusal and tool call (name
 * and arguments), the tool result; the tool's name, description and parameter schema (description, enum, default,
 * examples); stop sequences; the response format's name, description and schema; {@code user},
 * {@code safety_identifier}, {@code prompt_cache_key} and {@code metadata}; the predicted output, the web search's user
 * location and the tool choice; for Responses the instructions, every input item kind, the stored prompt's variables,
 * the tool choice and the previous response's id likewise — and the SDK's real client.
 */
final class OpenAiSdkChannels {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where each channel of {@link #chat} stands in the JSON the provider receives. */
    static final List<String> CHAT_WIRE = List.of("/messages/0/content", "/messages/0/name", "/messages/1/content",
            "/messages/1/name", "/messages/2/content/0/text", "/messages/2/content/1/image_url/url", "/messages/2/name",
            "/messages/3/content", "/messages/3/name", "/messages/3/refusal",
            "/messages/3/tool_calls/0/function/arguments", "/messages/3/tool_calls/0/function/name",
            "/messages/4/content", "/messages/5/content", "/metadata/customer", "/prompt_cache_key",
            "/response_format/json_schema/name", "/response_format/json_schema/description",
            "/response_format/json_schema/schema/properties/q/description",
            "/response_format/json_schema/schema/properties/q/enum/0",
            "/response_format/json_schema/schema/properties/q/default",
            "/response_format/json_schema/schema/properties/q/examples/0", "/safety_identifier", "/stop/0",
            "/tools/0/function/name", "/tools/0/function/description",
            "/tools/0/function/parameters/properties/q/description", "/tools/0/function/parameters/properties/q/enum/0",
            "/tools/0/function/parameters/properties/q/default", "/tools/0/function/parameters/properties/q/examples/0",
            "/user", "/prediction/content", "/web_search_options/user_location/approximate/city",
            "/web_search_options/user_location/approximate/region", "/tool_choice/function/name");

    /** Where each channel of {@link #responses} stands in the JSON the provider receives. */
    static final List<String> RESPONSES_WIRE = List.of("/input/0/content", "/input/1/content/0/text",
            "/input/1/content/1/image_url", "/input/2/content", "/input/3/arguments", "/input/3/name",
            "/input/4/output", "/input/5/content", "/instructions", "/metadata/customer", "/prompt_cache_key",
            "/safety_identifier", "/text/format/name", "/text/format/description",
            "/text/format/schema/properties/q/description", "/text/format/schema/properties/q/enum/0",
            "/text/format/schema/properties/q/default", "/text/format/schema/properties/q/examples/0", "/tools/0/name",
            "/tools/0/description", "/tools/0/parameters/properties/q/description",
            "/tools/0/parameters/properties/q/enum/0", "/tools/0/parameters/properties/q/default",
            "/tools/0/parameters/properties/q/examples/0", "/user", "/prompt/variables/customer", "/tool_choice/name",
            "/previous_response_id");

    private OpenAiSdkChannels() {
    }

    /** @return a JSON schema whose every string-valued place (description, enum, default, examples) holds text */
    static Map<String, JsonValue> schema(String text) {
        String q = NothingRawAnywhereTest.quoted(text);
        String schema = "{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\", \"description\": " + q
                + ", \"enum\": [" + q + "], \"default\": " + q + ", \"examples\": [" + q + "]}}}";
        try {
            Map<String, Object> m = JSON.readValue(schema, new TypeReference<Map<String, Object>>() {
            });
            Map<String, JsonValue> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, JsonValue.from(v)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param text     the seeded text
     * @param imageUrl a URL holding values
     * @return a chat-completions request with every channel holding {@code text}
     */
    static ChatCompletionCreateParams chat(String text, String imageUrl) {
        String tool = "lookup " + text;
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addMessage(ChatCompletionSystemMessageParam.builder().content("You help with:\n" + text)
                        .name("desk of " + text).build())
                .addMessage(ChatCompletionDeveloperMessageParam.builder().content("Developer:\n" + text)
                        .name("dev " + text).build())
                .addMessage(ChatCompletionUserMessageParam.builder().name("customer " + text)
                        .contentOfArrayOfContentParts(List.of(
                                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                        .text("History:\n" + text).build()),
                                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(imageUrl)
                                                .detail(ChatCompletionContentPartImage.ImageUrl.Detail.LOW).build())
                                        .build()))).build())
                .addMessage(ChatCompletionAssistantMessageParam.builder().content("Earlier:\n" + text)
                        .refusal("Refused:\n" + text).name("agent " + text)
                        .addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall
                                .builder().id("call_1").function(ChatCompletionMessageFunctionToolCall.Function
                                        .builder().name(tool).arguments("{\"q\": "
                                                + NothingRawAnywhereTest.quoted(text) + "}").build()).build()))
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1").content("result:\n" + text)
                        .build())
                .addUserMessage("Now:\n" + text)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name(tool)
                        .description("Looks up " + text).parameters(FunctionParameters.builder()
                                .additionalProperties(schema(text)).build()).build()).build())
                .stopOfStrings(List.of("END " + text))
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema
                        .builder().name("answer " + text).description("An answer for " + text)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .additionalProperties(schema(text)).build()).build()).build())
                .user(text).safetyIdentifier(text).promptCacheKey(text)
                .metadata(ChatCompletionCreateParams.Metadata.builder().putAdditionalProperty("customer",
                        JsonValue.from(text)).build())
                .prediction(JsonValue.from(Map.of("type", "content", "content", "Predicted:\n" + text)))
                .webSearchOptions(JsonValue.from(Map.of("user_location", Map.of("type", "approximate",
                        "approximate", Map.of("city", text, "region", text)))))
                .toolChoice(JsonValue.from(Map.of("type", "function", "function", Map.of("name", tool))))
                .build();
    }

    /**
     * @param text     the seeded text
     * @param imageUrl a URL holding values
     * @return a Responses request with every channel holding {@code text}
     */
    static ResponseCreateParams responses(String text, String imageUrl) {
        String tool = "lookup " + text;
        ResponseFunctionToolCall call = ResponseFunctionToolCall.builder().callId("call_1").name(tool)
                .arguments("{\"q\": " + NothingRawAnywhereTest.quoted(text) + "}").build();
        return ResponseCreateParams.builder().model("gpt-4o-mini").instructions("You help with:\n" + text)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.DEVELOPER).content("Developer:\n" + text).build()),
                        ResponseInputItem.ofMessage(ResponseInputItem.Message.builder()
                                .role(ResponseInputItem.Message.Role.USER).content(List.of(
                                        ResponseInputContent.ofInputText(ResponseInputText.builder()
                                                .text("History:\n" + text).build()),
                                        ResponseInputContent.ofInputImage(ResponseInputImage.builder()
                                                .imageUrl(imageUrl).detail(ResponseInputImage.Detail.LOW).build())))
                                .build()),
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.ASSISTANT).content("Earlier:\n" + text).build()),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId("call_1").output("result:\n" + text).build()),
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.USER).content("Now:\n" + text).build())))
                .addTool(FunctionTool.builder().name(tool).description("Looks up " + text).strict(false)
                        .parameters(FunctionTool.Parameters.builder().additionalProperties(schema(text)).build())
                        .build())
                .text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder()
                        .name("answer " + text).description("An answer for " + text).schema(
                                ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                        .additionalProperties(schema(text)).build()).build()).build())
                .user(text).safetyIdentifier(text).promptCacheKey(text)
                .metadata(ResponseCreateParams.Metadata.builder().putAdditionalProperty("customer",
                        JsonValue.from(text)).build())
                .prompt(JsonValue.from(Map.of("id", "pmpt_1", "variables", Map.of("customer", text))))
                .toolChoice(JsonValue.from(Map.of("type", "function", "name", tool)))
                .previousResponseId("resp " + text)
                .build();
    }

    /** @return the SDK's client for {@code baseUrl} (ending in {@code /v1}), without retries */
    static OpenAIClient client(String baseUrl) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("test-key").maxRetries(0).build();
    }
}
