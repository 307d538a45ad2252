package dev.aims.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A provider-neutral request to a model: the model name, the conversation, generation parameters and tool
 * definitions. Adapters translate their framework's request into this and back; the core never sees a provider
 * type.
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
     * Applies a text transformation to every text of every message (tool arguments and results included).
     *
     * @param mapper the transformation; returning the same instance means "unchanged"
     * @return the mapped request, or {@code this} when nothing changed
     */
    public AiRequest mapText(UnaryOperator<String> mapper) {
        List<Message> mapped = null;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            Message n = m.mapText(mapper);
            if (n != m) {
                if (mapped == null) {
                    mapped = new ArrayList<>(messages);
                }
                mapped.set(i, n);
            }
        }
        return mapped == null ? this : toBuilder().messages(mapped).build();
    }

    /** @return the number of characters of text across all messages */
    public long textLength() {
        long n = 0;
        for (int i = 0; i < messages.size(); i++) {
            n += messages.get(i).textLength();
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
                && Objects.equals(serverAddress, r.serverAddress) && serverPort == r.serverPort;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, messages, provider, operationName, temperature, maxTokens, topP, stream,
                stopSequences, tools, serverAddress, serverPort);
    }

    @Override
    public String toString() {
        return "AiRequest{model=" + model + ", provider=" + provider + ", operation=" + operationName
                + ", messages=" + messages.size() + ", chars=" + textLength() + ", tools=" + tools.size()
                + ", stream=" + stream + "}";
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

        /**
         * @return the request
         * @throws IllegalArgumentException naming the field when a value is missing or out of range
         */
        public AiRequest build() {
            return new AiRequest(this);
        }
    }
}
