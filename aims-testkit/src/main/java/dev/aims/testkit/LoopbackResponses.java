package dev.aims.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/** The Responses API side of {@link LoopbackOpenAiServer}: the same script, in the Responses API's format. */
final class LoopbackResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopbackResponses() {
    }

    static void answer(HttpExchange exchange, JsonNode request, String id, int chunkSize) throws IOException {
        String model = request.path("model").asText("unknown");
        ObjectNode item = toolCall(request);
        if (item == null) {
            item = message(answerText(request));
        }
        if (request.path("stream").asBoolean(false)) {
            stream(exchange, id, model, item, chunkSize);
            return;
        }
        byte[] out = JSON.writeValueAsBytes(response(id, model, "completed", item));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
    }

    private static ObjectNode toolCall(JsonNode request) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty() || !"function".equals(tools.get(0).path("type").asText())) {
            return null;
        }
        for (JsonNode i : request.path("input")) {
            if ("function_call_output".equals(i.path("type").asText())) {
                return null;
            }
        }
        JsonNode tool = tools.get(0);
        Iterator<String> params = tool.path("parameters").path("properties").fieldNames();
        ObjectNode args = JSON.createObjectNode();
        if (params.hasNext()) {
            args.put(params.next(), lastUserText(request));
        }
        ObjectNode call = JSON.createObjectNode();
        call.put("type", "function_call").put("id", "fc_1").put("call_id", "call_" + Math.abs(request.hashCode()))
                .put("name", tool.path("name").asText()).put("arguments", args.toString())
                .put("status", "completed");
        return call;
    }

    private static ObjectNode message(String text) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "message").put("id", "msg_1").put("status", "completed").put("role", "assistant");
        ObjectNode part = m.putArray("content").addObject();
        part.put("type", "output_text").put("text", text).putArray("annotations");
        return m;
    }

    private static String answerText(JsonNode request) {
        String tool = "";
        for (JsonNode i : request.path("input")) {
            if ("function_call_output".equals(i.path("type").asText())) {
                tool = i.path("output").asText();
            }
        }
        return (tool.isEmpty() ? "" : "Tool said: " + tool + " | ") + "You said: " + lastUserText(request);
    }

    private static String lastUserText(JsonNode request) {
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            return input.asText();
        }
        String last = "";
        for (JsonNode i : input) {
            if (!"user".equals(i.path("role").asText())) {
                continue;
            }
            JsonNode content = i.path("content");
            if (content.isTextual()) {
                last = content.asText();
            } else {
                StringBuilder sb = new StringBuilder();
                for (JsonNode part : content) {
                    if ("input_text".equals(part.path("type").asText())) {
                        sb.append(part.path("text").asText());
                    }
                }
                last = sb.toString();
            }
        }
        return last;
    }

    private static ObjectNode response(String id, String model, String status, ObjectNode item) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id).put("object", "response").put("created_at", 1_700_000_000L).put("status", status)
                .put("model", model).putNull("error").putNull("incomplete_details").putNull("instructions")
                .put("parallel_tool_calls", true).put("temperature", 1.0).put("top_p", 1.0)
                .put("tool_choice", "auto");
        r.putObject("metadata");
        r.putArray("tools");
        ArrayNode output = r.putArray("output");
        if (item != null) {
            output.add(item);
            ObjectNode usage = r.putObject("usage");
            usage.put("input_tokens", 21).put("output_tokens", 13).put("total_tokens", 34);
            usage.putObject("input_tokens_details").put("cached_tokens", 0);
            usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        }
        return r;
    }

    private static void stream(HttpExchange exchange, String id, String model, ObjectNode item, int chunkSize)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int[] seq = {0};
        ObjectNode created = JSON.createObjectNode();
        created.set("response", response(id, model, "in_progress", null));
        event(out, "response.created", created, seq);
        boolean call = "function_call".equals(item.path("type").asText());
        ObjectNode added = item.deepCopy();
        if (call) {
            added.put("arguments", "").put("status", "in_progress");
        } else {
            added.put("status", "in_progress").putArray("content");
        }
        event(out, "response.output_item.added", JSON.createObjectNode().put("output_index", 0)
                .set("item", added), seq);
        String text = call ? item.path("arguments").asText()
                : item.path("content").get(0).path("text").asText();
        String deltaType = call ? "response.function_call_arguments.delta" : "response.output_text.delta";
        for (int i = 0; i < text.length(); i += chunkSize) {
            ObjectNode d = JSON.createObjectNode().put("item_id", item.path("id").asText()).put("output_index", 0);
            if (!call) {
                d.put("content_index", 0).putArray("logprobs");
            }
            d.put("delta", text.substring(i, Math.min(text.length(), i + chunkSize)));
            event(out, deltaType, d, seq);
        }
        event(out, "response.output_item.done", JSON.createObjectNode().put("output_index", 0)
                .set("item", item), seq);
        ObjectNode completed = JSON.createObjectNode();
        completed.set("response", response(id, model, "completed", item));
        event(out, "response.completed", completed, seq);
        out.flush();
    }

    private static void event(OutputStream out, String type, ObjectNode data, int[] seq) throws IOException {
        ObjectNode e = JSON.createObjectNode().put("type", type).put("sequence_number", seq[0]++);
        e.setAll(data);
        out.write(("event: " + type + "\ndata: " + JSON.writeValueAsString(e) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
