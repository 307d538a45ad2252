package dev.aims.anthropic;

import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aims.anthropic.Slot.At;
import dev.aims.anthropic.Slot.Kind;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider's answer in its wire form, and the way back to an SDK {@link Message} from the governed AIMS form.
 * One assistant message: {@code text} blocks and {@code thinking} blocks are text parts, so that the POST policies
 * read them; {@code tool_use} and {@code server_tool_use} blocks are tool calls. The answer the application gets is
 * the provider's message with the governed texts (pseudonyms restored) and tool calls (restored only for the tools
 * named) in place. A thinking block is returned as the provider wrote it, since its signature covers that text and
 * the API checks it when the block is sent back; the POST policies still read it and can deny the call. Usage:
 * input tokens include the cached ones, which Anthropic reports apart.
 */
final class WireResponse {
    private final Message original;
    private final ObjectNode json;
    private final List<Slot> slots;
    private final AiResponse translated;

    private WireResponse(Message original, ObjectNode json, List<Slot> slots, AiResponse translated) {
        this.original = original;
        this.json = json;
        this.slots = slots;
        this.translated = translated;
    }

    /**
     * @param message the provider's answer
     * @param mapper  the SDK's JSON mapper
     * @return its wire form and AIMS form
     */
    static WireResponse read(Message message, ObjectMapper mapper) {
        ObjectNode json = mapper.valueToTree(message);
        List<Slot> slots = new ArrayList<>();
        dev.aims.api.Message.Builder m = dev.aims.api.Message.builder(Role.ASSISTANT);
        int texts = 0;
        int calls = 0;
        JsonNode content = json.path("content");
        At at = At.root("content");
        for (int k = 0; k < content.size(); k++) {
            JsonNode block = content.get(k);
            String type = block.path("type").asText();
            if ("text".equals(type) && block.path("text").isTextual()) {
                slots.add(new Slot(Kind.TEXT, 0, texts++, null, at.child(k).child("text")));
                m.text(block.path("text").asText());
            } else if ("thinking".equals(type) && block.path("thinking").isTextual()) {
                texts++;
                m.text(block.path("thinking").asText());
            } else if (("tool_use".equals(type) || "server_tool_use".equals(type))
                    && block.path("name").isTextual() && !block.path("name").asText().isBlank()) {
                slots.add(new Slot(Kind.CALL_NAME, 0, calls, null, at.child(k).child("name")));
                slots.add(new Slot(Kind.CALL_INPUT, 0, calls++, null, at.child(k).child("input")));
                m.toolCall(ToolCall.of(block.path("id").asText(""), block.path("name").asText(),
                        block.path("input").isMissingNode() ? "{}" : block.path("input").toString()));
            }
        }
        AiResponse translated = AiResponse.builder().message(m.build()).usage(usage(json.path("usage")))
                .finishReason(finishReason(json.path("stop_reason").asText(null)))
                .responseId(json.path("id").asText(null)).model(json.path("model").asText(null)).build();
        return new WireResponse(message, json, List.copyOf(slots), translated);
    }

    /** @return the AIMS form of the provider's answer */
    AiResponse translated() {
        return translated;
    }

    /** @return the provider's answer as the SDK parsed it */
    Message original() {
        return original;
    }

    /**
     * @param governed the answer as governance returns it
     * @param mapper   the SDK's JSON mapper
     * @return the SDK message for the application: the provider's own when governance changed nothing; its
     *         texts and tool calls replaced when governance kept the shape; rebuilt from the governed form otherwise
     * @throws IllegalArgumentException when a governed tool input is no longer JSON
     */
    Message answer(AiResponse governed, ObjectMapper mapper) {
        if (governed == translated) {
            return original;
        }
        ObjectNode copy = json.deepCopy();
        dev.aims.api.Message m = governed.messages().size() == 1 ? governed.messages().get(0) : null;
        dev.aims.api.Message t = translated.messages().get(0);
        if (m != null && m.texts().size() == t.texts().size() && m.toolCalls().size() == t.toolCalls().size()) {
            for (Slot s : slots) {
                String value = s.value(m);
                s.write(copy, s.kind.json ? parse(value, mapper) : TextNode.valueOf(value));
            }
        } else {
            copy.set("content", content(governed, mapper));
        }
        copy.put("stop_reason", stopReason(governed, json.path("stop_reason").asText(null)));
        return toMessage(copy, mapper);
    }

    /**
     * @param governed an answer that did not come from the provider (an interceptor answered)
     * @param model    the requested model, when the answer names none
     * @param mapper   the SDK's JSON mapper
     * @return the SDK message for it
     */
    static Message fresh(AiResponse governed, String model, ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", governed.responseId().orElse("msg_aims")).put("type", "message").put("role", "assistant")
                .put("model", governed.model().orElse(model));
        json.set("content", content(governed, mapper));
        json.put("stop_reason", stopReason(governed, "end_turn"));
        json.putNull("stop_sequence");
        Usage u = governed.usage();
        json.putObject("usage")
                .put("input_tokens", u.inputTokens() - u.cacheReadInputTokens() - u.cacheCreationInputTokens())
                .put("output_tokens", u.outputTokens())
                .put("cache_read_input_tokens", u.cacheReadInputTokens())
                .put("cache_creation_input_tokens", u.cacheCreationInputTokens());
        return toMessage(json, mapper);
    }

    private static ArrayNode content(AiResponse governed, ObjectMapper mapper) {
        ArrayNode content = mapper.createArrayNode();
        for (dev.aims.api.Message m : governed.messages()) {
            for (String text : m.texts()) {
                content.addObject().put("type", "text").put("text", text);
            }
            for (ToolCall c : m.toolCalls()) {
                content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name())
                        .set("input", parse(c.arguments(), mapper));
            }
        }
        return content;
    }

    private static Message toMessage(ObjectNode json, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(json, Message.class);
        } catch (JsonProcessingException e) {
            // Not chained: the parser's message quotes the document.
            throw new IllegalArgumentException("the governed answer is no longer a Messages API message");
        }
    }

    private static JsonNode parse(String json, ObjectMapper mapper) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a tool call's input is no longer JSON after governance");
        }
    }

    private static Usage usage(JsonNode u) {
        long cacheRead = u.path("cache_read_input_tokens").asLong(0);
        long cacheCreation = u.path("cache_creation_input_tokens").asLong(0);
        return new Usage(u.path("input_tokens").asLong(0) + cacheRead + cacheCreation,
                u.path("output_tokens").asLong(0)).withCache(cacheRead, cacheCreation);
    }

    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return FinishReason.OTHER;
        }
        switch (stopReason) {
            case "end_turn":
            case "stop_sequence":
                return FinishReason.STOP;
            case "max_tokens":
            case "model_context_window_exceeded":
                return FinishReason.LENGTH;
            case "tool_use":
                return FinishReason.TOOL_CALLS;
            case "refusal":
                return FinishReason.CONTENT_FILTER;
            default:
                return FinishReason.OTHER;
        }
    }

    /** @return the stop reason for the governed answer: the provider's unless the finish reason was changed */
    private static String stopReason(AiResponse governed, String provider) {
        if (governed.finishReasons().isEmpty() || provider != null
                && finishReason(provider) == governed.finishReasons().get(0)) {
            return provider;
        }
        switch (governed.finishReasons().get(0)) {
            case LENGTH:
                return "max_tokens";
            case TOOL_CALLS:
                return "tool_use";
            case CONTENT_FILTER:
                return "refusal";
            default:
                return "end_turn";
        }
    }
}
