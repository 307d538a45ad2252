package dev.aims.openai;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.StreamingHandler;
import java.util.List;

/** One governed chat-completions call ({@code chat().completions().create} and {@code createStreaming}). */
final class ChatCall extends OpenAiCall<ChatCompletion, ChatCompletionChunk> {
    /** How the call reaches the SDK client the application wrapped, blocking or asynchronous. */
    interface Backend {
        ChatCompletion create(ChatCompletionCreateParams params);

        AutoCloseable stream(ChatCompletionCreateParams params, ProviderStream.Sink<ChatCompletionChunk> sink);
    }

    private final ChatRequests.Shape shape;
    private final AiRequest request;
    private final Backend backend;
    private final ChatAnswers.Stream chunks;
    private volatile ChatCompletion response;
    private volatile AiResponse received;

    /**
     * @throws IllegalArgumentException naming the field when the request cannot be governed as it is
     */
    ChatCall(ChatCompletionCreateParams params, boolean streamed, Backend backend) {
        this.shape = ChatRequests.shape(params);
        this.backend = backend;
        if (streamed && shape.body().path("n").asInt(1) > 1) {
            throw new IllegalArgumentException("n must be 1 for a governed streamed call (one text stream is"
                    + " guarded at a time), but was " + shape.body().path("n").asInt());
        }
        this.request = ChatRequests.toAims(shape, streamed).tag(OpenAiCall.class, this).build();
        this.chunks = new ChatAnswers.Stream(request.model());
    }

    @Override
    AiRequest request() {
        return request;
    }

    @Override
    AiResponse send(AiRequest sent) {
        ChatCompletionCreateParams params = outgoing(() -> ChatRequests.outgoing(sent, shape));
        ChatCompletion c = backend.create(params);
        AiResponse r = ChatAnswers.toAims(Json.tree(c));
        response = c;
        received = r;
        return r;
    }

    @Override
    void stream(AiRequest sent, StreamingHandler governedSide) {
        ChatCompletionCreateParams params = outgoing(() -> ChatRequests.outgoing(sent, shape));
        streaming(governedSide);
        providerStream(backend.stream(params, new ProviderStream.Sink<ChatCompletionChunk>() {
            @Override
            public void next(ChatCompletionChunk chunk) {
                String piece;
                try {
                    piece = chunks.add(chunk);
                } catch (RuntimeException e) {
                    stopProvider();
                    governedSide.onError(e);
                    return;
                }
                if (!piece.isEmpty()) {
                    governedSide.onPartial(piece);
                }
            }

            @Override
            public void error(Throwable error) {
                governedSide.onError(error);
            }

            @Override
            public void end() {
                governedSide.onComplete(chunks.response());
            }
        }));
    }

    @Override
    ChatCompletion answer(AiResponse governed) {
        ChatCompletion r = response;
        return governed == received && r != null ? r : ChatAnswers.answer(governed, r);
    }

    @Override
    ChatCompletionChunk text(String text) {
        return chunks.text(text);
    }

    @Override
    List<ChatCompletionChunk> end(AiResponse governed) {
        return chunks.end(governed);
    }
}
