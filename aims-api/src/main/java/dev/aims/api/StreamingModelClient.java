package dev.aims.api;

/** A client that streams its answer to a {@link StreamingHandler}. */
@FunctionalInterface
public interface StreamingModelClient {
    /**
     * Sends the request; the answer arrives on the handler, on this thread or another.
     *
     * @param request the request
     * @param handler receives the pieces, then the complete response or the error
     */
    void stream(AiRequest request, StreamingHandler handler);
}
