package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates chat-completions answers both ways. Into AIMS: one ASSISTANT message per choice — its content and
 * refusal as texts, its tool calls — with finish reasons, usage (cached and reasoning tokens included), id and
 * model. Back: the provider's own answer, its texts and tool-call arguments replaced by the governed ones (pseudonyms
 * restored, a policy's changes applied); the provider's metadata is kept.
 */
final class ChatAnswers {
    private ChatAnswers() {
    }

    /** @return the AIMS form of an answer, read from its JSON */
    static AiResponse toAims(JsonNode completion) {
        AiResponse.Builder b = AiResponse.builder().usage(usage(completion.path("usage")))
                .responseId(Json.text(completion.get("id"))).model(Json.text(completion.get("model")));
        for (JsonNode choice : completion.path("choices")) {
            b.message(message(choice.path("message")).build());
            String reason = Json.text(choice.get("finish_reason"));
            if (reason != null) {
                b.finishReason(finishReason(reason));
            }
        }
        return b.build();
    }

    private static Message.Builder message(JsonNode m) {
        Message.Builder b = Message.builder(Role.ASSISTANT);
        if (m.path("content").isTextual()) {
            b.text(m.get("content").textValue());
        }
        if (m.path("refusal").isTextual()) {
            b.text(m.get("refusal").textValue());
        }
        for (JsonNode c : m.path("tool_calls")) {
            String type = Json.text(c.get("type"));
            JsonNode f = "custom".equals(type) ? c.path("custom") : c.path("function");
            String args = Json.text(f.get("custom".equals(type) ? "input" : "arguments"));
            b.toolCall(ToolCall.of(nonNull(Json.text(c.get("id"))), name(Json.text(f.get("name"))), nonNull(args)));
        }
        return b;
    }

