package dev.aims.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import java.util.Arrays;

/**
 * Where one text of AIMS's form of a call sits in the Anthropic wire JSON, and which text of a governed
 * {@link AiRequest} (or {@link dev.aims.api.AiResponse}) goes back there. The request that leaves is the
 * application's wire JSON with every slot overwritten by its governed text: nothing the reader mapped can reach the
 * provider as the application wrote it.
 */
final class Slot {
    /** What the slot's text is in AIMS's form; the JSON ones are written back as parsed documents. */
    enum Kind {
        /** A message's text part. */
        TEXT(false),
        /** A message's media URL (an image's or a document's). */
        MEDIA(false),
        /** A tool call's name. */
        CALL_NAME(false),
        /** A tool call's input, a JSON document. */
        CALL_INPUT(true),
        /** A tool message's result text. */
        RESULT(false),
        /** A tool definition's name. */
        TOOL_NAME(false),
        /** A tool definition's description. */
        TOOL_DESCRIPTION(false),
        /** A tool definition's input schema, a JSON document. */
        TOOL_SCHEMA(true),
        /** A stop sequence. */
        STOP(false),
        /** The output format, a JSON document. */
        FORMAT(true),
        /** A provider extra, a JSON document, by key. */
        EXTRA(true);

        final boolean json;

        Kind(boolean json) {
            this.json = json;
        }
    }

    final Kind kind;
    /** The message (or tool, or stop sequence) of AIMS's form. */
    final int index;
    /** The part within the message: text, URL or tool call index. */
    final int part;
    /** The extra's key, for {@link Kind#EXTRA}. */
    final String key;
    /** Where in the wire JSON; null for extras outside the body (HTTP headers and query parameters). */
    final At at;

    Slot(Kind kind, int index, int part, String key, At at) {
        this.kind = kind;
        this.index = index;
        this.part = part;
        this.key = key;
        this.at = at;
    }

    /** @return this slot's text in {@code r}, whose shape the caller has checked */
    String value(AiRequest r) {
        switch (kind) {
            case TOOL_NAME:
                return r.tools().get(index).name();
            case TOOL_DESCRIPTION:
                return r.tools().get(index).description();
            case TOOL_SCHEMA:
                return r.tools().get(index).parametersSchema();
            case STOP:
                return r.stopSequences().get(index);
            case FORMAT:
                return r.responseFormat().orElseThrow();
            case EXTRA:
                return r.extras().get(key);
            default:
                return value(r.messages().get(index));
        }
    }

    /** @return this slot's text in {@code m}, for the message kinds */
    String value(Message m) {
        switch (kind) {
            case TEXT:
                return m.texts().get(part);
            case MEDIA:
                return m.mediaUrls().get(part);
            case CALL_NAME:
                return m.toolCalls().get(part).name();
            case CALL_INPUT:
                return m.toolCalls().get(part).arguments();
            case RESULT:
                return m.toolResult().orElseThrow().text();
            default:
                throw new IllegalStateException("not a message slot: " + kind);
        }
    }

    /** Puts {@code value} where this slot points in {@code root}, a copy of the JSON the slot was read from. */
    void write(ObjectNode root, JsonNode value) {
        JsonNode parent = root;
        Object[] steps = at.steps;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i] instanceof Integer ? parent.get((Integer) steps[i]) : parent.get((String) steps[i]);
        }
        Object last = steps[steps.length - 1];
        if (last instanceof Integer) {
            ((ArrayNode) parent).set((Integer) last, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /**
     * A place in the wire JSON: the steps from the root (field names and array indices) and its name as an extra's
     * key ({@code messages[2].content[0].cache_control}). Names carry field names and indices only, never values.
     */
    static final class At {
        final Object[] steps;
        final String name;

        private At(Object[] steps, String name) {
            this.steps = steps;
            this.name = name;
        }

        static At root(String field) {
            return new At(new Object[] {field}, field);
        }

        At child(String field) {
            Object[] s = Arrays.copyOf(steps, steps.length + 1);
            s[steps.length] = field;
            return new At(s, name + "." + field);
        }

        At child(int index) {
            Object[] s = Arrays.copyOf(steps, steps.length + 1);
            s[steps.length] = index;
            return new At(s, name + "[" + index + "]");
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
