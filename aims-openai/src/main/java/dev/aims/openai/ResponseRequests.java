package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.openai.models.responses.ResponseCreateParams;
import dev.aims.api.AiRequest;
import dev.aims.api.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Translates a Responses API request both ways, as {@link ChatRequests} does for chat completions: the
 * instructions and input items ({@link ResponseItems}), tools, the {@code text} settings (the response format, as
 * one JSON document), temperature, top-p and {@code max_output_tokens}, and the other fields by kind
 * ({@link TopLevel}: {@code prompt} variables, {@code metadata}, {@code user}, {@code previous_response_id} … are
 * extras, redacted as JSON).
 */
final class ResponseRequests {
    /** A request with neither instructions nor input (a stored prompt): AIMS needs one message, never sent. */
    private static final String EMPTY = "empty";

    private static final TopLevel TOP = new TopLevel(
            Set.of("model", "input", "instructions", "tools", "text", "temperature", "top_p", "max_output_tokens"),
            Set.of("parallel_tool_calls", "store", "background", "max_tool_calls", "top_logprobs", "stream"),
            Set.of("user", "metadata", "tool_choice", "previous_response_id", "conversation", "prompt", "reasoning",
                    "include", "truncation", "service_tier", "safety_identifier", "prompt_cache_key",
                    "prompt_cache_retention", "stream_options", "context_management"));

    private ResponseRequests() {
    }

    /**
     * @param params the application's request
     * @param body   its body, as JSON
     * @param items  the instructions and input with their AIMS forms
     * @param tools  the original tools, each with its AIMS form or null when it is uninspected
     */
    record Shape(ResponseCreateParams params, ObjectNode body, List<Conversation.Original> items,
            List<ChatRequests.OriginalTool> tools) {
    }

    static Shape shape(ResponseCreateParams params) {
        Objects.requireNonNull(params, "params");
        ObjectNode body = Json.tree(params._body());
        List<Conversation.Original> items = new ArrayList<>();
        JsonNode instructions = body.path("instructions");
        if (!instructions.isMissingNode() && !instructions.isNull()) {
            items.add(original(ResponseItems.INSTRUCTIONS, instructions));
        }
        JsonNode input = body.path("input");
        if (input.isArray()) {
            for (JsonNode i : input) {
                items.add(original(ResponseItems.ITEM, i));
            }
        } else if (!input.isMissingNode() && !input.isNull()) {
            items.add(original(ResponseItems.INPUT_TEXT, input));
        }
        if (items.isEmpty()) {
            items.add(original(EMPTY, TextNode.valueOf("")));
        }
        List<ChatRequests.OriginalTool> tools = new ArrayList<>();
        for (JsonNode t : body.path("tools")) {
            tools.add(new ChatRequests.OriginalTool(t, ResponseItems.tool(t)));
        }
        return new Shape(params, body, List.copyOf(items), List.copyOf(tools));
    }

    private static Conversation.Original original(String kind, JsonNode json) {
        return new Conversation.Original(kind, json, ResponseItems.toAims(kind, json));
    }

    /**
     * @return the AIMS request's builder, everything but its tag set
     * @throws IllegalArgumentException naming the field when a value is out of AIMS's range
     */
    static AiRequest.Builder toAims(Shape shape, boolean stream) {
        ObjectNode body = shape.body();
        AiRequest.Builder b = AiRequest.builder().provider("openai").stream(stream)
                .model(Json.text(body.get("model")));
        for (Conversation.Original o : shape.items()) {
            b.message(o.aims());
        }
        int uninspected = 0;
        List<ToolDefinition> tools = new ArrayList<>();
        for (ChatRequests.OriginalTool t : shape.tools()) {
            if (t.aims() == null) {
                uninspected++;
            } else {
                tools.add(t.aims());
            }
        }
        b.tools(tools);
        JsonNode text = body.path("text");
        if (text.isObject()) {
            b.responseFormat(Json.write(text));
        } else if (!text.isMissingNode() && !text.isNull()) {
            uninspected++;
        }
        uninspected += Parameters.toAims(body, "max_output_tokens", null, b);
        uninspected += TOP.toAims(body, shape.params()._additionalHeaders(), shape.params()._additionalQueryParams(),
                b);
        return b.uninspectedParts(uninspected);
    }

    /**
     * @return the SDK request to send, built from the governed request
     * @throws IllegalArgumentException naming the field when a governed value cannot be sent
     */
    static ResponseCreateParams outgoing(AiRequest sent, Shape shape) {
        ObjectNode original = shape.body();
        ObjectNode out = Json.NODES.objectNode();
        out.put("model", sent.model());
        ArrayNode input = Json.NODES.arrayNode();
        JsonNode single = null;
        int written = 0;
        for (Conversation.Rebuilt r : Conversation.rebuild(sent.messages(), shape.items(),
                (o, g) -> ResponseItems.rebuild(o.kind(), o.json(), g), ResponseItems::fresh)) {
            String kind = r.from() == null ? ResponseItems.ITEM : r.from().kind();
            if (kind.equals(EMPTY)) {
                continue;
            }
            if (kind.equals(ResponseItems.INSTRUCTIONS)) {
                out.set("instructions", r.json());
                continue;
            }
            written++;
            if (kind.equals(ResponseItems.INPUT_TEXT)) {
                single = r.json();
                input.addObject().put("role", "user").set("content", r.json());
            } else if (r.json().isArray()) {
                input.addAll((ArrayNode) r.json());
            } else {
                input.add(r.json());
            }
        }
        if (written == 1 && single != null) {
            out.set("input", single);
        } else if (written > 0) {
            out.set("input", input);
        }
        writeTools(sent, shape, out);
        if (sent.responseFormat().isPresent()) {
            out.set("text", Json.read(sent.responseFormat().get(), "responseFormat"));
        }
        Parameters.restore(sent, original, "max_output_tokens", null, out);
        TOP.restore(original, sent, out);
        ResponseCreateParams.Body body = Json.sdk(out, ResponseCreateParams.Body.class,
                "the governed Responses request");
        return ResponseCreateParams.builder().body(body).additionalHeaders(shape.params()._additionalHeaders())
                .additionalQueryParams(shape.params()._additionalQueryParams()).build();
    }

    private static void writeTools(AiRequest sent, Shape shape, ObjectNode out) {
        List<ToolDefinition> governed = sent.tools();
        long read = shape.tools().stream().filter(t -> t.aims() != null).count();
        if (shape.tools().isEmpty() && governed.isEmpty()) {
            return;
        }
        ArrayNode tools = out.putArray("tools");
        int next = 0;
        for (ChatRequests.OriginalTool t : shape.tools()) {
            if (t.aims() == null) {
                tools.add(t.json());
            } else if (governed.size() == read) {
                tools.add(ResponseItems.rebuildTool(t.json(), governed.get(next), "tools[" + next + "]"));
                next++;
            }
        }
        if (governed.size() != read) {
            for (int i = 0; i < governed.size(); i++) {
                tools.add(ResponseItems.freshTool(governed.get(i), "tools[" + i + "]"));
            }
        }
    }
}
