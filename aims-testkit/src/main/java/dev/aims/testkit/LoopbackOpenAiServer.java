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
 * An OpenAI-compatible chat-completions server on 127.0.0.1 (ephemeral port) that answers by quoting back what it
 * received, so a test can assert on the exact bytes that left the process. It keeps every raw request body and every
 * request's method, path, query and headers.
 *
 * <p>Script: when the request offers tools and holds no tool result yet, it asks for the first tool, passing the
 * last user text as the tool's first parameter; otherwise it answers {@code You said: <last user text>}, prefixed
 * with {@code Tool said: <last tool result> | } when there is a tool result. Streaming requests get server-sent
 * events whose text is cut into {@link #chunkSize}-character pieces, so placeholders straddle chunks.
 *
 * <p>Requests to {@code /v1/responses} are answered in the Responses API's format with the same script: the last
 * user text of {@code input}, the last {@code function_call_output} as the tool's result, the first function tool
 * called with the last user text; streamed as the Responses API's typed events, the text cut into pieces alike.
 */
public final class LoopbackOpenAiServer implements AutoCloseable {
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
    public LoopbackOpenAiServer(int chunkSize) throws IOException {
        this.chunkSize = chunkSize;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the base URL to give an OpenAI client, ending in {@code /v1} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** @return every raw request body received, in order */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** @return every request's method, path, query and headers, one text per request, in order */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    /** @return every request body received, joined, for searching */
    public String allBodies() {
        return String.join("\n", bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            StringBuilder head = new StringBuilder(exchange.getRequestMethod()).append(' ')
                    .append(exchange.getRequestURI()).append('\n');
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                head.append(h.getKey()).append(": ").append(String.join(", ", h.getValue())).append('\n');
            }
            heads.add(head.toString());
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            bodies.add(body);
            JsonNode request = JSON.readTree(body);
            if (exchange.getRequestURI().getPath().endsWith("/responses")) {
                LoopbackResponses.answer(exchange, request, "resp_" + ids.incrementAndGet(), chunkSize);
                return;
            }
            String id = "chatcmpl-" + ids.incrementAndGet();
            String model = request.path("model").asText("unknown");
            ObjectNode toolCall = toolCall(request);
            String text = toolCall == null ? answer(request) : null;
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, id, model, text, toolCall, request.path("stream_options").path("include_usage")
                        .asBoolean(false));
            } else {
                complete(exchange, id, model, text, toolCall);
            }
        }
    }

    private static ObjectNode toolCall(JsonNode request) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        for (JsonNode m : request.path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                return null;
            }
        }
        JsonNode function = tools.get(0).path("function");
        Iterator<String> params = function.path("parameters").path("properties").fieldNames();
        ObjectNode args = JSON.createObjectNode();
        if (params.hasNext()) {
            args.put(params.next(), lastText(request, "user"));
        }
        ObjectNode call = JSON.createObjectNode();
        call.put("id", "call_" + Math.abs(request.toString().hashCode()));
        call.put("type", "function");
        call.putObject("function").put("name", function.path("name").asText()).put("arguments", args.toString());
        return call;
    }

    private static String answer(JsonNode request) {
        String tool = lastText(request, "tool");
        return (tool.isEmpty() ? "" : "Tool said: " + tool + " | ") + "You said: " + lastText(request, "user");
    }

    private static String lastText(JsonNode request, String role) {
        String last = "";
        for (JsonNode m : request.path("messages")) {
            if (!role.equals(m.path("role").asText())) {
                continue;
            }
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                last = content.asText();
            } else if (content.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode part : content) {
                    if ("text".equals(part.path("type").asText())) {
                        sb.append(part.path("text").asText());
                    }
                }
                last = sb.toString();
            }
        }
        return last;
    }

    private static ObjectNode usage() {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", 21).put("completion_tokens", 13).put("total_tokens", 34);
        return usage;
    }

    private void complete(HttpExchange exchange, String id, String model, String text, ObjectNode toolCall)
            throws IOException {
        ObjectNode response = JSON.createObjectNode();
        response.put("id", id).put("object", "chat.completion").put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (toolCall != null) {
            message.putNull("content");
            message.putArray("tool_calls").add(toolCall);
        } else {
            message.put("content", text);
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", toolCall != null ? "tool_calls" : "stop");
        response.set("usage", usage());
        byte[] out = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
    }

    private void stream(HttpExchange exchange, String id, String model, String text, ObjectNode toolCall,
            boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (toolCall != null) {
            ObjectNode first = toolCall.deepCopy();
            String args = first.path("function").path("arguments").asText();
            ((ObjectNode) first.path("function")).put("arguments", "");
            first.put("index", 0);
            event(out, chunk(id, model, delta -> delta.put("role", "assistant").putArray("tool_calls").add(first),
                    null));
            for (int i = 0; i < args.length(); i += chunkSize) {
                String piece = args.substring(i, Math.min(args.length(), i + chunkSize));
                event(out, chunk(id, model, delta -> {
                    ObjectNode call = delta.putArray("tool_calls").addObject();
                    call.put("index", 0).putObject("function").put("arguments", piece);
                }, null));
            }
            event(out, chunk(id, model, delta -> { }, "tool_calls"));
        } else {
            event(out, chunk(id, model, delta -> delta.put("role", "assistant").put("content", ""), null));
            for (int i = 0; i < text.length(); i += chunkSize) {
                String piece = text.substring(i, Math.min(text.length(), i + chunkSize));
                event(out, chunk(id, model, delta -> delta.put("content", piece), null));
            }
            event(out, chunk(id, model, delta -> { }, "stop"));
        }
        if (includeUsage) {
            ObjectNode last = JSON.createObjectNode();
            last.put("id", id).put("object", "chat.completion.chunk").put("created", 1_700_000_000L)
                    .put("model", model);
            last.putArray("choices");
            last.set("usage", usage());
            event(out, last);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode chunk(String id, String model, java.util.function.Consumer<ObjectNode> delta,
            String finishReason) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id).put("object", "chat.completion.chunk").put("created", 1_700_000_000L)
                .put("model", model);
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
