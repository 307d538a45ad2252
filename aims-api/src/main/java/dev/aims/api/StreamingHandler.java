package dev.aims.api;

/**
 * Receives a streamed answer. Exactly one of {@link #onComplete} or {@link #onError} is called, once, after zero or
 * more {@link #onPartial} calls.
 */
public interface StreamingHandler {
    /** @param text the next piece of generated text */
    void onPartial(String text);

    /** @param response the complete response, with usage and finish reasons */
    void onComplete(AiResponse response);

    /** @param error why the stream ended early */
    void onError(Throwable error);
}
