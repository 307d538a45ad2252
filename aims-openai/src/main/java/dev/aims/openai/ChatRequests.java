package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aims.api.AiRequest;
import dev.aims.api.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Translates a chat-completions request both ways. Into AIMS: the body as the SDK would send it — model,
 * messages ({@link ChatItems}), tools, stop sequences, response format, temperature, top-p and the token limit —
 * and the other fields by kind ({@link TopLevel}). Back: a new body built from the governed request, the original
 * giving only the shape and the settings that hold no text, then the SDK's own request type read from it, with the
 * application's headers and query parameters (which a policy let through, since they count as uninspected).
 */
final class ChatRequests {
    static final String API = "chat.completions";

    private static final TopLevel TOP = new TopLevel(
            Set.of("model", "messages", "tools", "stop", "response_format", "temperature", "top_p", "max_tokens",
                    "max_completion_tokens"),
            Set.of("frequency_penalty", "presence_penalty", "logprobs", "top_logprobs", "n", "seed",
                    "parallel_tool_calls", "store", "stream"),
            Set.of("user", "metadata", "tool_choice", "reasoning_effort", "service_tier", "verbosity", "modalities",
                    "prediction", "web_search_options", "safety_identifier", "prompt_cache_key",
                    "prompt_cache_retention", "prompt_cache_options", "logit_bias", "audio", "function_call",
                    "functions", "stream_options", "moderation"));

    private ChatRequests() {
    }

    /**
     * What the translation into AIMS keeps to build the outgoing request.
     *
     * @param params   the application's request
     * @param body     its body, as JSON
     * @param messages the original messages with their AIMS forms
     * @param tools    the original tools, each with its AIMS form or null when it is uninspected
     */
    record Shape(ChatCompletionCreateParams params, ObjectNode body, List<Conversation.Original> messages,
            List<OriginalTool> tools) {
    }

    /**
     * @param json the tool as the application wrote it
     * @param aims its AIMS form, or null when AIMS does not read its kind
     */
    record OriginalTool(JsonNode json, ToolDefinition aims) {
    }

    /**
     * @param params the application's request
     * @return its shape
     */
    static Shape shape(ChatCompletionCreateParams params) {
        Objects.requireNonNull(params, "params");
        ObjectNode body = Json.tree(params._body());
        List<Conversation.Original> messages = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            messages.add(new Conversation.Original("messages", m, ChatItems.toAims(m)));
        }
        List<OriginalTool> tools = new ArrayList<>();
        for (JsonNode t : body.path("tools")) {
            tools.add(new OriginalTool(t, ChatItems.tool(t)));
        }
        return new Shape(params, body, List.copyOf(messages), List.copyOf(tools));
    }

    /**
     * @param shape  the request's shape
     * @param stream whether the call streams
     * @return the AIMS request's builder, everything but its tag set
     * @throws IllegalArgumentException naming the field when a value is out of AIMS's range
     */
    static AiRequest.Builder toAims(Shape shape, boolean stream) {
        ObjectNode body = shape.body();
        AiRequest.Builder b = AiRequest.builder().provider("openai").stream(stream)
                .model(Json.text(body.get("model")));
        for (Conversation.Original o : shape.messages()) {
            b.message(o.aims());
        }
        int uninspected = 0;
        List<ToolDefinition> tools = new ArrayList<>();
        for (OriginalTool t : shape.tools()) {
            if (t.aims() == null) {
                uninspected++;
            } else {
                tools.add(t.aims());
            }
        }
        b.tools(tools);
        JsonNode stop = body.path("stop");
        if (stop.isTextual()) {
            b.stopSequences(List.of(stop.textValue()));
        } else if (stop.isArray()) {
            List<String> stops = new ArrayList<>();
            for (JsonNode s : stop) {
                if (s.isTextual()) {
                    stops.add(s.textValue());
                } else {
                    uninspected++;
                }
            }
            b.stopSequences(stops);
        } else if (!stop.isMissingNode() && !stop.isNull()) {
            uninspected++;
        }
        JsonNode format = body.path("response_format");
        if (format.isObject()) {
            b.responseFormat(Json.write(format));
        } else if (!format.isMissingNode() && !format.isNull()) {
            uninspected++;
        }
        uninspected += Parameters.toAims(body, "max_completion_tokens", "max_tokens", b);
        uninspected += TOP.toAims(body, shape.params()._additionalHeaders(), shape.params()._additionalQueryParams(),
                b);
        return b.uninspectedParts(uninspected);
    }

    /**
     * @param sent  the governed request
     * @param shape the original's shape
     * @return the SDK request to send
     * @throws IllegalArgumentException naming the field when a governed value cannot be sent
     */
    static ChatCompletionCreateParams outgoing(AiRequest sent, Shape shape) {
        ObjectNode original = shape.body();
        ObjectNode out = Json.NODES.objectNode();
        out.put("model", sent.model());
        ArrayNode messages = out.putArray("messages");
        for (Conversation.Rebuilt r : Conversation.rebuild(sent.messages(), shape.messages(),
                (o, g) -> ChatItems.rebuild(o.json(), g), ChatItems::fresh)) {
            messages.add(r.json());
        }
        writeTools(sent, shape, out);
        List<String> stops = sent.stopSequences();
        if (stops.size() == 1 && original.path("stop").isTextual()) {
            out.put("stop", stops.get(0));
        } else if (!stops.isEmpty()) {
            ArrayNode a = out.putArray("stop");
            stops.forEach(a::add);
        }
        if (sent.responseFormat().isPresent()) {
            out.set("response_format", Json.read(sent.responseFormat().get(), "responseFormat"));
        }
        Parameters.restore(sent, original, "max_completion_tokens", "max_tokens", out);
        TOP.restore(original, sent, out);
        ChatCompletionCreateParams.Body body = Json.sdk(out, ChatCompletionCreateParams.Body.class,
                "the governed chat request");
        return ChatCompletionCreateParams.builder().body(body)
                .additionalHeaders(shape.params()._additionalHeaders())
                .additionalQueryParams(shape.params()._additionalQueryParams()).build();
    }

    private static void writeTools(AiRequest sent, Shape shape, ObjectNode out) {
        List<ToolDefinition> governed = sent.tools();
        long read = shape.tools().stream().filter(t -> t.aims() != null).count();
        if (governed.isEmpty() && shape.tools().stream().allMatch(t -> t.aims() != null)) {
            return;
        }
        ArrayNode tools = out.putArray("tools");
        int next = 0;
        for (OriginalTool t : shape.tools()) {
            if (t.aims() == null) {
                tools.add(t.json());
            } else if (governed.size() == read) {
                tools.add(ChatItems.rebuildTool(t.json(), governed.get(next), "tools[" + next + "]"));
                next++;
            }
        }
        if (governed.size() != read) {
            // A policy changed the tools: they are written from their AIMS form alone.
            for (int i = 0; i < governed.size(); i++) {
                tools.add(ChatItems.freshTool(governed.get(i), "tools[" + i + "]"));
            }
        }
    }
}
