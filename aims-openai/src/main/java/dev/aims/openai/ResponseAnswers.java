package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import java.util.List;

/**
 * Translates Responses API answers both ways. Into AIMS: one ASSISTANT message whose texts are, in output order,
 * the {@code output_text} and {@code refusal} parts of message items and the summaries of reasoning items, and
 * whose tool calls are the {@code function_call} and {@code custom_tool_call} items; usage (cached and reasoning
 * tokens included), id, model and a finish reason from the status. Back: the provider's response, those places
 * written with the governed values. For streams, the events the application receives are built here: {@code
 * response.output_text.delta} for each piece of governed text, then the event that ended the provider's stream
 * ({@code response.completed}, {@code .incomplete} or {@code .failed}) carrying the governed response.
 */
final class ResponseAnswers {
    private ResponseAnswers() {
    }

    /** @return the AIMS form of a response, read from its JSON */
    static AiResponse toAims(JsonNode response) {
        Message.Builder m = Message.builder(Role.ASSISTANT);
        boolean calls = false;
        for (JsonNode item : response.path("output")) {
            String type = Json.text(item.get("type"));
            if ("message".equals(type)) {
                for (JsonNode part : item.path("content")) {
                    String field = textField(part);
                    if (field != null) {
                        m.text(part.get(field).textValue());
                    }
                }
            } else if ("reasoning".equals(type)) {
                for (JsonNode s : item.path("summary")) {
                    if (s.path("text").isTextual()) {
                        m.text(s.get("text").textValue());
                    }
                }
            } else if ("function_call".equals(type) || "custom_tool_call".equals(type)) {
                String args = Json.text(item.get("function_call".equals(type) ? "arguments" : "input"));
                String name = Json.text(item.get("name"));
                m.toolCall(ToolCall.of(nonNull(Json.text(item.get("call_id"))),
                        name == null || name.isBlank() ? "unnamed" : name, nonNull(args)));
                calls = true;
            }
        }
        JsonNode u = response.path("usage");
        Usage usage = !u.isObject() ? Usage.ZERO : new Usage(u.path("input_tokens").asLong(0),
                u.path("output_tokens").asLong(0), u.path("input_tokens_details").path("cached_tokens").asLong(0), 0,
                u.path("output_tokens_details").path("reasoning_tokens").asLong(0));
        return AiResponse.builder().message(m.build()).usage(usage).finishReason(finishReason(response, calls))
                .responseId(Json.text(response.get("id"))).model(Json.text(response.get("model"))).build();
    }

    private static String textField(JsonNode part) {
        String type = Json.text(part.get("type"));
        if ("output_text".equals(type) && part.path("text").isTextual()) {
            return "text";
        }
        return "refusal".equals(type) && part.path("refusal").isTextual() ? "refusal" : null;
    }

