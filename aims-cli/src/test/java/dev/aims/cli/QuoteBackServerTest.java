package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class QuoteBackServerTest {
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    HttpResponse<String> post(QuoteBackServer s, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void quotesBackTheLastUserMessageAndKeepsTheBody() throws Exception {
        try (QuoteBackServer s = QuoteBackServer.start()) {
            String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

            JsonNode r = json.readTree(post(s, body).body());

            assertThat(r.at("/choices/0/message/content").asText()).isEqualTo("You sent: hello");
            assertThat(r.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(r.at("/usage/total_tokens").asInt()).isPositive();
            assertThat(s.received()).containsExactly(body);
        }
    }

    @Test
    void streamsServerSentEventsEndingWithDone() throws Exception {
        try (QuoteBackServer s = QuoteBackServer.start()) {
            String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a longer text\"}]}";

            String events = post(s, body).body();

            StringBuilder text = new StringBuilder();
            for (String line : events.split("\n")) {
                if (line.startsWith("data: {")) {
                    text.append(json.readTree(line.substring(6)).at("/choices/0/delta/content").asText(""));
                }
            }
            assertThat(text.toString()).isEqualTo("You sent: a longer text");
            assertThat(events.strip()).endsWith("data: [DONE]");
        }
    }

    @Test
    void asksForTheToolOnceThenAnswers() throws Exception {
        try (QuoteBackServer s = QuoteBackServer.start()) {
            String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":"
                    + "{\"type\":\"object\",\"properties\":{\"orderId\":{\"type\":\"string\"}}}}}]";
            JsonNode first = json.readTree(post(s, "{\"model\":\"m\"," + tools
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"A-1\"}]}").body());
            JsonNode second = json.readTree(post(s, "{\"model\":\"m\"," + tools
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"A-1\"},{\"role\":\"tool\",\"tool_call_id\":\"c\","
                    + "\"content\":\"shipped\"}]}").body());

            assertThat(first.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("lookup");
            assertThat(first.at("/choices/0/message/tool_calls/0/function/arguments").asText())
                    .isEqualTo("{\"orderId\":\"A-1\"}");
            assertThat(second.at("/choices/0/message/content").asText()).isEqualTo("You sent: shipped");
        }
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        try (QuoteBackServer s = QuoteBackServer.start()) {
            assertThat(post(s, "{not json").statusCode()).isEqualTo(400);
        }
    }
}
