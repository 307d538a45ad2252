package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;

/**
 * The instructions, input items and tools of a Responses API request, as JSON, walked place by place
 * ({@link Slots}).
 *
 * <p>Carried: the instructions (a SYSTEM message) and a string input (a USER message); message items of the roles
 * {@code system}, {@code developer}, {@code user} and {@code assistant} — a string content, or {@code input_text},
 * {@code output_text} and {@code refusal} parts as texts and {@code input_image} parts by URL as media URLs;
 * {@code function_call} and {@code custom_tool_call} items as an assistant's tool call (name, arguments or input);
 * {@code function_call_output} and {@code custom_tool_call_output} items as a tool result (a string output, or text
 * and image parts). Item ids and statuses are kept as they are when they are plain identifiers. Counted as
 * uninspected, one each: images sent inline or by file id, file and audio parts, annotations and log
 * probabilities of earlier answers, every other item type ({@code reasoning}, {@code item_reference}, built-in tool
 * calls …) and every other field. A tool is carried when it is a {@code function} or {@code custom} tool; built-in
 * tools (web search, file search, MCP servers, code interpreter …) are uninspected.
 */
final class ResponseItems {
    static final String INSTRUCTIONS = "instructions";
    static final String INPUT_TEXT = "input-text";
    static final String ITEM = "input";

    private ResponseItems() {
    }

    /** @return the AIMS form of an item of the given kind */
    static Message toAims(String kind, JsonNode item) {
        Slots.Collector c = Slots.collect();
        walk(kind, item.deepCopy(), c);
        return c.message();
    }

    /** @return the item written with the governed message's values (a text node for instructions and text input) */
    static JsonNode rebuild(String kind, JsonNode original, Message governed) {
        if (!(original instanceof ObjectNode)) {
            Slots s = Slots.replace(governed);
            return TextNode.valueOf(s.text(original.textValue()));
        }
        JsonNode copy = original.deepCopy();
        walk(kind, copy, Slots.replace(governed));
        return copy;
    }

    private static void walk(String kind, JsonNode node, Slots s) {
        if (!(node instanceof ObjectNode item)) {
            s.role(INSTRUCTIONS.equals(kind) ? Role.SYSTEM : Role.USER);
            if (node.isTextual()) {
                s.text(node.textValue());
            } else {
                s.uninspected();
            }
            return;
        }
        String type = Json.text(item.get("type"));
        if (type == null || "message".equals(type)) {
            message(item, s);
        } else if ("function_call".equals(type) || "custom_tool_call".equals(type)) {
            call(item, s, "function_call".equals(type) ? "arguments" : "input");
        } else if ("function_call_output".equals(type) || "custom_tool_call_output".equals(type)) {
            output(item, s);
        } else {
            s.role(Role.USER);
            s.uninspected();
        }
    }

    private static Role role(String role) {
        if ("system".equals(role) || "developer".equals(role)) {
            return Role.SYSTEM;
        }
        if ("user".equals(role)) {
            return Role.USER;
        }
        return "assistant".equals(role) ? Role.ASSISTANT : null;
    }

    private static void message(ObjectNode item, Slots s) {
        Role role = role(Json.text(item.get("role")));
        if (role == null) {
            s.role(Role.USER);
            s.uninspected();
            return;
        }
        s.role(role);
        for (String f : ChatItems.fields(item)) {
            JsonNode v = item.get(f);
            if (f.equals("type") || f.equals("role") || v.isNull() || (isIdField(f) && plainId(v))) {
                continue;
            }
            if (f.equals("content")) {
                content(item, f, v, s);
            } else {
                s.uninspected();
            }
        }
    }

    private static void content(ObjectNode item, String field, JsonNode v, Slots s) {
        if (v.isTextual()) {
            item.put(field, s.text(v.textValue()));
            return;
        }
        if (!v.isArray()) {
            s.uninspected();
            return;
        }
        for (JsonNode p : v) {
            if (!(p instanceof ObjectNode part)) {
                s.uninspected();
                continue;
            }
            String type = Json.text(part.get("type"));
            String textField = "refusal".equals(type) ? "refusal"
                    : "input_text".equals(type) || "output_text".equals(type) ? "text" : null;
            for (String f : ChatItems.fields(part)) {
                JsonNode x = part.get(f);
                if (f.equals("type") || x.isNull() || (x.isArray() && x.isEmpty())) {
                    continue;
                }
                if (textField != null && f.equals(textField) && x.isTextual()) {
                    part.put(f, s.text(x.textValue()));
                } else if ("input_image".equals(type) && f.equals("image_url") && x.isTextual()
                        && !Media.inline(x.textValue())) {
                    part.put(f, s.url(x.textValue()));
                } else if (!("input_image".equals(type) && f.equals("detail") && Media.setting(x))) {
                    s.uninspected();
                }
            }
            if (textField == null && !"input_image".equals(type)) {
                // A part of a kind AIMS does not read, even one with no field but its type.
                s.uninspected();
            }
        }
    }

