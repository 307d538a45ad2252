package dev.aims.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One turn of a conversation: a role, an optional participant name, its text parts, the URLs of the images and
 * files it refers to, the tool calls an assistant made and, for a {@link Role#TOOL} message, the tool's result.
 * Everything here reaches the provider and is redacted ({@link #mapText}). Parts AIMS cannot read (inline images,
 * audio) are not carried here; an adapter counts them in {@link #uninspectedParts()} so that a policy decides about
 * them and the record shows what was not inspected.
 *
 * <p>Immutable. {@link #toString()} prints the role and sizes, never the text.
 */
public final class Message {
    private final Role role;
    private final String name;
    private final List<String> texts;
    private final List<String> mediaUrls;
    private final List<ToolCall> toolCalls;
    private final ToolResult toolResult;
    private final int uninspectedParts;

    private Message(Builder b) {
        this.role = Require.nonNull(b.role, "message.role");
        this.name = b.name == null ? null : Require.nonBlankQuiet(b.name, "message.name");
        this.texts = Require.listOf(b.texts, "message.texts");
        this.mediaUrls = Require.listOf(b.mediaUrls, "message.mediaUrls");
        this.toolCalls = Require.listOf(b.toolCalls, "message.toolCalls");
        this.toolResult = b.toolResult;
        if (b.uninspectedParts < 0) {
            throw new IllegalArgumentException("message.uninspectedParts must be >= 0, but was " + b.uninspectedParts);
        }
        this.uninspectedParts = b.uninspectedParts;
        if (toolResult != null && role != Role.TOOL) {
            throw new IllegalArgumentException("message.toolResult is only allowed on a TOOL message, but role was "
                    + role);
        }
        if (role == Role.TOOL && toolResult == null) {
            throw new IllegalArgumentException("message.toolResult must be set on a TOOL message");
        }
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new IllegalArgumentException("message.toolCalls are only allowed on an ASSISTANT message, but role was "
                    + role);
        }
    }

    /** @return a system message with one text part */
    public static Message system(String text) {
        return builder(Role.SYSTEM).text(text).build();
    }

    /** @return a user message with one text part */
    public static Message user(String text) {
        return builder(Role.USER).text(text).build();
    }

    /** @return an assistant message with one text part */
    public static Message assistant(String text) {
        return builder(Role.ASSISTANT).text(text).build();
    }

    /** @return a tool message carrying the given result */
    public static Message tool(ToolResult result) {
        return builder(Role.TOOL).toolResult(result).build();
    }

    /**
     * @param role who wrote the message
     * @return a builder for a message of that role
     */
    public static Builder builder(Role role) {
        return new Builder().role(role);
    }

    /** @return a builder holding this message's values */
    public Builder toBuilder() {
        Builder b = new Builder().role(role);
        b.name = name;
        b.texts.addAll(texts);
        b.mediaUrls.addAll(mediaUrls);
        b.toolCalls.addAll(toolCalls);
        b.toolResult = toolResult;
        b.uninspectedParts = uninspectedParts;
        return b;
    }

    /** @return who wrote the message */
    public Role role() {
        return role;
    }

    /** @return the participant's name ({@code name} in OpenAI's chat messages), when the adapter passed one */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * @return the URLs of the images, audio and files this message refers to, in order; a provider fetches or reads
     *         them, so they are redacted like text (inline data is not a URL here: it counts as uninspected)
     */
    public List<String> mediaUrls() {
        return mediaUrls;
    }

    /** @return the text parts, in order */
    public List<String> texts() {
        return texts;
    }

    /** @return the text parts joined without separator; empty when there are none */
    public String text() {
        if (texts.size() == 1) {
            return texts.get(0);
        }
        return String.join("", texts);
    }

    /** @return the tool calls of an assistant message */
    public List<ToolCall> toolCalls() {
        return toolCalls;
    }

    /** @return the tool result of a tool message */
    public Optional<ToolResult> toolResult() {
        return Optional.ofNullable(toolResult);
    }

    /** @return how many parts of this message (images, audio …) AIMS could not inspect */
    public int uninspectedParts() {
        return uninspectedParts;
    }

    /**
     * Applies a text transformation to every piece of text this message carries: the name, text parts, media
     * URLs, tool calls (names and arguments) and the tool result. This is how redaction and pseudonym restoration
     * reach everything.
     *
     * @param mapper the transformation; returning the same instance means "unchanged"
     * @return the mapped message, or {@code this} when nothing changed
     */
    public Message mapText(UnaryOperator<String> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        String newName = name == null ? null : ToolCall.mapName(name, mapper);
        boolean changed = newName != name;
        List<String> newTexts = mapAll(texts, mapper);
        changed |= newTexts != texts;
        List<String> newUrls = mapAll(mediaUrls, mapper);
        changed |= newUrls != mediaUrls;
        List<ToolCall> newCalls = toolCalls;
        for (int i = 0; i < toolCalls.size(); i++) {
            ToolCall c = toolCalls.get(i);
            ToolCall m = c.mapText(mapper);
            if (m != c) {
                if (newCalls == toolCalls) {
                    newCalls = new ArrayList<>(toolCalls);
                }
                newCalls.set(i, m);
                changed = true;
            }
        }
        ToolResult newResult = toolResult == null ? null : toolResult.mapText(mapper);
        changed |= newResult != toolResult;
        if (!changed) {
            return this;
        }
        Builder b = new Builder().role(role).texts(newTexts).toolCalls(newCalls);
        b.name = newName;
        b.mediaUrls.addAll(newUrls);
        b.toolResult = newResult;
        b.uninspectedParts = uninspectedParts;
        return b.build();
    }

    /** @return {@code values} mapped, or {@code values} itself when the mapper returned every element unchanged */
    static List<String> mapAll(List<String> values, UnaryOperator<String> mapper) {
        List<String> out = values;
        for (int i = 0; i < values.size(); i++) {
            String t = values.get(i);
            String m = mapper.apply(t);
            if (m != t) {
                if (out == values) {
                    out = new ArrayList<>(values);
                }
                out.set(i, m);
            }
        }
        return out;
    }

    /**
     * @return the number of characters of text this message carries, tool arguments and results included (names
     *         and URLs are counted by {@link #contentLength()})
     */
    public int textLength() {
        // Indexed loops: this runs on every governed call (input-size and budget policies) and iterators allocate.
        int n = 0;
        for (int i = 0; i < texts.size(); i++) {
            n += texts.get(i).length();
        }
        for (int i = 0; i < toolCalls.size(); i++) {
            n += toolCalls.get(i).arguments().length();
        }
        if (toolResult != null) {
            n += toolResult.text().length();
        }
        return n;
    }

    /** @return the number of characters the provider reads in this message: {@link #textLength()}, names, URLs */
    public long contentLength() {
        long n = textLength();
        if (name != null) {
            n += name.length();
        }
        for (int i = 0; i < mediaUrls.size(); i++) {
            n += mediaUrls.get(i).length();
        }
        for (int i = 0; i < toolCalls.size(); i++) {
            n += toolCalls.get(i).name().length();
        }
        if (toolResult != null) {
            n += toolResult.toolName().length();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return role == m.role && Objects.equals(name, m.name) && texts.equals(m.texts)
                && mediaUrls.equals(m.mediaUrls) && toolCalls.equals(m.toolCalls)
                && Objects.equals(toolResult, m.toolResult) && uninspectedParts == m.uninspectedParts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, name, texts, mediaUrls, toolCalls, toolResult, uninspectedParts);
    }

    @Override
    public String toString() {
        return "Message{role=" + role + (name == null ? "" : ", name") + ", textParts=" + texts.size()
                + (mediaUrls.isEmpty() ? "" : ", mediaUrls=" + mediaUrls.size()) + ", chars=" + textLength()
                + ", toolCalls=" + toolCalls.size() + (toolResult != null ? ", toolResult" : "")
                + (uninspectedParts > 0 ? ", uninspectedParts=" + uninspectedParts : "") + "}";
    }

    /** Builds a {@link Message}; not thread-safe. */
    public static final class Builder {
        private Role role;
        private String name;
        private final List<String> texts = new ArrayList<>();
        private final List<String> mediaUrls = new ArrayList<>();
        private final List<ToolCall> toolCalls = new ArrayList<>();
        private ToolResult toolResult;
        private int uninspectedParts;

        private Builder() {
        }

        /** @param role who wrote the message @return this builder */
        public Builder role(Role role) {
            this.role = role;
            return this;
        }

        /** @param name the participant's name, or null @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @param url the URL of an image, audio or file the message refers to @return this builder */
        public Builder mediaUrl(String url) {
            mediaUrls.add(Require.nonNull(url, "message.mediaUrls[" + mediaUrls.size() + "]"));
            return this;
        }

        /** @param urls replaces the media URLs @return this builder */
        public Builder mediaUrls(List<String> urls) {
            this.mediaUrls.clear();
            this.mediaUrls.addAll(Require.nonNull(urls, "message.mediaUrls"));
            return this;
        }

        /** @param text a text part to append @return this builder */
        public Builder text(String text) {
            if (text == null) {
                throw new IllegalArgumentException("message.texts[" + texts.size() + "] must not be null");
            }
            texts.add(text);
            return this;
        }

        /** @param texts replaces the text parts @return this builder */
        public Builder texts(List<String> texts) {
            this.texts.clear();
            this.texts.addAll(Require.nonNull(texts, "message.texts"));
            return this;
        }

        /** @param toolCall a tool call to append @return this builder */
        public Builder toolCall(ToolCall toolCall) {
            toolCalls.add(Require.nonNull(toolCall, "message.toolCalls[" + toolCalls.size() + "]"));
            return this;
        }

        /** @param toolCalls replaces the tool calls @return this builder */
        public Builder toolCalls(List<ToolCall> toolCalls) {
            this.toolCalls.clear();
            this.toolCalls.addAll(Require.nonNull(toolCalls, "message.toolCalls"));
            return this;
        }

        /** @param toolResult the result of a tool message @return this builder */
        public Builder toolResult(ToolResult toolResult) {
            this.toolResult = Require.nonNull(toolResult, "message.toolResult");
            return this;
        }

        /** @param count how many parts AIMS cannot inspect @return this builder */
        public Builder uninspectedParts(int count) {
            this.uninspectedParts = count;
            return this;
        }

        /**
         * @return the message
         * @throws IllegalArgumentException naming the field when a value is missing or inconsistent
         */
        public Message build() {
            return new Message(this);
        }
    }
}
