package dev.aims.api;

/** Where in the call a policy runs. */
public enum PolicyStage {
    /** Before redaction, on the request as the application made it: model, budget, rate, purpose. */
    PRE,
    /** After redaction, on the request about to leave the process, with the findings. */
    PRE_SEND,
    /** On the provider's response, before it is returned. */
    POST
}