    private static void call(ObjectNode item, Slots s, String argsField) {
        s.role(Role.ASSISTANT);
        String name = Json.text(item.get("name"));
        String args = Json.text(item.get(argsField));
        String id = Json.text(item.get("call_id"));
        if (name == null || name.isBlank() || args == null || !Fields.only(item, "type", "name", argsField,
                "call_id", "id", "status") || !plainIds(item)) {
            s.uninspected();
            return;
        }
        ToolCall out = s.toolCall(ToolCall.of(id == null ? "" : id, name, args));
        item.put("name", out.name());
        item.put(argsField, out.arguments());
    }

    private static void output(ObjectNode item, Slots s) {
        s.role(Role.TOOL);
        String id = Json.text(item.get("call_id"));
        if (id != null) {
            s.toolCallId(id);
        }
        for (String f : ChatItems.fields(item)) {
            JsonNode v = item.get(f);
            if (f.equals("type") || f.equals("call_id") || v.isNull() || (isIdField(f) && plainId(v))) {
                continue;
            }
            if (f.equals("output")) {
                content(item, f, v, s);
            } else {
                s.uninspected();
            }
        }
    }

    private static boolean isIdField(String f) {
        return f.equals("id") || f.equals("status");
    }

    private static boolean plainIds(ObjectNode item) {
        return (!item.has("id") || item.get("id").isNull() || plainId(item.get("id")))
                && (!item.has("status") || item.get("status").isNull() || plainId(item.get("status")));
    }

    /** An item id ({@code msg_…}, {@code fc_…}) or a status word: letters, digits, {@code _} and {@code -}. */
    private static boolean plainId(JsonNode v) {
        if (!v.isTextual() || v.textValue().length() > 128) {
            return false;
        }
        String s = v.textValue();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    /** @return the input item(s) built from a governed message alone (one that matched no original) */
    static JsonNode fresh(Message m) {
        if (m.role() == Role.TOOL) {
            ObjectNode out = Json.NODES.objectNode().put("type", "function_call_output")
                    .put("call_id", m.toolResult().orElseThrow().toolCallId());
            out.put("output", m.toolResult().orElseThrow().text() + String.join("", m.texts()));
            return out;
        }
        ArrayNode items = Json.NODES.arrayNode();
        if (!m.texts().isEmpty() || !m.mediaUrls().isEmpty() || m.toolCalls().isEmpty()) {
            ObjectNode msg = items.addObject().put("role", m.role() == Role.SYSTEM ? "system"
                    : m.role() == Role.ASSISTANT ? "assistant" : "user");
            if (m.mediaUrls().isEmpty() || m.role() != Role.USER) {
                msg.put("content", m.text());
            } else {
                ArrayNode parts = msg.putArray("content");
                for (String t : m.texts()) {
                    parts.addObject().put("type", "input_text").put("text", t);
                }
                for (String u : m.mediaUrls()) {
                    parts.addObject().put("type", "input_image").put("image_url", u).put("detail", "auto");
                }
            }
        }
        for (ToolCall c : m.toolCalls()) {
            items.addObject().put("type", "function_call").put("call_id", c.id()).put("name", c.name())
                    .put("arguments", c.arguments());
        }
        return items.size() == 1 ? items.get(0) : items;
    }

    /** @return a tool's AIMS form, or null when it is of a kind AIMS does not read (counted as uninspected) */
    static ToolDefinition tool(JsonNode tool) {
        String type = Json.text(tool.get("type"));
        String schemaField = "function".equals(type) ? "parameters" : "custom".equals(type) ? "format" : null;
        if (schemaField == null || !Fields.only(tool, "type", "name", "description", schemaField, "strict")) {
            return null;
        }
        return Tools.definition(tool, schemaField);
    }

    /** @return a copy of the original tool with the governed definition's texts */
    static JsonNode rebuildTool(JsonNode original, ToolDefinition governed, String field) {
        ObjectNode copy = original.deepCopy();
        Tools.write(copy, governed, "function".equals(Json.text(copy.get("type"))) ? "parameters" : "format",
                field);
        return copy;
    }

    /** @return a function tool built from its AIMS form alone */
    static JsonNode freshTool(ToolDefinition d, String field) {
        ObjectNode out = Json.NODES.objectNode().put("type", "function");
        Tools.write(out, d, "parameters", field);
        out.put("strict", false);
        return out;
    }
}