    private static FinishReason finishReason(JsonNode response, boolean calls) {
        String status = Json.text(response.get("status"));
        if ("incomplete".equals(status)) {
            String reason = response.path("incomplete_details").path("reason").asText("");
            return reason.equals("max_output_tokens") ? FinishReason.LENGTH
                    : reason.equals("content_filter") ? FinishReason.CONTENT_FILTER : FinishReason.OTHER;
        }
        if (status == null || "completed".equals(status)) {
            return calls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        }
        return FinishReason.OTHER;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * @param governed the answer as governance returned it
     * @param original the provider's response as JSON, or null when the provider was not reached
     * @return the response for the application, as JSON
     */
    static ObjectNode answerJson(AiResponse governed, JsonNode original) {
        ObjectNode json = original != null ? original.deepCopy() : Json.NODES.objectNode()
                .put("id", governed.responseId().orElse("")).put("object", "response").put("created_at", 0)
                .put("status", "completed").put("model", governed.model().orElse("")).putNull("error")
                .putNull("incomplete_details").putNull("instructions").put("parallel_tool_calls", true)
                .put("tool_choice", "auto");
        if (original != null && governed.messages().size() == 1
                && Slots.sameShape(toAims(original).messages().get(0), governed.messages().get(0))) {
            write(json, governed.messages().get(0));
            return json;
        }
        // A policy changed the answer's shape: the output is written from it alone.
        ArrayNode output = json.putArray("output");
        for (Message g : governed.messages()) {
            if (!g.texts().isEmpty()) {
                ObjectNode item = output.addObject().put("type", "message").put("id", "msg_aims")
                        .put("status", "completed").put("role", "assistant");
                item.putArray("content").addObject().put("type", "output_text").put("text", g.text())
                        .putArray("annotations");
            }
            for (ToolCall c : g.toolCalls()) {
                output.addObject().put("type", "function_call").put("call_id", c.id()).put("name", c.name())
                        .put("arguments", c.arguments()).put("status", "completed");
            }
        }
        return json;
    }

    private static void write(ObjectNode json, Message g) {
        int t = 0;
        int k = 0;
        for (JsonNode item : json.path("output")) {
            String type = Json.text(item.get("type"));
            if ("message".equals(type)) {
                for (JsonNode part : item.path("content")) {
                    String field = textField(part);
                    if (field != null) {
                        ((ObjectNode) part).put(field, g.texts().get(t++));
                    }
                }
            } else if ("reasoning".equals(type)) {
                for (JsonNode s : item.path("summary")) {
                    if (s.path("text").isTextual()) {
                        ((ObjectNode) s).put("text", g.texts().get(t++));
                    }
                }
            } else if ("function_call".equals(type) || "custom_tool_call".equals(type)) {
                ((ObjectNode) item).put("function_call".equals(type) ? "arguments" : "input",
                        g.toolCalls().get(k++).arguments());
            }
        }
    }

    /** @return the SDK response for the application */
    static Response answer(AiResponse governed, JsonNode original) {
        return Json.sdk(answerJson(governed, original), Response.class, "the governed response");
    }

    /**
     * Gathers a streamed response from the provider's events and builds the events the application receives. The
     * SDK delivers events in order, one at a time; methods are synchronized for the threads that read the result.
     */
    static final class Stream {
        private final StringBuilder text = new StringBuilder();
        private JsonNode last;
        private String lastType = "response.completed";
        private String errorCode;
        private String itemId = "msg_aims";
        private int sequence;

        /**
         * @param event the provider's next event
         * @return the text it adds, possibly empty
         */
        synchronized String add(ResponseStreamEvent event) {
            ObjectNode e = Json.tree(event);
            String type = Json.text(e.get("type"));
            if ("response.output_text.delta".equals(type) && e.path("delta").isTextual()) {
                if (text.length() == 0 && e.path("item_id").isTextual()) {
                    itemId = e.get("item_id").textValue();
                }
                String piece = e.get("delta").textValue();
                text.append(piece);
                return piece;
            }
            if ("response.completed".equals(type) || "response.incomplete".equals(type)
                    || "response.failed".equals(type)) {
                last = e.get("response");
                lastType = type;
            } else if ("error".equals(type)) {
                errorCode = e.path("code").asText("unknown");
            }
            return "";
        }

        /**
         * @return the provider's whole answer in AIMS form
         * @throws IllegalStateException when the provider's stream ended with an error event (its code only: the
         *                               message could echo content)
         */
        synchronized AiResponse response() {
            if (errorCode != null) {
                throw new IllegalStateException("the provider's stream ended with an error event (code "
                        + errorCode + ")");
            }
            if (last != null) {
                return toAims(last);
            }
            return AiResponse.builder().message(Message.assistant(text.toString())).finishReason(FinishReason.STOP)
                    .build();
        }

        synchronized ResponseStreamEvent text(String piece) {
            ObjectNode e = Json.NODES.objectNode().put("type", "response.output_text.delta").put("item_id", itemId)
                    .put("output_index", 0).put("content_index", 0).put("delta", piece)
                    .put("sequence_number", sequence++);
            e.putArray("logprobs");
            return Json.sdk(e, ResponseStreamEvent.class, "the governed stream event");
        }

        synchronized List<ResponseStreamEvent> end(AiResponse governed) {
            ObjectNode e = Json.NODES.objectNode().put("type", lastType).put("sequence_number", sequence++);
            e.set("response", answerJson(governed, last));
            return List.of(Json.sdk(e, ResponseStreamEvent.class, "the governed stream event"));
        }
    }
}