    static Usage usage(JsonNode u) {
        if (!u.isObject()) {
            return Usage.ZERO;
        }
        return new Usage(u.path("prompt_tokens").asLong(0), u.path("completion_tokens").asLong(0),
                u.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0,
                u.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }

    static FinishReason finishReason(String reason) {
        switch (reason) {
            case "stop":
                return FinishReason.STOP;
            case "length":
                return FinishReason.LENGTH;
            case "tool_calls":
            case "function_call":
                return FinishReason.TOOL_CALLS;
            case "content_filter":
                return FinishReason.CONTENT_FILTER;
            default:
                return FinishReason.OTHER;
        }
    }

    static String finishReason(FinishReason reason) {
        switch (reason) {
            case LENGTH:
                return "length";
            case TOOL_CALLS:
                return "tool_calls";
            case CONTENT_FILTER:
                return "content_filter";
            default:
                return "stop";
        }
    }

    /**
     * @param governed the answer as governance returned it
     * @param original the provider's answer, or null when the provider was not reached (an interceptor answered)
     * @return the answer for the application: the provider's, with the governed texts
     */
    static ChatCompletion answer(AiResponse governed, ChatCompletion original) {
        ObjectNode json = original != null ? Json.tree(original) : Json.NODES.objectNode()
                .put("id", governed.responseId().orElse("")).put("object", "chat.completion").put("created", 0)
                .put("model", governed.model().orElse(""));
        JsonNode choices = json.path("choices");
        boolean same = choices.size() == governed.messages().size();
        for (int i = 0; same && i < choices.size(); i++) {
            same = Slots.sameShape(message(choices.get(i).path("message")).build(), governed.messages().get(i));
        }
        if (same) {
            for (int i = 0; i < choices.size(); i++) {
                write((ObjectNode) choices.get(i).path("message"), governed.messages().get(i));
            }
        } else {
            // A policy changed the answer's shape: the choices are written from it alone.
            ArrayNode fresh = json.putArray("choices");
            for (int i = 0; i < governed.messages().size(); i++) {
                ObjectNode c = fresh.addObject().put("index", i);
                c.set("message", fresh(governed.messages().get(i)));
                c.put("finish_reason", i < governed.finishReasons().size()
                        ? finishReason(governed.finishReasons().get(i)) : "stop");
                c.putNull("logprobs");
            }
        }
        return Json.sdk(json, ChatCompletion.class, "the governed chat answer");
    }

    private static void write(ObjectNode m, Message g) {
        int t = 0;
        if (m.path("content").isTextual()) {
            m.put("content", g.texts().get(t++));
        }
        if (m.path("refusal").isTextual()) {
            m.put("refusal", g.texts().get(t));
        }
        int k = 0;
        for (JsonNode c : m.path("tool_calls")) {
            boolean custom = "custom".equals(Json.text(c.get("type")));
            ((ObjectNode) c.path(custom ? "custom" : "function")).put(custom ? "input" : "arguments",
                    g.toolCalls().get(k++).arguments());
        }
    }

    private static ObjectNode fresh(Message g) {
        ObjectNode m = Json.NODES.objectNode().put("role", "assistant");
        if (g.texts().isEmpty() && !g.toolCalls().isEmpty()) {
            m.putNull("content");
        } else {
            m.put("content", g.text());
        }
        m.putNull("refusal");
        if (!g.toolCalls().isEmpty()) {
            m.set("tool_calls", toolCalls(g.toolCalls(), false));
        }
        return m;
    }

    private static ArrayNode toolCalls(List<ToolCall> calls, boolean indexed) {
        ArrayNode a = Json.NODES.arrayNode();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            ObjectNode call = a.addObject();
            if (indexed) {
                call.put("index", i);
            }
            call.put("id", c.id()).put("type", "function");
            call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
        }
        return a;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String name(String s) {
        return s == null || s.isBlank() ? "unnamed" : s;
    }

    /**
     * Gathers a streamed answer from the provider's chunks: the text of choice 0, its refusal and tool calls
     * (assembled by index), finish reason and usage, and the first chunk's metadata as the template of the chunks
     * the application receives. One stream at a time; not thread-safe (the SDK delivers chunks in order).
     */
    static final class Stream {
        private final String model;
        private ObjectNode template;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder refusal = new StringBuilder();
        private final List<String[]> calls = new ArrayList<>();
        private String finishReason;
        private JsonNode usage;
        private boolean first = true;

        Stream(String model) {
            this.model = model;
        }

        /**
         * @param chunk the provider's next chunk
         * @return the text it adds, possibly empty
         */
        synchronized String add(ChatCompletionChunk chunk) {
            ObjectNode json = Json.tree(chunk);
            if (template == null) {
                template = json.deepCopy();
                template.remove("choices");
                template.remove("usage");
            }
            if (json.path("usage").isObject()) {
                usage = json.get("usage");
            }
            String piece = "";
            for (JsonNode choice : json.path("choices")) {
                if (choice.path("index").asInt(0) != 0) {
                    throw new IllegalStateException("the provider streamed a choice other than the first");
                }
                JsonNode delta = choice.path("delta");
                if (delta.path("content").isTextual()) {
                    piece = delta.get("content").textValue();
                    text.append(piece);
                }
                if (delta.path("refusal").isTextual()) {
                    refusal.append(delta.get("refusal").textValue());
                }
                for (JsonNode c : delta.path("tool_calls")) {
                    int i = c.path("index").asInt(0);
                    while (calls.size() <= i) {
                        calls.add(new String[] {"", "", ""});
                    }
                    String[] call = calls.get(i);
                    call[0] = c.path("id").isTextual() ? c.get("id").textValue() : call[0];
                    call[1] += c.path("function").path("name").asText("");
                    call[2] += c.path("function").path("arguments").asText("");
                }
                if (choice.path("finish_reason").isTextual()) {
                    finishReason = choice.get("finish_reason").textValue();
                }
            }
            return piece;
        }

        /** @return the whole answer, in AIMS form */
        synchronized AiResponse response() {
            Message.Builder m = Message.builder(Role.ASSISTANT).text(text.toString());
            if (refusal.length() > 0) {
                m.text(refusal.toString());
            }
            for (String[] c : calls) {
                m.toolCall(ToolCall.of(c[0], name(c[1]), c[2]));
            }
            AiResponse.Builder b = AiResponse.builder().message(m.build())
                    .usage(usage == null ? Usage.ZERO : usage(usage))
                    .responseId(template == null ? null : Json.text(template.get("id")))
                    .model(template == null ? model : Json.text(template.get("model")));
            if (finishReason != null) {
                b.finishReason(finishReason(finishReason));
            }
            return b.build();
        }

        /**
         * @param text a piece of the governed text
         * @return the chunk that carries it to the application
         */
        synchronized ChatCompletionChunk text(String text) {
            ObjectNode delta = Json.NODES.objectNode();
            if (first) {
                delta.put("role", "assistant");
                first = false;
            }
            delta.put("content", text);
            return chunk(delta, null);
        }

        /**
         * @param governed the whole governed answer
         * @return the chunks that end the stream: the refusal and the tool calls (arguments as governed), the
         *         finish reason, then the usage when the provider sent it
         */
        synchronized List<ChatCompletionChunk> end(AiResponse governed) {
            ObjectNode delta = Json.NODES.objectNode();
            if (first) {
                delta.put("role", "assistant");
                first = false;
            }
            List<ToolCall> toolCalls = new ArrayList<>();
            for (Message m : governed.messages()) {
                toolCalls.addAll(m.toolCalls());
                if (m.texts().size() > 1) {
                    delta.put("refusal", String.join("", m.texts().subList(1, m.texts().size())));
                }
            }
            if (!toolCalls.isEmpty()) {
                delta.set("tool_calls", toolCalls(toolCalls, true));
            }
            String reason = governed.finishReasons().isEmpty() ? "stop"
                    : finishReason(governed.finishReasons().get(0));
            List<ChatCompletionChunk> out = new ArrayList<>(2);
            out.add(chunk(delta, reason));
            if (usage != null) {
                ObjectNode last = template().deepCopy();
                last.putArray("choices");
                last.set("usage", usage);
                out.add(Json.sdk(last, ChatCompletionChunk.class, "the governed chat chunk"));
            }
            return out;
        }

        private ChatCompletionChunk chunk(ObjectNode delta, String finishReason) {
            ObjectNode c = template().deepCopy();
            ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
            return Json.sdk(c, ChatCompletionChunk.class, "the governed chat chunk");
        }

        private ObjectNode template() {
            if (template == null) {
                template = Json.NODES.objectNode().put("id", "").put("object", "chat.completion.chunk")
                        .put("created", 0).put("model", model);
            }
            return template;
        }
    }
}
