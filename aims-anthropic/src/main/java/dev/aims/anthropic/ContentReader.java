package dev.aims.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.anthropic.Slot.At;
import dev.aims.anthropic.Slot.Kind;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the system prompt and the messages of a request, block by block, for {@link RequestReader}: which block
 * becomes which part of which AIMS message, and which is counted as uninspected (the list is in
 * {@link RequestReader}'s comment). A user message's {@code tool_result} blocks become tool messages where they
 * stand, so one Anthropic message may give several AIMS messages; each {@link Slot} says which.
 */
final class ContentReader {
    private final RequestReader reader;
    private final List<Draft> drafts = new ArrayList<>();
    private final Map<String, String> toolNames = new HashMap<>();

    ContentReader(RequestReader reader) {
        this.reader = reader;
    }

    /** @return the AIMS messages read so far */
    List<Message> messages() {
        List<Message> messages = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            messages.add(d.build());
        }
        return messages;
    }

    void system(JsonNode system) {
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
            reader.extra(system, at);
        }
    }

    void message(JsonNode message, At at) {
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
        reader.extrasExcept((ObjectNode) message, at, "role", "content");
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
                reader.extrasExcept(block, at, "type", "thinking");
                return;
            case "image":
                source(d, block.get("source"), at.child("source"), false);
                reader.extrasExcept(block, at, "type", "source");
                return;
            case "document":
                source(d, block.get("source"), at.child("source"), true);
                reader.extrasExcept(block, at, "type", "source");
                return;
            case "search_result":
                contents(d, block.get("content"), at.child("content"));
                reader.extrasExcept(block, at, "type", "content");
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
        reader.extrasExcept(block, at, "type", "text");
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
            reader.extra(v, at.child(field));
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
            reader.extrasExcept(s, at, "type", "url");
        } else if (document && "text".equals(type) && s.path("data").isTextual()) {
            d.text(at.child("data"), s.path("data").asText());
            reader.extrasExcept(s, at, "type", "media_type", "data");
        } else if (document && "content".equals(type)) {
            contents(d, s.get("content"), at.child("content"));
            reader.extrasExcept(s, at, "type", "content");
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
        String arguments = input == null ? "{}" : reader.json(input);
        int part = d.calls++;
        reader.slot(new Slot(Kind.CALL_NAME, d.index, part, null, at.child("name")));
        if (input != null) {
            reader.slot(new Slot(Kind.CALL_INPUT, d.index, part, null, at.child("input")));
        }
        d.builder.toolCall(ToolCall.of(id, name.asText(), arguments));
        toolNames.put(id, name.asText());
        reader.extrasExcept(block, at, "type", "id", "name", "input");
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
            reader.slot(new Slot(Kind.RESULT, d.index, 0, null, contentAt));
        } else if (content != null && content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                JsonNode b = content.get(k);
                At bAt = contentAt.child(k);
                if (!b.isObject()) {
                    d.uninspected++;
                } else if (!haveResult && "text".equals(b.path("type").asText()) && b.path("text").isTextual()) {
                    result = b.path("text").asText();
                    haveResult = true;
                    reader.slot(new Slot(Kind.RESULT, d.index, 0, null, bAt.child("text")));
                    reader.extrasExcept((ObjectNode) b, bAt, "type", "text");
                } else {
                    block(d, (ObjectNode) b, bAt);
                }
            }
        } else if (content != null && !content.isNull()) {
            reader.extra(content, contentAt);
        }
        d.builder.toolResult(ToolResult.of(id, toolNames.getOrDefault(id, ""), result));
        reader.extrasExcept(block, at, "type", "tool_use_id", "content");
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
            reader.slot(new Slot(Kind.TEXT, index, texts++, null, at));
            builder.text(text);
        }

        void media(At at, String url) {
            reader.slot(new Slot(Kind.MEDIA, index, media++, null, at));
            builder.mediaUrl(url);
        }

        Message build() {
            return builder.uninspectedParts(uninspected).build();
        }
    }
}
