package dev.aims.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.Role;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import dev.aims.api.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A provider client as an application would write one for {@code GovernedClient}: every channel of an
 * {@link AiRequest} — message names, texts and media URLs, tool calls and results, tool names, descriptions and
 * parameter schemas, stop sequences, the response format and every extra — becomes the OpenAI chat-completions JSON
 * an HTTP server receives, and the answer (whole or streamed as server-sent events) becomes an {@link AiResponse}.
 * What the server received is then exactly what left the process.
 */
final class OpenAiWire implements ModelClient, StreamingModelClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl ending in {@code /v1} */
    OpenAiWire(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public AiResponse call(AiRequest request) {
        JsonNode answer = read(send(body(request, false)).body());
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        Message.Builder m = Message.builder(Role.ASSISTANT);
        if (message.path("content").isTextual()) {
            m.text(message.path("content").asText());
        }
        for (JsonNode call : message.path("tool_calls")) {
            m.toolCall(ToolCall.of(call.path("id").asText(), call.path("function").path("name").asText(),
                    call.path("function").path("arguments").asText()));
        }
        return response(answer, m.build(), choice.path("finish_reason").asText());
    }

    @Override
    public void stream(AiRequest request, StreamingHandler handler) {
        try {
            HttpResponse<java.io.InputStream> r = http.send(post(body(request, true)),
                    HttpResponse.BodyHandlers.ofInputStream());
            StringBuilder text = new StringBuilder();
            StringBuilder args = new StringBuilder();
            String[] call = new String[2];
            String finish = "stop";
            JsonNode last = JSON.createObjectNode();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
                        continue;
                    }
                    JsonNode chunk = read(line.substring(6));
                    last = chunk.has("usage") ? chunk : last;
                    JsonNode choice = chunk.path("choices").path(0);
                    JsonNode delta = choice.path("delta");
                    if (delta.path("content").isTextual() && !delta.path("content").asText().isEmpty()) {
                        text.append(delta.path("content").asText());
                        handler.onPartial(delta.path("content").asText());
                    }
                    for (JsonNode c : delta.path("tool_calls")) {
                        call[0] = c.has("id") ? c.path("id").asText() : call[0];
                        call[1] = c.path("function").has("name") ? c.path("function").path("name").asText() : call[1];
                        args.append(c.path("function").path("arguments").asText(""));
                    }
                    if (choice.path("finish_reason").isTextual()) {
                        finish = choice.path("finish_reason").asText();
                    }
                }
            }
            Message.Builder m = Message.builder(Role.ASSISTANT);
            if (text.length() > 0) {
                m.text(text.toString());
            }
            if (call[1] != null) {
                m.toolCall(ToolCall.of(call[0], call[1], args.toString()));
            }
            handler.onComplete(response(last, m.build(), finish));
        } catch (IOException e) {
            handler.onError(new UncheckedIOException("the provider did not answer", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handler.onError(e);
        }
    }

    private HttpResponse<String> send(String body) {
        try {
            return http.send(post(body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the provider did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static AiResponse response(JsonNode answer, Message message, String finish) {
        JsonNode usage = answer.path("usage");
        return AiResponse.builder().message(message)
                .usage(Usage.of(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong()))
                .finishReason("tool_calls".equals(finish) ? FinishReason.TOOL_CALLS : FinishReason.STOP)
                .responseId(answer.path("id").asText("none")).model(answer.path("model").asText("none")).build();
    }

    /** @return the request as OpenAI chat-completions JSON: every channel in its place */
    static String body(AiRequest request, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) {
            ObjectNode out = messages.addObject();
            out.put("role", m.role().name().toLowerCase(java.util.Locale.ROOT));
            m.name().ifPresent(n -> out.put("name", n));
            if (m.toolResult().isPresent()) {
                out.put("tool_call_id", m.toolResult().get().toolCallId());
                out.put("name", m.toolResult().get().toolName());
                out.put("content", m.toolResult().get().text());
                continue;
            }
            ArrayNode content = out.putArray("content");
            for (String t : m.texts()) {
                content.addObject().put("type", "text").put("text", t);
            }
            for (String url : m.mediaUrls()) {
                content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
            }
            if (!m.toolCalls().isEmpty()) {
                ArrayNode calls = out.putArray("tool_calls");
                for (ToolCall c : m.toolCalls()) {
                    calls.addObject().put("id", c.id()).put("type", "function").putObject("function")
                            .put("name", c.name()).put("arguments", c.arguments());
                }
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition t : request.tools()) {
                ObjectNode f = tools.addObject().put("type", "function").putObject("function");
                f.put("name", t.name()).put("description", t.description());
                f.set("parameters", read(t.parametersSchema()));
            }
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stopSequences().forEach(stop::add);
        }
        request.responseFormat().ifPresent(f -> body.set("response_format", read(f)));
        for (Map.Entry<String, String> e : request.extras().entrySet()) {
            body.set(e.getKey(), read(e.getValue()));
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (" + json.length() + " characters)", e);
        }
    }

    /** @return the texts of a request's JSON, decoded: every key and string value, one a line */
    static String decoded(String json) {
        List<String> out = new ArrayList<>();
        decode(read(json), out);
        return String.join("\n", out);
    }

    private static void decode(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        node.fieldNames().forEachRemaining(out::add);
        for (JsonNode child : node) {
            decode(child, out);
        }
    }
}
