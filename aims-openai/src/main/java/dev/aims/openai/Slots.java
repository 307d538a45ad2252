package dev.aims.openai;

import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;

/**
 * The places in one item of an OpenAI request (a chat message, a Responses input item) that a provider reads as
 * text, visited in a fixed order by the item's walker ({@link ChatItems}, {@link ResponseItems}). The same walk
 * serves both ways: {@link #collect} gathers the item's AIMS form, and {@link #replace} writes a governed message's
 * values back into a copy of the item, place by place, so that what leaves is the governed text and the original
 * gives only the shape.
 *
 * <p>Each method receives the value found and returns the value to write back; the collector returns it unchanged.
 */
abstract class Slots {
    /** Names the item's role; called first. */
    abstract void role(Role role);

    /** @return the participant's name to write */
    abstract String name(String value);

    /** @return the text to write (in a tool result's item, its first text is the result) */
    abstract String text(String value);

    /** @return the media URL to write */
    abstract String url(String value);

    /** @return the tool call to write (its name and arguments) */
    abstract ToolCall toolCall(ToolCall call);

    /** Names the tool call a tool result answers; called before its texts. */
    abstract void toolCallId(String id);

    /** Counts a part that AIMS cannot read; it is copied as it is when a policy lets it through. */
    abstract void uninspected();

    /** @return a collector of an item's AIMS form */
    static Collector collect() {
        return new Collector();
    }

    /**
     * @param governed the governed message to write back
     * @return a replacer writing its values in walk order
     */
    static Slots replace(Message governed) {
        return new Replacer(governed);
    }

    /** Gathers the AIMS form of an item. */
    static final class Collector extends Slots {
        private Role role = Role.USER;
        private Message.Builder builder = Message.builder(Role.USER);
        private String toolCallId;
        private String result;
        private int uninspected;

        @Override
        void role(Role r) {
            role = r;
        }

        @Override
        String name(String value) {
            builder.name(value == null || value.isBlank() ? null : value);
            return value;
        }

        @Override
        String text(String value) {
            if (role == Role.TOOL && result == null) {
                result = value;
            } else {
                builder.text(value);
            }
            return value;
        }

        @Override
        String url(String value) {
            builder.mediaUrl(value);
            return value;
        }

        @Override
        ToolCall toolCall(ToolCall call) {
            builder.toolCall(call);
            return call;
        }

        @Override
        void toolCallId(String id) {
            toolCallId = id;
        }

        @Override
        void uninspected() {
            uninspected++;
        }

        /** @return the AIMS form of the item walked */
        Message message() {
            builder.role(role);
            if (role == Role.TOOL) {
                builder.toolResult(ToolResult.of(toolCallId == null ? "" : toolCallId, "",
                        result == null ? "" : result));
            }
            return builder.uninspectedParts(uninspected).build();
        }
    }

    /** Writes a governed message back, in the order its original was walked. */
    private static final class Replacer extends Slots {
        private final Message governed;
        private boolean resultWritten;
        private int texts;
        private int urls;
        private int calls;

        Replacer(Message governed) {
            this.governed = governed;
        }

        @Override
        void role(Role role) {
        }

        @Override
        String name(String value) {
            return governed.name().orElse(value);
        }

        @Override
        String text(String value) {
            if (governed.role() == Role.TOOL && !resultWritten) {
                resultWritten = true;
                return governed.toolResult().orElseThrow().text();
            }
            return governed.texts().get(texts++);
        }

        @Override
        String url(String value) {
            return governed.mediaUrls().get(urls++);
        }

        @Override
        ToolCall toolCall(ToolCall call) {
            return governed.toolCalls().get(calls++);
        }

        @Override
        void toolCallId(String id) {
        }

        @Override
        void uninspected() {
        }
    }

    /**
     * @param a a message
     * @param b another
     * @return whether a walk that collected {@code a} can write {@code b} back: same role and as many of each part
     */
    static boolean sameShape(Message a, Message b) {
        return a.role() == b.role() && a.name().isPresent() == b.name().isPresent()
                && a.texts().size() == b.texts().size() && a.mediaUrls().size() == b.mediaUrls().size()
                && a.toolCalls().size() == b.toolCalls().size()
                && a.toolResult().isPresent() == b.toolResult().isPresent()
                && a.uninspectedParts() == b.uninspectedParts();
    }
}
