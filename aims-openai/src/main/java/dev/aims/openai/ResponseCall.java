package dev.aims.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.StreamingHandler;
import java.util.List;

/** One governed Responses API call ({@code responses().create} and {@code createStreaming}). */
final class ResponseCall extends OpenAiCall<Response, ResponseStreamEvent> {
    /** How the call reaches the SDK client the application wrapped, blocking or asynchronous. */
    interface Backend {
        Response create(ResponseCreateParams params);

        AutoCloseable stream(ResponseCreateParams params, ProviderStream.Sink<ResponseStreamEvent> sink);
    }

    private final ResponseRequests.Shape shape;
    private final AiRequest request;
    private final Backend backend;
    private final ResponseAnswers.Stream events = new ResponseAnswers.Stream();
    private volatile Response response;
    private volatile JsonNode responseJson;
    private volatile AiResponse received;

    /**
     * @throws IllegalArgumentException naming the field when the request cannot be governed as it is
     */
    ResponseCall(ResponseCreateParams params, boolean streamed, Backend backend) {
        this.shape = ResponseRequests.shape(params);
        this.backend = backend;
        this.request = ResponseRequests.toAims(shape, streamed).tag(OpenAiCall.class, this).build();
    }

    @Override
    AiRequest request() {
        return request;
    }

    @Override
    AiResponse send(AiRequest sent) {
        ResponseCreateParams params = outgoing(() -> ResponseRequests.outgoing(sent, shape));
        Response r = backend.create(params);
        JsonNode json = Json.tree(r);
        AiResponse translated = ResponseAnswers.toAims(json);
        response = r;
        responseJson = json;
        received = translated;
        return translated;
    }

    @Override
    void stream(AiRequest sent, StreamingHandler governedSide) {
        ResponseCreateParams params = outgoing(() -> ResponseRequests.outgoing(sent, shape));
        streaming(governedSide);
        providerStream(backend.stream(params, new ProviderStream.Sink<ResponseStreamEvent>() {
            @Override
            public void next(ResponseStreamEvent event) {
                String piece;
                try {
                    piece = events.add(event);
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
                AiResponse whole;
                try {
                    whole = events.response();
                } catch (RuntimeException e) {
                    governedSide.onError(e);
                    return;
                }
                governedSide.onComplete(whole);
            }
        }));
    }

    @Override
    Response answer(AiResponse governed) {
        Response r = response;
        return governed == received && r != null ? r : ResponseAnswers.answer(governed, responseJson);
    }

    @Override
    ResponseStreamEvent text(String text) {
        return events.text(text);
    }

    @Override
    List<ResponseStreamEvent> end(AiResponse governed) {
        return events.end(governed);
    }
}
