package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages and tools of a chat-completions request, as JSON, walked place by place ({@link Slots}).
 *
 * <p>A message's role ({@code system} and {@code developer} are SYSTEM), {@code name}, {@code content} (a string,
 * or {@code text} and {@code refusal} parts as texts and {@code image_url} parts as media URLs), an assistant's
 * {@code refusal} and {@code tool_calls} (function and custom calls: name and arguments or input), and a tool
 * message's {@code tool_call_id} and content (its first text is the result) are carried. Counted as uninspected, one
 * each: images sent inline ({@code data:} URLs), audio and file parts, unknown part kinds and part fields, an
 * assistant's {@code audio} and {@code function_call}, any other field, and every message of another role
 * ({@code function}). A tool is carried when it is a {@code function} (name, description, parameters) or a
 * {@code custom} tool (name, description, and its format as the schema); any other kind is uninspected.
 */
final class ChatItems {
    private ChatItems() {
    }

    /** @return the AIMS form of a message */
    static Message toAims(JsonNode message) {
        Slots.Collector c = Slots.collect();
        walk(message.deepCopy(), c);
        return c.message();
    }

    /** @return a copy of the original message carrying the governed message's values */
    static JsonNode rebuild(JsonNode original, Message governed) {
        JsonNode copy = original.deepCopy();
        walk(copy, Slots.replace(governed));
        return copy;
    }

    private static void walk(JsonNode node, Slots s) {
        if (!(node instanceof ObjectNode m)) {
            s.role(Role.USER);
            s.uninspected();
            return;
        }
        Role role = role(Json.text(m.get("role")));
        if (role == null) {
            s.role(Role.USER);
            s.uninspected();
            return;
        }
        s.role(role);
        for (String field : fields(m)) {
            JsonNode v = m.get(field);
            switch (field) {
                case "role":
                    break;
                case "name":
                    if (v.isTextual()) {
                        m.put(field, s.name(v.textValue()));
                    } else if (!v.isNull()) {
                        s.uninspected();
                    }
                    break;
                case "content":
                    content(m, v, s);
                    break;
                case "refusal":
                    text(m, field, v, s, role == Role.ASSISTANT);
                    break;
                case "tool_calls":
                    if (role == Role.ASSISTANT && v.isArray()) {
                        for (JsonNode call : v) {
                            toolCall(call, s);
                        }
                    } else if (!v.isNull()) {
                        s.uninspected();
                    }
                    break;
                case "tool_call_id":
                    if (role == Role.TOOL && v.isTextual()) {
                        s.toolCallId(v.textValue());
                    } else if (!v.isNull()) {
                        s.uninspected();
                    }
                    break;
                default:
                    if (!v.isNull()) {
                        s.uninspected();
                    }
            }
        }
    }

    private static Role role(String role) {
        if (role == null) {
            return null;
        }
        switch (role) {
            case "system":
            case "developer":
                return Role.SYSTEM;
            case "user":
                return Role.USER;
            case "assistant":
                return Role.ASSISTANT;
            case "tool":
                return Role.TOOL;
            default:
                return null;
        }
    }

    private static void text(ObjectNode m, String field, JsonNode v, Slots s, boolean allowed) {
        if (allowed && v.isTextual()) {
            m.put(field, s.text(v.textValue()));
        } else if (!v.isNull()) {
            s.uninspected();
        }
    }

    private static void content(ObjectNode m, JsonNode v, Slots s) {
        if (v.isTextual()) {
            m.put("content", s.text(v.textValue()));
            return;
        }
        if (v.isNull()) {
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
            if ("text".equals(type) || "refusal".equals(type)) {
                for (String f : fields(part)) {
                    JsonNode value = part.get(f);
                    if (f.equals(type) && value.isTextual()) {
                        part.put(f, s.text(value.textValue()));
                    } else if (!f.equals("type") && !value.isNull()) {
                        s.uninspected();
                    }
                }
            } else if ("image_url".equals(type)) {
                imageUrl(part, s);
            } else {
                s.uninspected();
            }
        }
    }

