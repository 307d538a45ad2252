package dev.aims.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.anthropic.Slot.At;
import dev.aims.anthropic.Slot.Kind;
import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import dev.aims.api.ToolResult;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Kept as the application wrote them, because they are structure, not content: block and source {@code type}s, a
 * source's {@code media_type}, {@code role}s, the ids of tool calls and results. What AIMS cannot read — base64
 * images and documents, file references, {@code redacted_thinking}, server tools' results, block types this reader
 * does not know — is counted as uninspected, so that a policy decides about it (denied by default).
 */
final class RequestReader {
    private static final Set<String> TYPED = Set.of("model", "max_tokens", "temperature", "top_p", "system",
            "messages", "tools", "stop_sequences", "output_config");

    private final ObjectMapper mapper;
    private final List<Slot> slots = new ArrayList<>();
    private final List<Draft> drafts = new ArrayList<>();
    private final AiRequest.Builder out = AiRequest.builder();
    private final List<ToolDefinition> tools = new ArrayList<>();
    private final Map<String, String> toolNames = new HashMap<>();
    private int uninspected;

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

    /** @return the builder of the AIMS form, its messages and uninspected parts set */
    AiRequest.Builder request() {
        List<Message> messages = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            messages.add(d.build());
        }
        return out.messages(messages).tools(tools).uninspectedParts(uninspected);
    }

    List<Slot> slots() {
        return List.copyOf(slots);
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
        system(body.get("system"));
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new IllegalArgumentException("messages must be an array");
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), At.root("messages").child(i));
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

    private void system(JsonNode system) {
        if (system == null || system.isNull()) {
            return;
        }
        At at = At.root("system");
        Draft d = draft(Role.SYSTEM);
        if (system.isTextual()) {
            d.text(at, system.asText());
        } else if (system.isArray()) {
            for (int j = 0; j < system.size(); j++) {
                JsonNode block = system.get(j);
                if ("text".equals(block.path("type").asText())) {
                    text(d, (ObjectNode) block, at.child(j));
                } else {
                    d.uninspected++;
                }
            }
        } else {
            extra(system, at);
        }
    }

    private void message(JsonNode message, At at) {
        if (!message.isObject()) {
            throw new IllegalArgumentException(at + " must be an object");
        }
        String role = message.path("role").asText();
        Role r;
        if ("user".equals(role)) {
            r = Role.USER;
        } else if ("assistant".equals(role)) {
            r = Role.ASSISTANT;
        } else {
            throw new IllegalArgumentException(at + ".role must be 'user' or 'assistant'");
        }
        extrasExcept((ObjectNode) message, at, "role", "content");
        JsonNode content = message.get("content");
        At contentAt = at.child("content");
        if (content != null && content.isTextual()) {
            draft(r).text(contentAt, content.asText());
            return;
        }
        if (content == null || !content.isArray()) {
            throw new IllegalArgumentException(contentAt + " must be a string or an array of blocks");
        }
        Draft current = null;
        boolean any = false;
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            At blockAt = contentAt.child(j);
            if (!block.isObject()) {
                throw new IllegalArgumentException(blockAt + " must be an object");
            }
            if (r == Role.USER && "tool_result".equals(block.path("type").asText())) {
                toolResult((ObjectNode) block, blockAt);
                current = null;
                any = true;
                continue;
            }
            if (current == null) {
                current = draft(r);
                any = true;
            }
            block(current, (ObjectNode) block, blockAt);
        }
        if (!any) {
            draft(r);
        }
    }

    private void block(Draft d, ObjectNode block, At at) {
        switch (block.path("type").asText()) {
            case "text":
                text(d, block, at);
                return;
            case "thinking":
                field(d, block, "thinking", at);
                extrasExcept(block, at, "type", "thinking");
                return;
            case "image":
                source(d, block.get("source"), at.child("source"), false);
                extrasExcept(block, at, "type", "source");
                return;
            case "document":
                source(d, block.get("source"), at.child("source"), true);
                extrasExcept(block, at, "type", "source");
                return;
            case "search_result":
                contents(d, block.get("content"), at.child("content"));
                extrasExcept(block, at, "type", "content");
                return;
            case "tool_use":
            case "server_tool_use":
                if (d.role == Role.ASSISTANT) {
                    toolCall(d, block, at);
                    return;
                }
                d.uninspected++;
                return;
            default:
                // redacted_thinking (encrypted), server tools' results, container uploads, newer block types
                d.uninspected++;
        }
    }

    private void text(Draft d, ObjectNode block, At at) {
        field(d, block, "text", at);
        extrasExcept(block, at, "type", "text");
    }

    /** A text field of a block: a text part when it is a string, an extra otherwise. */
    private void field(Draft d, ObjectNode block, String field, At at) {
        JsonNode v = block.get(field);
        if (v == null) {
            return;
        }
        if (v.isTextual()) {
            d.text(at.child(field), v.asText());
        } else {
            extra(v, at.child(field));
        }
    }

    /** A list of content blocks inside a block (a search result's, a document's content source). */
    private void contents(Draft d, JsonNode content, At at) {
        if (content == null) {
            return;
        }
        if (content.isTextual()) {
            d.text(at, content.asText());
            return;
        }
        if (!content.isArray()) {
            d.uninspected++;
            return;
        }
        for (int k = 0; k < content.size(); k++) {
            JsonNode b = content.get(k);
            String type = b.path("type").asText();
            if (b.isObject() && ("text".equals(type) || "image".equals(type))) {
                block(d, (ObjectNode) b, at.child(k));
            } else {
                d.uninspected++;
            }
        }
    }

    private void source(Draft d, JsonNode source, At at, boolean document) {
        if (source == null || !source.isObject()) {
            d.uninspected++;
            return;
        }
        ObjectNode s = (ObjectNode) source;
        String type = s.path("type").asText();
        if ("url".equals(type) && s.path("url").isTextual()) {
            d.media(at.child("url"), s.path("url").asText());
            extrasExcept(s, at, "type", "url");
        } else if (document && "text".equals(type) && s.path("data").isTextual()) {
            d.text(at.child("data"), s.path("data").asText());
            extrasExcept(s, at, "type", "media_type", "data");
        } else if (document && "content".equals(type)) {
            contents(d, s.get("content"), at.child("content"));
            extrasExcept(s, at, "type", "content");
        } else {
            // base64 data and file references: bytes AIMS never sees
            d.uninspected++;
        }
    }

    private void toolCall(Draft d, ObjectNode block, At at) {
        String id = block.path("id").asText("");
        JsonNode name = block.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new IllegalArgumentException(at + ".name must be a tool's name");
        }
        JsonNode input = block.get("input");
        String arguments = input == null ? "{}" : json(input);
        int part = d.calls++;
        slots.add(new Slot(Kind.CALL_NAME, d.index, part, null, at.child("name")));
        if (input != null) {
            slots.add(new Slot(Kind.CALL_INPUT, d.index, part, null, at.child("input")));
        }
        d.builder.toolCall(ToolCall.of(id, name.asText(), arguments));
        toolNames.put(id, name.asText());
        extrasExcept(block, at, "type", "id", "name", "input");
    }

    private void toolResult(ObjectNode block, At at) {
        String id = block.path("tool_use_id").asText("");
        Draft d = draft(Role.TOOL);
        String result = "";
        boolean haveResult = false;
        JsonNode content = block.get("content");
        At contentAt = at.child("content");
        if (content != null && content.isTextual()) {
            result = content.asText();
            slots.add(new Slot(Kind.RESULT, d.index, 0, null, contentAt));
        } else if (content != null && content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                JsonNode b = content.get(k);
                At bAt = contentAt.child(k);
                if (!b.isObject()) {
                    d.uninspected++;
                } else if (!haveResult && "text".equals(b.path("type").asText()) && b.path("text").isTextual()) {
                    result = b.path("text").asText();
                    haveResult = true;
                    slots.add(new Slot(Kind.RESULT, d.index, 0, null, bAt.child("text")));
                    extrasExcept((ObjectNode) b, bAt, "type", "text");
                } else {
                    block(d, (ObjectNode) b, bAt);
                }
            }
        } else if (content != null && !content.isNull()) {
            extra(content, contentAt);
        }
        d.builder.toolResult(ToolResult.of(id, toolNames.getOrDefault(id, ""), result));
        extrasExcept(block, at, "type", "tool_use_id", "content");
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
    private void extrasExcept(ObjectNode node, At at, String... kept) {
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

    private void extra(JsonNode value, At at) {
        extra(at.name, value, at);
    }

    private void extra(String key, JsonNode value, At at) {
        out.extra(key, json(value));
        slots.add(new Slot(Kind.EXTRA, 0, 0, key, at));
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private Draft draft(Role role) {
        Draft d = new Draft(role, drafts.size());
        drafts.add(d);
        return d;
    }

    /** One AIMS message being read, with the counts its slots need. */
    private final class Draft {
        final Role role;
        final int index;
        final Message.Builder builder;
        int texts;
        int media;
        int calls;
        int uninspected;

        Draft(Role role, int index) {
            this.role = role;
            this.index = index;
            this.builder = Message.builder(role);
        }

        void text(At at, String text) {
            slots.add(new Slot(Kind.TEXT, index, texts++, null, at));
            builder.text(text);
        }

        void media(At at, String url) {
            slots.add(new Slot(Kind.MEDIA, index, media++, null, at));
            builder.mediaUrl(url);
        }

        Message build() {
            return builder.uninspectedParts(uninspected).build();
        }
    }
}
