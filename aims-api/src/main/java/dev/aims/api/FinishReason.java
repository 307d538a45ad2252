package dev.aims.api;

/** Why the model stopped generating; {@link #wireName()} is the OpenTelemetry GenAI spelling. */
public enum FinishReason {
    /** A natural end or a stop sequence. */
    STOP("stop"),
    /** The token limit was reached. */
    LENGTH("length"),
    /** The model asked for tools to be run. */
    TOOL_CALLS("tool_calls"),
    /** The provider's content filter cut the output. */
    CONTENT_FILTER("content_filter"),
    /** The provider reported an error. */
    ERROR("error"),
    /** Anything else. */
    OTHER("other");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    /** @return the lower-case name used by the GenAI semantic conventions */
    public String wireName() {
        return wireName;
    }
}
