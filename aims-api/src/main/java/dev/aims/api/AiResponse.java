package dev.aims.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A provider-neutral response: output messages, token usage, finish reasons, the provider's response id and the
 * model that answered. Immutable; {@link #toString()} never prints the text.
 */
public final class AiResponse {
    private final List<Message> messages;
    private final Usage usage;
    private final List<FinishReason> finishReasons;
    private final String responseId;
    private final String model;

    private AiResponse(Builder b) {
        this.messages = Require.listOf(b.messages, "messages");
        this.usage = Require.nonNull(b.usage, "usage");
        this.finishReasons = Require.listOf(b.finishReasons, "finishReasons");
        this.responseId = b.responseId;
        this.model = b.model;
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param text the assistant's answer
     * @return a response with one assistant message, finish reason STOP and zero usage
     */
    public static AiResponse of(String text) {
        return builder().message(Message.assistant(text)).finishReason(FinishReason.STOP).build();
    }

    /** @return a builder holding this response's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.messages.addAll(messages);
        b.usage = usage;
        b.finishReasons.addAll(finishReasons);
        b.responseId = responseId;
        b.model = model;
        return b;
    }

    /** @return the output messages, usually one assistant message */
    public List<Message> messages() {
        return messages;
    }

    /** @return the text of all output messages joined, empty when there is none */
    public String text() {
        if (messages.size() == 1) {
            return messages.get(0).text();
        }
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            sb.append(m.text());
        }
        return sb.toString();
    }

    /** @return the tokens used */
    public Usage usage() {
        return usage;
    }

    /** @return why generation stopped, one per choice */
    public List<FinishReason> finishReasons() {
        return finishReasons;
    }

    /** @return the provider's id for this response */
    public Optional<String> responseId() {
        return Optional.ofNullable(responseId);
    }

    /** @return the model that answered, when the provider said */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /**
     * @param mapper applied to every text of every message
     * @return the mapped response, or {@code this} when nothing changed
     */
    public AiResponse mapText(UnaryOperator<String> mapper) {
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AiResponse)) {
            return false;
        }
        AiResponse r = (AiResponse) o;
        return messages.equals(r.messages) && usage.equals(r.usage) && finishReasons.equals(r.finishReasons)
                && Objects.equals(responseId, r.responseId) && Objects.equals(model, r.model);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messages, usage, finishReasons, responseId, model);
    }

    @Override
    public String toString() {
        long chars = 0;
        for (Message m : messages) {
            chars += m.textLength();
        }
        return "AiResponse{id=" + responseId + ", model=" + model + ", messages=" + messages.size() + ", chars="
                + chars + ", usage=" + usage + ", finishReasons=" + finishReasons + "}";
    }

    /** Builds an {@link AiResponse}; not thread-safe. */
    public static final class Builder {
        private final List<Message> messages = new ArrayList<>();
        private Usage usage = Usage.ZERO;
        private final List<FinishReason> finishReasons = new ArrayList<>();
        private String responseId;
        private String model;

        private Builder() {
        }

        /** @param message an output message to append @return this builder */
        public Builder message(Message message) {
            messages.add(Require.nonNull(message, "messages[" + messages.size() + "]"));
            return this;
        }

        /** @param messages replaces the output messages @return this builder */
        public Builder messages(List<Message> messages) {
            this.messages.clear();
            this.messages.addAll(Require.nonNull(messages, "messages"));
            return this;
        }

        /** @param usage the tokens used @return this builder */
        public Builder usage(Usage usage) {
            this.usage = usage;
            return this;
        }

        /** @param reason a finish reason to append @return this builder */
        public Builder finishReason(FinishReason reason) {
            finishReasons.add(Require.nonNull(reason, "finishReasons[" + finishReasons.size() + "]"));
            return this;
        }

        /** @param reasons replaces the finish reasons @return this builder */
        public Builder finishReasons(List<FinishReason> reasons) {
            finishReasons.clear();
            finishReasons.addAll(Require.nonNull(reasons, "finishReasons"));
            return this;
        }

        /** @param responseId the provider's id, or null @return this builder */
        public Builder responseId(String responseId) {
            this.responseId = responseId;
            return this;
        }

        /** @param model the model that answered, or null @return this builder */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /**
         * @return the response
         * @throws IllegalArgumentException naming the field when a value is missing
         */
        public AiResponse build() {
            return new AiResponse(this);
        }
    }
}
