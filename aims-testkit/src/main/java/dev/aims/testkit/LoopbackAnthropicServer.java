package dev.aims.testkit;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server speaking Anthropic's Messages API ({@code POST /v1/messages}) on 127.0.0.1 (ephemeral port) that answers
 * by quoting back what it received, so a test can assert on the exact bytes that left the process. It keeps every
 * raw request body and every request's headers and query.
 *
 * <p>Script: when the request offers tools and holds no {@code tool_result} block yet, it asks for the first tool
 * ({@code stop_reason: tool_use}), passing the last user text as the tool's first parameter; otherwise it answers
 * {@code You said: <last user text>}, prefixed with {@code Tool said: <last tool result> | } when there is a tool
 * result. When the request enables extended thinking, a signed thinking block comes first. Streaming requests
 * ({@code "stream": true}) get the API's server-sent events — {@code message_start}, a {@code ping}, each block's
 * start, deltas and stop, {@code message_delta}, {@code message_stop} — with texts cut into {@link #chunkSize}
 * pieces, so that placeholders straddle chunks.
 */
public final class LoopbackAnthropicServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final AtomicInteger ids = new AtomicInteger();
    private final int chunkSize;

    /**
     * Starts the server.
     *
     * @param chunkSize how many characters each streamed piece carries
     * @throws IOException if no loopback port can be bound
     */
    public LoopbackAnthropicServer(int chunkSize) throws IOException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, but was " + chunkSize);
        }
        this.chunkSize = chunkSize;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the base URL to give an Anthropic client (the SDK appends {@code /v1/messages}) */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return every raw request body received, in order */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** @return every request's method, path, query and headers, one text per request, in order */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    /** @return every request received — heads and bodies — joined, for searching */
    public String everything() {
        return String.join("\n", heads) + "\n" + String.join("\n", bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            StringBuilder head = new StringBuilder(exchange.getRequestMethod()).append(' ')
                    .append(exchange.getRequestURI()).append('\n');
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                head.append(h.getKey()).append(": ").append(String.join(", ", h.getValue())).append('\n');
            }
            heads.add(head.toString());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            if (!"POST".equals(exchange.getRequestMethod())
                    || !exchange.getRequestURI().getPath().endsWith("/v1/messages")) {
                byte[] out = ("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"only POST"
                        + " /v1/messages is served\"}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, out.length);
                exchange.getResponseBody().write(out);
                return;
            }
            JsonNode request = JSON.readTree(body);
            ObjectNode message = answer(request, "msg_loopback_" + ids.incrementAndGet());
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, message);
            } else {
                byte[] out = JSON.writeValueAsBytes(message);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
            }
        }
    }

    /** @return the whole answer, as the non-streaming API returns it */
    private static ObjectNode answer(JsonNode request, String id) {
        String user = lastText(request, "text");
        String toolResult = lastText(request, "tool_result");
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id).put("type", "message").put("role", "assistant")
                .put("model", request.path("model").asText("unknown"));
        ArrayNode content = message.putArray("content");
        if ("enabled".equals(request.path("thinking").path("type").asText())) {
            content.addObject().put("type", "thinking").put("thinking", "Considering: " + user)
                    .put("signature", "sig-" + Integer.toHexString(user.hashCode()));
        }
        JsonNode tools = request.path("tools");
        boolean callTool = tools.isArray() && !tools.isEmpty() && toolResult == null;
        if (callTool) {
            JsonNode tool = tools.get(0);
            Iterator<String> params = tool.path("input_schema").path("properties").fieldNames();
            ObjectNode input = JSON.createObjectNode();
            if (params.hasNext()) {
                input.put(params.next(), user);
            }
            content.addObject().put("type", "tool_use").put("id", "toolu_" + Integer.toHexString(id.hashCode()))
                    .put("name", tool.path("name").asText()).set("input", input);
        } else {
            content.addObject().put("type", "text")
                    .put("text", (toolResult == null ? "" : "Tool said: " + toolResult + " | ") + "You said: " + user);
        }
        message.put("stop_reason", callTool ? "tool_use" : "end_turn");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 21).put("output_tokens", 13)
                .put("cache_read_input_tokens", 5).put("cache_creation_input_tokens", 2);
        return message;
    }

    /**
     * @param kind {@code text} for the last user message's text blocks (or string content), {@code tool_result} for
     *             the last tool result's text
     * @return that text, or null when there is none of that kind
     */
    private static String lastText(JsonNode request, String kind) {
        String last = null;
        for (JsonNode m : request.path("messages")) {
            if (!"user".equals(m.path("role").asText())) {
                continue;
            }
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                last = "text".equals(kind) ? content.asText() : last;
                continue;
            }
            StringBuilder texts = new StringBuilder();
            boolean found = false;
            for (JsonNode block : content) {
                String type = block.path("type").asText();
                if ("text".equals(kind) && "text".equals(type)) {
                    texts.append(block.path("text").asText());
                    found = true;
                } else if ("tool_result".equals(kind) && "tool_result".equals(type)) {
                    JsonNode c = block.path("content");
                    texts.setLength(0);
                    if (c.isTextual()) {
                        texts.append(c.asText());
                    }
                    for (JsonNode part : c) {
                        texts.append(part.path("text").asText());
                    }
                    found = true;
                }
            }
            if (found) {
                last = texts.toString();
            }
        }
        return last == null && "text".equals(kind) ? "" : last;
    }

    private void stream(HttpExchange exchange, ObjectNode message) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode start = message.deepCopy();
        start.putArray("content");
        start.putNull("stop_reason");
        ((ObjectNode) start.path("usage")).put("output_tokens", 1);
        ObjectNode startEvent = JSON.createObjectNode().put("type", "message_start");
        startEvent.set("message", start);
        event(out, startEvent);
        event(out, JSON.createObjectNode().put("type", "ping"));
        ArrayNode content = (ArrayNode) message.path("content");
        for (int index = 0; index < content.size(); index++) {
            JsonNode block = content.get(index);
            String type = block.path("type").asText();
            ObjectNode opening = ((ObjectNode) block).deepCopy();
            switch (type) {
                case "text":
                    opening.put("text", "");
                    blockStart(out, index, opening);
                    chunks(out, index, "text_delta", "text", block.path("text").asText());
                    break;
                case "thinking":
                    opening.put("thinking", "").put("signature", "");
                    blockStart(out, index, opening);
                    chunks(out, index, "thinking_delta", "thinking", block.path("thinking").asText());
                    delta(out, index, "signature_delta", "signature", block.path("signature").asText());
                    break;
                default:
                    opening.putObject("input");
                    blockStart(out, index, opening);
                    chunks(out, index, "input_json_delta", "partial_json", block.path("input").toString());
            }
            event(out, JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
        }
        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", message.path("stop_reason").asText()).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", 13);
        event(out, delta);
        event(out, JSON.createObjectNode().put("type", "message_stop"));
    }

    private void blockStart(OutputStream out, int index, ObjectNode block) throws IOException {
        ObjectNode e = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        e.set("content_block", block);
        event(out, e);
    }

    private void chunks(OutputStream out, int index, String deltaType, String field, String text) throws IOException {
        for (int i = 0; i < text.length(); i += chunkSize) {
            delta(out, index, deltaType, field, text.substring(i, Math.min(text.length(), i + chunkSize)));
        }
    }

    private static void delta(OutputStream out, int index, String deltaType, String field, String piece)
            throws IOException {
        ObjectNode e = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        e.putObject("delta").put("type", deltaType).put(field, piece);
        event(out, e);
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
        out.write(("event: " + data.path("type").asText() + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
