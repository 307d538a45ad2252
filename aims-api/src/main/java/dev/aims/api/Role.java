package dev.aims.api;

/** Who wrote a {@link Message}. */
public enum Role {
    /** Instructions from the application. */
    SYSTEM,
    /** Text from the end user (or retrieved content placed in the user turn). */
    USER,
    /** Output of the model. */
    ASSISTANT,
    /** The result of a tool the model asked to run. */
    TOOL
}
