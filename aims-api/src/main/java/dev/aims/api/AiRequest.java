package dev.aims.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A provider-neutral request to a model: the model name, the conversation, generation parameters, tool
 * definitions, stop sequences, the response format and the provider extras an adapter passes on. Adapters translate
 * their framework's request into this and back; the core never sees a provider type.
 *
 * <p>Every text a provider reads is here, so that {@link #mapText} — redaction — reaches all of it: what an adapter
 * cannot express here (binary parts, extras it cannot serialise) it counts in {@link #uninspectedParts()}, and a
 * policy decides about it.
 *
 * <p>An adapter carries what it needs on the far side of the chain (its framework's original request, a handle)
 * as a {@link #tag(Class) tag}, as OkHttp's {@code Request.tag(Class)} does: tags travel with the request through
 * {@link #toBuilder()} and {@link #mapText}, and are not part of {@link #equals}, {@link #toString()} or any record.
 *
 * <p>Immutable. {@link #toString()} prints the model, counts and parameters, never message text.
 */
public final class AiRequest {
    private final String model;
    private final List<Message> messages;
    private final String provider;
    private final String operationName;
    private final Double temperature;
    private final Integer maxTokens;
    private final Double topP;
    private final boolean stream;
    private final List<String> stopSequences;
    private final List<ToolDefinition> tools;
    private final String serverAddress;
    private final int serverPort;
    private final String responseFormat;
    private final Map<String, String> extras;
    private final int uninspectedExtras;
    private final Map<Class<?>, Object> tags;

    private AiRequest(Builder b) {
        this.model = Require.nonBlank(b.model, "model");
        this.messages = Require.listOf(b.messages, "messages");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        this.provider = b.provider == null ? null : Require.nonBlank(b.provider, "provider");
        this.operationName = Require.nonBlank(b.operationName, "operationName");
        if (b.temperature != null && (b.temperature.isNaN() || b.temperature < 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, but was " + b.temperature);
        }
        this.temperature = b.temperature;
        if (b.maxTokens != null && b.maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, but was " + b.maxTokens);
        }
        this.maxTokens = b.maxTokens;
        if (b.topP != null && (b.topP.isNaN() || b.topP <= 0 || b.topP > 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], but was " + b.topP);
        }
        this.topP = b.topP;
        this.stream = b.stream;
        this.stopSequences = Require.listOf(b.stopSequences, "stopSequences");
        this.tools = Require.listOf(b.tools, "tools");
        this.serverAddress = b.serverAddress == null ? null : Require.nonBlank(b.serverAddress, "serverAddress");
        if (b.serverPort < 0 || b.serverPort > 65535) {
            throw new IllegalArgumentException("serverPort must be in [0, 65535], but was " + b.serverPort);
        }
        this.serverPort = b.serverPort;
        this.responseFormat = b.responseFormat;
        this.extras = Require.mapOf(b.extras, "extras");
        if (b.uninspectedExtras < 0) {
            throw new IllegalArgumentException("uninspectedParts must be >= 0, but was " + b.uninspectedExtras);
        }
        this.uninspectedExtras = b.uninspectedExtras;
        this.tags = b.tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    }

    /** @return a new, empty builder; {@code model} and at least one message are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param model the model name
     * @param text  the user's text
     * @return a chat request with a single user message
     * @throws IllegalArgumentException if the model is blank or the text null
     */
    public static AiRequest of(String model, String text) {
        return builder().model(model).message(Message.user(text)).build();
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.messages.addAll(messages);
        b.provider = provider;
        b.operationName = operationName;
        b.temperature = temperature;
        b.maxTokens = maxTokens;
        b.topP = topP;
        b.stream = stream;
        b.stopSequences.addAll(stopSequences);
        b.tools.addAll(tools);
        b.serverAddress = serverAddress;
        b.serverPort = serverPort;
        b.responseFormat = responseFormat;
        b.extras.putAll(extras);
        b.uninspectedExtras = uninspectedExtras;
        b.tags.putAll(tags);
        return b;
    }

    /** @return the requested model */
    public String model() {
        return model;
    }

    /** @return the conversation, in order */
    public List<Message> messages() {
        return messages;
    }

    /** @return the provider name ({@code openai}, {@code anthropic} …) when the adapter knows it */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** @return the GenAI operation name; {@code chat} unless set */
    public String operationName() {
        return operationName;
    }

    /** @return the sampling temperature, if set */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /** @return the output token limit, if set */
    public Optional<Integer> maxTokens() {
        return Optional.ofNullable(maxTokens);
    }

    /** @return the nucleus sampling parameter, if set */
    public Optional<Double> topP() {
        return Optional.ofNullable(topP);
    }

    /** @return whether the response is streamed */
    public boolean stream() {
        return stream;
    }

    /** @return the stop sequences */
    public List<String> stopSequences() {
        return stopSequences;
    }

    /** @return the tools the model may call */
    public List<ToolDefinition> tools() {
        return tools;
    }

    /** @return the provider's host, when known */
    public Optional<String> serverAddress() {
        return Optional.ofNullable(serverAddress);
    }

    /** @return the provider's port, or 0 when unknown */
    public int serverPort() {
        return serverPort;
    }

    /**
     * @return the response format the provider is asked for — a JSON schema, or a format name such as
     *         {@code json_object} — when the application set one
     */
    public Optional<String> responseFormat() {
        return Optional.ofNullable(responseFormat);
    }

    /**
     * @return the provider-specific parameters an adapter passes on (OpenAI's {@code user} and {@code metadata},
     *         custom parameters …), by name, each value as JSON text; redacted like everything else
     */
    public Map<String, String> extras() {
        return extras;
    }

    /**
     * @return how many parts of this request AIMS could not inspect: those of every message (inline images, audio)
     *         and those the adapter could not express (extras it cannot serialise)
     */
    public int uninspectedParts() {
        int n = uninspectedExtras;
        for (int i = 0; i < messages.size(); i++) {
            n += messages.get(i).uninspectedParts();
        }
        return n;
    }

    /**
     * @param type the tag's type
     * @param <T>  the tag's type
     * @return the tag of that type, or null when there is none
     */
    public <T> T tag(Class<T> type) {
        return type.cast(tags.get(type));
    }

    /**
     * Applies a text transformation to every text a provider reads: every message (names, text parts, media URLs,
     * tool calls and results), every tool definition (name, description, parameter schema), the stop sequences,
     * the response format and the values of the extras (keys kept). JSON documents stay valid JSON.
     *
     * @param mapper the transformation; returning the same instance means "unchanged"
     * @return the mapped request, or {@code this} when nothing changed
     */
    public AiRequest mapText(UnaryOperator<String> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        List<Message> mappedMessages = null;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            Message n = m.mapText(mapper);
            if (n != m) {
                if (mappedMessages == null) {
                    mappedMessages = new ArrayList<>(messages);
                }
                mappedMessages.set(i, n);
            }
        }
        List<ToolDefinition> mappedTools = null;
        for (int i = 0; i < tools.size(); i++) {
            ToolDefinition t = tools.get(i);
            ToolDefinition n = t.mapText(mapper);
            if (n != t) {
                if (mappedTools == null) {
                    mappedTools = new ArrayList<>(tools);
                }
                mappedTools.set(i, n);
            }
        }
        List<String> mappedStops = Message.mapAll(stopSequences, mapper);
        String mappedFormat = responseFormat == null ? null : JsonText.map(responseFormat, mapper);
        Map<String, String> mappedExtras = null;
        for (Map.Entry<String, String> e : extras.entrySet()) {
            String v = JsonText.map(e.getValue(), mapper);
            if (v != e.getValue()) {
                if (mappedExtras == null) {
                    mappedExtras = new LinkedHashMap<>(extras);
                }
                mappedExtras.put(e.getKey(), v);
            }
        }
        if (mappedMessages == null && mappedTools == null && mappedStops == stopSequences
                && mappedFormat == responseFormat && mappedExtras == null) {
            return this;
        }
        Builder b = toBuilder();
        if (mappedMessages != null) {
            b.messages(mappedMessages);
        }
        if (mappedTools != null) {
            b.tools(mappedTools);
        }
        b.stopSequences(mappedStops);
        b.responseFormat = mappedFormat;
        if (mappedExtras != null) {
            b.extras.clear();
            b.extras.putAll(mappedExtras);
        }
        return b.build();
    }

    /** @return the number of characters of text across all messages (texts, tool arguments and results) */
    public long textLength() {
        long n = 0;
        for (int i = 0; i < messages.size(); i++) {
            n += messages.get(i).textLength();
        }
        return n;
    }

    /**
     * @return the number of characters the provider reads in this request: every channel {@link #mapText} maps
     *         (the size the redactor scans)
     */
    public long contentLength() {
        long n = 0;
        for (int i = 0; i < messages.size(); i++) {
            n += messages.get(i).contentLength();
        }
        for (int i = 0; i < tools.size(); i++) {
            n += tools.get(i).textLength();
        }
        for (int i = 0; i < stopSequences.size(); i++) {
            n += stopSequences.get(i).length();
        }
        if (responseFormat != null) {
            n += responseFormat.length();
        }
        for (Map.Entry<String, String> e : extras.entrySet()) {
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AiRequest)) {
            return false;
        }
        AiRequest r = (AiRequest) o;
        return model.equals(r.model) && messages.equals(r.messages) && Objects.equals(provider, r.provider)
                && operationName.equals(r.operationName) && Objects.equals(temperature, r.temperature)
                && Objects.equals(maxTokens, r.maxTokens) && Objects.equals(topP, r.topP) && stream == r.stream
                && stopSequences.equals(r.stopSequences) && tools.equals(r.tools)
                && Objects.equals(serverAddress, r.serverAddress) && serverPort == r.serverPort
                && Objects.equals(responseFormat, r.responseFormat) && extras.equals(r.extras)
                && uninspectedExtras == r.uninspectedExtras;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, messages, provider, operationName, temperature, maxTokens, topP, stream,
                stopSequences, tools, serverAddress, serverPort, responseFormat, extras, uninspectedExtras);
    }

    @Override
    public String toString() {
        return "AiRequest{model=" + model + ", provider=" + provider + ", operation=" + operationName
                + ", messages=" + messages.size() + ", chars=" + textLength() + ", tools=" + tools.size()
                + ", stream=" + stream + (extras.isEmpty() ? "" : ", extras=" + extras.keySet())
                + (uninspectedParts() == 0 ? "" : ", uninspectedParts=" + uninspectedParts()) + "}";
    }

    /** Builds an {@link AiRequest}; not thread-safe. */
    public static final class Builder {
        private String model;
        private final List<Message> messages = new ArrayList<>();
        private String provider;
        private String operationName = "chat";
        private Double temperature;
        private Integer maxTokens;
        private Double topP;
        private boolean stream;
        private final List<String> stopSequences = new ArrayList<>();
        private final List<ToolDefinition> tools = new ArrayList<>();
        private String serverAddress;
        private int serverPort;
        private String responseFormat;
        private final Map<String, String> extras = new LinkedHashMap<>();
        private int uninspectedExtras;
        private final Map<Class<?>, Object> tags = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param model the model name (required) @return this builder */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** @param message a message to append @return this builder */
        public Builder message(Message message) {
            messages.add(Require.nonNull(message, "messages[" + messages.size() + "]"));
            return this;
        }

        /** @param messages replaces the conversation @return this builder */
        public Builder messages(List<Message> messages) {
            this.messages.clear();
            this.messages.addAll(Require.nonNull(messages, "messages"));
            return this;
        }

        /** @param provider the provider name, e.g. {@code openai} @return this builder */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** @param operationName the GenAI operation name, {@code chat} by default @return this builder */
        public Builder operationName(String operationName) {
            this.operationName = operationName;
            return this;
        }

        /** @param temperature the sampling temperature, {@code >= 0}, or null @return this builder */
        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** @param maxTokens the output token limit, {@code > 0}, or null @return this builder */
        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** @param topP nucleus sampling in (0, 1], or null @return this builder */
        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        /** @param stream whether the response is streamed @return this builder */
        public Builder stream(boolean stream) {
            this.stream = stream;
            return this;
        }

        /** @param stopSequences replaces the stop sequences @return this builder */
        public Builder stopSequences(List<String> stopSequences) {
            this.stopSequences.clear();
            this.stopSequences.addAll(Require.nonNull(stopSequences, "stopSequences"));
            return this;
        }

        /** @param tools replaces the tool definitions @return this builder */
        public Builder tools(List<ToolDefinition> tools) {
            this.tools.clear();
            this.tools.addAll(Require.nonNull(tools, "tools"));
            return this;
        }

        /** @param address the provider's host @param port its port, 0 if unknown @return this builder */
        public Builder server(String address, int port) {
            this.serverAddress = address;
            this.serverPort = port;
            return this;
        }

        /** @param format a JSON schema or a format name, or null for none @return this builder */
        public Builder responseFormat(String format) {
            this.responseFormat = format;
            return this;
        }

        /**
         * @param name  a provider-specific parameter's name
         * @param json  its value, as JSON text
         * @return this builder
         */
        public Builder extra(String name, String json) {
            extras.put(Require.nonBlank(name, "extras key"), Require.nonNull(json, "extras['" + name + "']"));
            return this;
        }

        /** @param extras replaces the extras, name to JSON text @return this builder */
        public Builder extras(Map<String, String> extras) {
            Require.nonNull(extras, "extras");
            this.extras.clear();
            for (Map.Entry<String, String> e : extras.entrySet()) {
                extra(e.getKey(), e.getValue());
            }
            return this;
        }

        /**
         * @param count how many parts of the request itself (not of its messages) AIMS cannot inspect, such as
         *              extras the adapter cannot serialise
         * @return this builder
         */
        public Builder uninspectedParts(int count) {
            this.uninspectedExtras = count;
            return this;
        }

        /**
         * Attaches a tag; a second tag of the same type replaces the first.
         *
         * @param type the tag's type, by which {@link AiRequest#tag(Class)} finds it
         * @param tag  the tag, or null to remove it
         * @param <T>  the tag's type
         * @return this builder
         * @throws NullPointerException if {@code type} is null
         */
        public <T> Builder tag(Class<T> type, T tag) {
            Objects.requireNonNull(type, "type");
            if (tag == null) {
                tags.remove(type);
            } else {
                tags.put(type, type.cast(tag));
            }
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException naming the field when a value is missing or out of range
         */
        public AiRequest build() {
            return new AiRequest(this);
        }
    }
}
