package dev.aims.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.anthropic.Slot.At;
import dev.aims.anthropic.Slot.Kind;
import dev.aims.api.AiRequest;
import dev.aims.api.ToolDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the wire form of a Messages API request — the JSON body the SDK would send — into AIMS's {@link AiRequest},
 * noting in a {@link Slot} where each text came from. What becomes what:
 * <ul>
 *   <li>{@code system} (a string or text blocks): a system message, a text part per block;</li>
 *   <li>each of {@code messages}: a user or assistant message; a user message's {@code tool_result} blocks become
 *       tool messages in place (the result's text, or its first text block, is the tool result; further blocks are
 *       the tool message's parts), named after the {@code tool_use} they answer;</li>
 *   <li>blocks: {@code text} and {@code thinking} are text parts, {@code search_result} contents too; an image's or
 *       a document's URL source is a media URL; a document's text or content source is text; {@code tool_use} and
 *       {@code server_tool_use} are tool calls (name, input as JSON);</li>
 *   <li>{@code tools}: tool definitions (name, description, {@code input_schema}); {@code stop_sequences}: stop
 *       sequences; {@code output_config.format}: the response format; {@code model}, {@code max_tokens},
 *       {@code temperature}, {@code top_p}: the typed fields;</li>
 *   <li>every other field, wherever it is — {@code metadata.user_id}, {@code tool_choice}, {@code thinking},
 *       {@code top_k}, {@code cache_control}, citations, a document's title and context, a thinking block's
 *       signature, the tools' other settings, additional body properties, the call's HTTP headers and query
 *       parameters — an extra, keyed by its place, scanned as JSON.</li>
 * </ul>
 * Kept as the application wrote them, because they are structure, not content: block, source and tool
 * {@code type}s, a text source's {@code media_type}, {@code role}s, the ids of tool calls and results (the core keeps
 * tool-call ids too). What AIMS cannot read — base64
 * images and documents, file references, {@code redacted_thinking}, server tools' results, block types this reader
 * does not know — is counted as uninspected, so that a policy decides about it (denied by default).
 */
final class RequestReader {
    private static final Set<String> TYPED = Set.of("model", "max_tokens", "temperature", "top_p", "system",
            "messages", "tools", "stop_sequences", "output_config");

    private final ObjectMapper mapper;
    private final List<Slot> slots = new ArrayList<>();
    private final AiRequest.Builder out = AiRequest.builder();
    private final List<ToolDefinition> tools = new ArrayList<>();
    private final ContentReader content = new ContentReader(this);

    private RequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param body    the wire body
     * @param headers the call's own HTTP headers, name to values
     * @param query   the call's own query parameters, name to values
     * @param mapper  the SDK's JSON mapper
     * @return the AIMS form (model, messages, parameters, tools, extras; provider and server not yet set), and the
     *         slots
     * @throws IllegalArgumentException naming the field when the body is not a Messages API request AIMS can read
     */
    static RequestReader read(ObjectNode body, Map<String, List<String>> headers, Map<String, List<String>> query,
            ObjectMapper mapper) {
        RequestReader r = new RequestReader(mapper);
        r.body(body);
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            r.extra(WireRequest.HEADER + h.getKey(), mapper.valueToTree(h.getValue()), null);
        }
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            r.extra(WireRequest.QUERY + q.getKey(), mapper.valueToTree(q.getValue()), null);
        }
        return r;
    }

    /** @return the builder of the AIMS form, its messages (which count their uninspected parts) set */
    AiRequest.Builder request() {
        return out.messages(content.messages()).tools(tools);
    }

    List<Slot> slots() {
        return List.copyOf(slots);
    }

    void slot(Slot slot) {
        slots.add(slot);
    }

    private void body(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual()) {
            throw new IllegalArgumentException("model must be a string");
        }
        out.model(model.asText());
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens != null) {
            if (!maxTokens.canConvertToInt()) {
                throw new IllegalArgumentException("max_tokens must be an integer in AIMS's range");
            }
            out.maxTokens(maxTokens.asInt());
        }
        number(body, "temperature", true);
        number(body, "top_p", false);
        content.system(body.get("system"));
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new IllegalArgumentException("messages must be an array");
        }
        for (int i = 0; i < messages.size(); i++) {
            content.message(messages.get(i), At.root("messages").child(i));
        }
        tools(body.get("tools"));
        stops(body.get("stop_sequences"));
        outputConfig(body.get("output_config"));
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!TYPED.contains(e.getKey())) {
                extra(e.getValue(), At.root(e.getKey()));
            }
        }
    }

    private void number(ObjectNode body, String field, boolean temperature) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        if (temperature) {
            out.temperature(v.asDouble());
        } else {
            out.topP(v.asDouble());
        }
    }

    private void tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        At at = At.root("tools");
        if (!tools.isArray()) {
            extra(tools, at);
            return;
        }
        for (int i = 0; i < tools.size(); i++) {
            At toolAt = at.child(i);
            JsonNode tool = tools.get(i);
            JsonNode name = tool.get("name");
            if (!tool.isObject() || name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new IllegalArgumentException(toolAt + ".name must be a tool's name");
            }
            slots.add(new Slot(Kind.TOOL_NAME, i, 0, null, toolAt.child("name")));
            JsonNode description = tool.get("description");
            String d = "";
            if (description != null && description.isTextual()) {
                d = description.asText();
                slots.add(new Slot(Kind.TOOL_DESCRIPTION, i, 0, null, toolAt.child("description")));
            }
            JsonNode schema = tool.get("input_schema");
            String s = "";
            if (schema != null) {
                s = json(schema);
                slots.add(new Slot(Kind.TOOL_SCHEMA, i, 0, null, toolAt.child("input_schema")));
            }
            this.tools.add(new ToolDefinition(name.asText(), d, s));
            // "type" names a server tool's kind and version (web_search_20250305): structure
            extrasExcept((ObjectNode) tool, toolAt, "type", "name", "description", "input_schema");
        }
    }

    private void stops(JsonNode stops) {
        if (stops == null || stops.isNull()) {
            return;
        }
        At at = At.root("stop_sequences");
        boolean strings = stops.isArray();
        for (JsonNode s : stops) {
            strings &= s.isTextual();
        }
        if (!strings) {
            extra(stops, at);
            return;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < stops.size(); i++) {
            values.add(stops.get(i).asText());
            slots.add(new Slot(Kind.STOP, i, 0, null, at.child(i)));
        }
        out.stopSequences(values);
    }

    private void outputConfig(JsonNode config) {
        if (config == null || config.isNull()) {
            return;
        }
        At at = At.root("output_config");
        if (!config.isObject()) {
            extra(config, at);
            return;
        }
        JsonNode format = config.get("format");
        if (format != null && !format.isNull()) {
            out.responseFormat(json(format));
            slots.add(new Slot(Kind.FORMAT, 0, 0, null, at.child("format")));
        }
        extrasExcept((ObjectNode) config, at, "format");
    }

    /** Every field of {@code node} but the named ones becomes an extra. */
    void extrasExcept(ObjectNode node, At at, String... kept) {
        fields:
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String k : kept) {
                if (k.equals(e.getKey())) {
                    continue fields;
                }
            }
            extra(e.getValue(), at.child(e.getKey()));
        }
    }

    void extra(JsonNode value, At at) {
        extra(at.name, value, at);
    }

    private void extra(String key, JsonNode value, At at) {
        out.extra(key, json(value));
        slot(new Slot(Kind.EXTRA, 0, 0, key, at));
    }

    String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

}
