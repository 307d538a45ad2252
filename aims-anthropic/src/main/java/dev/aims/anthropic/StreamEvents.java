package dev.aims.anthropic;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiResponse;
import dev.aims.api.StreamingHandler;

/**
 * Makes the application's stream events out of what governance releases, in the API's order and format, so that
 * the SDK's {@code MessageAccumulator} and any code reading the events work unchanged:
 * {@code message_start} (the provider's message, its content empty) before the first released text; the text as it
 * is released, pseudonyms restored, as {@code text_delta}s of one text block, at the index of the provider's first
 * text block; then, once the whole answer has passed the POST policies, every other block of the governed answer
 * at its own index (thinking as the provider wrote it, tool calls with their input as governance left it),
 * {@code message_delta} and {@code message_stop}. Indices keep the provider's order of blocks, so an accumulated
 * message has its thinking first, as the API requires when it is sent back. Several text blocks of one answer
 * arrive as one; citations of streamed text are not carried. The pipeline calls it from one thread at a time;
 * the text and completion are handled under a lock all the same, since that thread may change between calls.
 */
final class StreamEvents implements StreamingHandler {
    private final Exchange exchange;
    private final GovernedStream stream;
    private final ObjectMapper mapper;
    private boolean started;
    private int textIndex = -1;

    StreamEvents(Exchange exchange, GovernedStream stream) {
        this.exchange = exchange;
        this.stream = stream;
        this.mapper = exchange.route.mapper;
    }

    @Override
    public synchronized void onPartial(String text) {
        if (text.isEmpty()) {
            return;
        }
        try {
            start(null);
            if (textIndex < 0) {
                textIndex = Math.max(0, exchange.firstTextIndex);
                emit(blockStart(textIndex, mapper.createObjectNode().put("type", "text").put("text", "")));
            }
            ObjectNode e = event("content_block_delta").put("index", textIndex);
            e.putObject("delta").put("type", "text_delta").put("text", text);
            emit(e);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public synchronized void onComplete(AiResponse governed) {
        try {
            Message answer = exchange.answer(governed);
            ObjectNode json = mapper.valueToTree(answer);
            start(json);
            if (textIndex >= 0) {
                emit(event("content_block_stop").put("index", textIndex));
            }
            JsonNode content = json.path("content");
            for (int k = 0; k < content.size(); k++) {
                ObjectNode block = (ObjectNode) content.get(k);
                String type = block.path("type").asText();
                if ("text".equals(type) && textIndex >= 0) {
                    continue;
                }
                // Only a policy that reshaped the answer can put another block where the text was streamed.
                int index = k == textIndex ? content.size() + k : k;
                if ("tool_use".equals(type) || "server_tool_use".equals(type)) {
                    ObjectNode opening = block.deepCopy();
                    opening.putObject("input");
                    emit(blockStart(index, opening));
                    ObjectNode delta = event("content_block_delta").put("index", index);
                    delta.putObject("delta").put("type", "input_json_delta")
                            .put("partial_json", block.path("input").toString());
                    emit(delta);
                } else {
                    emit(blockStart(index, block));
                }
                emit(event("content_block_stop").put("index", index));
            }
            emit(messageDelta(json));
            emit(event("message_stop"));
            stream.end(null);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        // Governance may end the call while the provider still sends (a POST denial): stop reading it.
        exchange.cancel();
        stream.end(error);
    }

    private void fail(RuntimeException e) {
        exchange.cancel();
        stream.end(e);
    }

    /** Emits {@code message_start} once: the provider's message when it sent one, else the governed answer's. */
    private void start(ObjectNode answer) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode provider = exchange.streamStart;
        ObjectNode message;
        if (provider != null) {
            message = provider.deepCopy();
        } else if (answer != null) {
            message = answer.deepCopy();
        } else {
            message = mapper.createObjectNode().put("id", "msg_aims").put("type", "message")
                    .put("role", "assistant").put("model", exchange.request.model());
            message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        }
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode e = event("message_start");
        e.set("message", message);
        emit(e);
    }

    private ObjectNode messageDelta(ObjectNode answer) {
        ObjectNode e = event("message_delta");
        ObjectNode delta = e.putObject("delta");
        delta.set("stop_reason", answer.path("stop_reason").isMissingNode() ? null : answer.get("stop_reason"));
        delta.set("stop_sequence", answer.path("stop_sequence").isMissingNode() ? null : answer.get("stop_sequence"));
        JsonNode provider = exchange.streamDelta;
        if (provider != null && provider.path("usage").isObject()) {
            e.set("usage", provider.get("usage").deepCopy());
        } else {
            e.putObject("usage").put("output_tokens", answer.path("usage").path("output_tokens").asLong(0));
        }
        return e;
    }

    private ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode e = event("content_block_start").put("index", index);
        e.set("content_block", block);
        return e;
    }

    private ObjectNode event(String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private void emit(ObjectNode event) {
        try {
            stream.put(mapper.treeToValue(event, RawMessageStreamEvent.class));
        } catch (JsonProcessingException e) {
            // Not chained: the parser's message quotes the event, which holds the answer's text.
            throw new IllegalStateException("a stream event could not be made from the governed answer");
        }
    }
}
