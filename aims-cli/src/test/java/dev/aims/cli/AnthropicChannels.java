package dev.aims.cli;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.LogLevel;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Anthropic SDK entry point of the end-to-end leak test ({@code AimsAnthropic...wrap(client)}): a Messages API
 * request whose every channel the official SDK sends holds the seeded text — the system prompt; the user's texts,
 * citations, image and document URLs, text and content documents (title, context, data), search results (source,
 * title, content); the assistant's thinking (and signature), text and tool use (name and input); the tool result's
 * content; the tools' names, descriptions and input schemas (description, enum, default, examples) and a server
 * tool's user location; stop sequences; {@code metadata.user_id}; the output format's schema; an unknown body field;
 * an additional header, an additional query parameter and the user-profile id (one-line values: a header cannot hold
 * a line break) — and the SDK's real client, logging what it sends at DEBUG.
 */
final class AnthropicChannels {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where each channel of {@link #everyChannel} stands in the JSON body the provider receives. */
    static final List<String> WIRE = List.of("/system/0/text", "/messages/0/content/0/text",
            "/messages/0/content/0/citations/0/cited_text", "/messages/0/content/0/citations/0/document_title",
            "/messages/0/content/1/source/url", "/messages/0/content/2/source/data", "/messages/0/content/2/context",
            "/messages/0/content/2/title", "/messages/0/content/3/source/url",
            "/messages/0/content/4/source/content/0/text", "/messages/0/content/5/content/0/text",
            "/messages/0/content/5/source", "/messages/0/content/5/title", "/messages/1/content/0/signature",
            "/messages/1/content/0/thinking", "/messages/1/content/1/text", "/messages/1/content/2/input/q",
            "/messages/1/content/2/name", "/messages/2/content/0/content/0/text", "/messages/2/content/1/text",
            "/tools/0/name", "/tools/0/description", "/tools/0/input_schema/properties/q/description",
            "/tools/0/input_schema/properties/q/default", "/tools/0/input_schema/properties/q/enum/0",
            "/tools/0/input_schema/properties/q/examples/0", "/tools/1/user_location/city",
            "/tools/1/user_location/region", "/stop_sequences/0", "/metadata/user_id",
            "/output_config/format/schema/properties/reply/description", "/x_note");

    private AnthropicChannels() {
    }

    /**
     * @param text the seeded text
     * @param line the seeded values that fit on one line
     * @param url  a URL holding values
     * @param sdk  the SDK's client, whose mapper reads the wire JSON
     * @return the request
     */
    static MessageCreateParams everyChannel(String text, String line, String url, AnthropicClient sdk) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", "claude-3-5-haiku-latest").put("max_tokens", 512);
        body.putArray("system").addObject().put("type", "text").put("text", "You help with:\n" + text);
        ArrayNode messages = body.putArray("messages");
        ArrayNode user = messages.addObject().put("role", "user").putArray("content");
        ObjectNode cited = user.addObject().put("type", "text").put("text", "History:\n" + text);
        cited.putArray("citations").addObject().put("type", "char_location").put("cited_text", text)
                .put("document_index", 0).put("document_title", text).put("start_char_index", 0)
                .put("end_char_index", 4);
        user.addObject().put("type", "image").putObject("source").put("type", "url").put("url", url);
        ObjectNode doc = user.addObject().put("type", "document").put("title", "Statement of " + text)
                .put("context", "Context: " + text);
        doc.putObject("source").put("type", "text").put("media_type", "text/plain").put("data", "Statement:\n" + text);
        user.addObject().put("type", "document").putObject("source").put("type", "url").put("url", url);
        user.addObject().put("type", "document").putObject("source").put("type", "content").putArray("content")
                .addObject().put("type", "text").put("text", "Page:\n" + text);
        user.addObject().put("type", "search_result").put("source", url).put("title", "Result " + text)
                .putArray("content").addObject().put("type", "text").put("text", "Found:\n" + text);
        ArrayNode assistant = messages.addObject().put("role", "assistant").putArray("content");
        assistant.addObject().put("type", "thinking").put("thinking", "They wrote\n" + text)
                .put("signature", "sig " + line);
        assistant.addObject().put("type", "text").put("text", "Earlier:\n" + text);
        assistant.addObject().put("type", "tool_use").put("id", "toolu_1").put("name", "lookup " + line)
                .putObject("input").put("q", text);
        ArrayNode results = messages.addObject().put("role", "user").putArray("content");
        results.addObject().put("type", "tool_result").put("tool_use_id", "toolu_1").put("is_error", false)
                .putArray("content").addObject().put("type", "text").put("text", "result:\n" + text);
        results.addObject().put("type", "text").put("text", "Now:\n" + text);
        ArrayNode tools = body.putArray("tools");
        ObjectNode tool = tools.addObject().put("name", "lookup " + line).put("description", "Looks up " + text);
        ObjectNode q = tool.putObject("input_schema").put("type", "object").putObject("properties").putObject("q");
        q.put("type", "string").put("description", text).put("default", text);
        q.putArray("enum").add(text);
        q.putArray("examples").add(text);
        tools.addObject().put("type", "web_search_20250305").put("name", "web_search").put("max_uses", 2)
                .putObject("user_location").put("type", "approximate").put("city", line).put("region", line);
        body.putArray("stop_sequences").add("END " + text);
        body.putObject("metadata").put("user_id", line);
        body.putObject("output_config").putObject("format").put("type", "json_schema").putObject("schema")
                .put("type", "object").putObject("properties").putObject("reply").put("type", "string")
                .put("description", text);
        body.put("x_note", text);
        try {
            return MessageCreateParams.builder()
                    .body(sdk.options().jsonMapper().treeToValue(body, MessageCreateParams.Body.class))
                    .putAdditionalHeader("x-customer", line).putAdditionalQueryParam("customer", line)
                    .userProfileId("profile " + line).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the SDK's client for {@code baseUrl}, without retries, logging requests and responses */
    static AnthropicClient client(String baseUrl) {
        return AnthropicOkHttpClient.builder().apiKey("test-key").baseUrl(baseUrl).maxRetries(0)
                .logLevel(LogLevel.DEBUG).build();
    }
}