    private static void imageUrl(ObjectNode part, Slots s) {
        for (String f : fields(part)) {
            JsonNode value = part.get(f);
            if (f.equals("type") || value.isNull()) {
                continue;
            }
            if (!f.equals("image_url") || !(value instanceof ObjectNode image)) {
                s.uninspected();
                continue;
            }
            for (String g : fields(image)) {
                JsonNode x = image.get(g);
                if (g.equals("url") && x.isTextual() && !Media.inline(x.textValue())) {
                    image.put(g, s.url(x.textValue()));
                } else if (!(g.equals("detail") && Media.setting(x)) && !x.isNull()) {
                    s.uninspected();
                }
            }
        }
    }

    private static void toolCall(JsonNode node, Slots s) {
        String type = node == null ? null : Json.text(node.get("type"));
        String body = "function".equals(type) ? "function" : "custom".equals(type) ? "custom" : null;
        String argsField = "function".equals(type) ? "arguments" : "input";
        JsonNode fn = body == null ? null : node.get(body);
        String id = Json.text(node == null ? null : node.get("id"));
        String name = fn == null ? null : Json.text(fn.get("name"));
        String args = fn == null ? null : Json.text(fn.get(argsField));
        if (!(fn instanceof ObjectNode f) || name == null || name.isBlank() || args == null
                || !Fields.only(node, "id", "type", body) || !Fields.only(f, "name", argsField)) {
            s.uninspected();
            return;
        }
        ToolCall out = s.toolCall(ToolCall.of(id == null ? "" : id, name, args));
        f.put("name", out.name());
        f.put(argsField, out.arguments());
    }

    /** @return a chat message built from its AIMS form alone (one that matched no original) */
    static JsonNode fresh(Message m) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("role", m.role() == Role.SYSTEM ? "system" : m.role() == Role.ASSISTANT ? "assistant"
                : m.role() == Role.TOOL ? "tool" : "user");
        m.name().ifPresent(n -> out.put("name", n));
        List<String> texts = new ArrayList<>();
        m.toolResult().ifPresent(r -> {
            out.put("tool_call_id", r.toolCallId());
            texts.add(r.text());
        });
        texts.addAll(m.texts());
        if (m.mediaUrls().isEmpty() && texts.size() == 1) {
            out.put("content", texts.get(0));
        } else if (m.mediaUrls().isEmpty() && texts.isEmpty()) {
            if (m.toolCalls().isEmpty()) {
                out.put("content", "");
            }
        } else {
            ArrayNode parts = out.putArray("content");
            for (String t : texts) {
                parts.addObject().put("type", "text").put("text", t);
            }
            for (String u : m.mediaUrls()) {
                parts.addObject().put("type", "image_url").putObject("image_url").put("url", u);
            }
        }
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = out.putArray("tool_calls");
            for (ToolCall c : m.toolCalls()) {
                ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        }
        return out;
    }

    /**
     * @param tool a tool of the request
     * @return its AIMS form, or null when it is of a kind AIMS does not read (counted as uninspected)
     */
    static ToolDefinition tool(JsonNode tool) {
        String type = Json.text(tool.get("type"));
        if (!"function".equals(type) && !"custom".equals(type)) {
            return null;
        }
        String schemaField = "function".equals(type) ? "parameters" : "format";
        JsonNode f = tool.get(type);
        if (!(f instanceof ObjectNode) || !Fields.only(tool, "type", type)
                || !Fields.only(f, "name", "description", schemaField, "strict")) {
            return null;
        }
        return Tools.definition(f, schemaField);
    }

    /** @return a copy of the original tool with the governed definition's texts */
    static JsonNode rebuildTool(JsonNode original, ToolDefinition governed, String field) {
        ObjectNode copy = original.deepCopy();
        String type = Json.text(copy.get("type"));
        Tools.write((ObjectNode) copy.get(type), governed, "function".equals(type) ? "parameters" : "format",
                field);
        return copy;
    }

    /** @return a function tool built from its AIMS form alone */
    static JsonNode freshTool(ToolDefinition d, String field) {
        ObjectNode out = Json.NODES.objectNode().put("type", "function");
        Tools.write(out.putObject("function"), d, "parameters", field);
        return out;
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
