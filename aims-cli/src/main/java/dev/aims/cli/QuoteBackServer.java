package dev.aims.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that answers by quoting back what it received, so the
 * demo can show exactly what left the process. Non-streaming JSON and SSE streaming; when the request offers tools
 * and the conversation has no tool result yet, it asks for the first tool with the user's last words as argument.
 * It keeps every request body it received.
 */
final class QuoteBackServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private QuoteBackServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the server on 127.0.0.1 and an ephemeral port.
     *
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    static QuoteBackServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "aims-demo-provider");
            t.setDaemon(true);
            return t;
        });
        QuoteBackServer s = new QuoteBackServer(http, executor);
        http.createContext("/", s::handle);
        http.setExecutor(executor);
        http.start();
        return s;
    }

    /** @return the base URL an OpenAI client takes, ending in {@code /v1} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** @return every request body received, in order */
    List<String> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod())
                    || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, "application/json", "{\"error\":{\"message\":\"not found\"}}");
                return;
            }
            received.add(body);
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                send(exchange, 400, "application/json", "{\"error\":{\"message\":\"malformed JSON\"}}");
                return;
            }
            String id = "chatcmpl-demo-" + ids.incrementAndGet();
            String model = request.path("model").asText("demo");
            ObjectNode toolCall = toolCallFor(request);
            String answer = toolCall != null ? null : "You sent: " + lastUserText(request);
            int promptTokens = Math.max(1, body.length() / 4);
            int completionTokens = answer == null ? 8 : Math.max(1, answer.length() / 4);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, id, model, answer, toolCall, promptTokens, completionTokens);
            } else {
                ObjectNode message = JSON.createObjectNode().put("role", "assistant");
                if (toolCall != null) {
                    message.putNull("content");
                    message.putArray("tool_calls").add(toolCall);
                } else {
                    message.put("content", answer);
                }
                ObjectNode response = JSON.createObjectNode().put("id", id).put("object", "chat.completion")
                        .put("created", System.currentTimeMillis() / 1000).put("model", model);
                response.putArray("choices").addObject().put("index", 0).<ObjectNode>set("message", message)
                        .put("finish_reason", toolCall != null ? "tool_calls" : "stop");
                response.putObject("usage").put("prompt_tokens", promptTokens)
                        .put("completion_tokens", completionTokens)
                        .put("total_tokens", promptTokens + completionTokens);
                send(exchange, 200, "application/json", JSON.writeValueAsString(response));
            }
        }
    }

    private void stream(HttpExchange exchange, String id, String model, String answer, ObjectNode toolCall,
            int promptTokens, int completionTokens) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (toolCall != null) {
            ObjectNode delta = JSON.createObjectNode().put("role", "assistant");
            ObjectNode call = toolCall.deepCopy();
            call.put("index", 0);
            delta.putArray("tool_calls").add(call);
            event(out, chunk(id, model, delta, null));
        } else {
            // Small chunks, so that entities and placeholders are split across them as real providers do.
            for (int i = 0; i < answer.length(); i += 7) {
                ObjectNode delta = JSON.createObjectNode().put("content",
                        answer.substring(i, Math.min(answer.length(), i + 7)));
                event(out, chunk(id, model, delta, null));
            }
        }
        ObjectNode last = chunk(id, model, JSON.createObjectNode(), toolCall != null ? "tool_calls" : "stop");
        last.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        event(out, last);
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static void event(OutputStream out, ObjectNode chunk) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A tool call for the first offered tool, unless the conversation already holds a tool result. */
    private ObjectNode toolCallFor(JsonNode request) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        for (JsonNode m : request.path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                return null;
            }
        }
        JsonNode fn = tools.get(0).path("function");
        String param = "query";
        JsonNode props = fn.path("parameters").path("properties");
        if (props.isObject() && props.fieldNames().hasNext()) {
            param = props.fieldNames().next();
        }
        ObjectNode args = JSON.createObjectNode().put(param, lastUserText(request));
        ObjectNode call = JSON.createObjectNode().put("id", "call_" + ids.incrementAndGet()).put("type", "function");
        try {
            call.putObject("function").put("name", fn.path("name").asText("tool"))
                    .put("arguments", JSON.writeValueAsString(args));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return call;
    }

    private static String lastUserText(JsonNode request) {
        ArrayNode messages = request.path("messages").isArray() ? (ArrayNode) request.path("messages")
                : JSON.createArrayNode();
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText()) || "tool".equals(m.path("role").asText())) {
                JsonNode content = m.path("content");
                if (content.isTextual()) {
                    return content.asText();
                }
                StringBuilder sb = new StringBuilder();
                for (JsonNode part : content) {
                    sb.append(part.path("text").asText(""));
                }
                return sb.toString();
            }
        }
        return "";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
