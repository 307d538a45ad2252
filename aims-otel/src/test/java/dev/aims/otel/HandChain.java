package dev.aims.otel;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallInterceptor;
import java.util.function.Function;

/** A chain of one interceptor over a function, standing in for the rest of a governed call. */
final class HandChain implements CallInterceptor.Chain {
    private final AiRequest request;
    private final CallContext context;
    private final String callId;
    private final Function<AiRequest, AiResponse> rest;
    int proceeds;
    String traceId;
    String spanId;

    HandChain(AiRequest request, CallContext context, String callId, Function<AiRequest, AiResponse> rest) {
        this.request = request;
        this.context = context;
        this.callId = callId;
        this.rest = rest;
    }

    @Override
    public AiRequest request() {
        return request;
    }

    @Override
    public CallContext context() {
        return context;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public AiResponse proceed(AiRequest request) {
        if (++proceeds > 1) {
            throw new IllegalStateException("proceed called twice");
        }
        return rest.apply(request);
    }

    @Override
    public void recordTrace(String traceId, String spanId) {
        this.traceId = traceId;
        this.spanId = spanId;
    }
}
