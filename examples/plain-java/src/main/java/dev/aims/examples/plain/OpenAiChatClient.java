package dev.aims.examples.plain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Objects;

/**
 * The application's own model client, adapted to {@link ModelClient}: a plain chat-completions call to any
 * OpenAI-compatible endpoint, with the JDK's HTTP client. It stands for whatever client an application already
 * has — AIMS needs nothing more of it than this one method. Text messages only, as this application sends.
 */
final class OpenAiChatClient implements ModelClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI completions;
    private final String apiKey;

    /**
     * @param baseUrl the endpoint's base URL, such as {@code https://api.openai.com/v1}
     * @param apiKey  the key sent as bearer token
     */
    OpenAiChatClient(String baseUrl, String apiKey) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.completions = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public AiResponse call(AiRequest request) {
        ObjectNode body = JSON.createObjectNode().put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) {
            messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.text());
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(completions)
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // The body may quote the request: only the status goes into the message.
                throw new IllegalStateException("chat completions answered HTTP " + response.statusCode());
            }
            JsonNode answer = JSON.readTree(response.body());
            JsonNode usage = answer.path("usage");
            return AiResponse.builder()
                    .message(Message.assistant(answer.path("choices").path(0).path("message").path("content")
                            .asText("")))
                    .usage(Usage.of(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong()))
                    .responseId(answer.path("id").asText(null))
                    .model(answer.path("model").asText(null))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("chat completions at " + completions + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + completions, e);
        }
    }
}
