package dev.aims.core;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallContext;
import dev.aims.api.CallInterceptor;
import java.util.List;

/**
 * One position in the interceptor list, OkHttp style: {@link #proceed} runs the interceptor at {@code index} with a
 * new chain at {@code index + 1}. Contract breaches and exceptions of an interceptor — checked ones thrown through
 * a lambda included — are turned into an {@link AiGovernanceException} naming the culprit, because a control that
 * fails must fail the call closed. An {@link Error} passes through unchanged; the call records it and rethrows it.
 */
final class RealChain implements CallInterceptor.Chain {
    private final List<Step> steps;
    private final Step last;
    private final int index;
    private final RealCall call;
    private final AiRequest request;
    private boolean proceeded;

    /** An interceptor with a name for error messages. */
    record Step(String name, CallInterceptor interceptor) {
    }

    RealChain(List<Step> steps, Step last, int index, RealCall call, AiRequest request) {
        this.steps = steps;
        this.last = last;
        this.index = index;
        this.call = call;
        this.request = request;
    }

    /** The fixed steps, then the call's last step (the delegate, plain or streaming). */
    private Step step(int i) {
        return i < steps.size() ? steps.get(i) : last;
    }

    @Override
    public AiRequest request() {
        return request;
    }

    @Override
    public CallContext context() {
        return call.context;
    }

    @Override
    public String callId() {
        return call.callId;
    }

    /** @return the call this chain runs, for the client's own steps */
    RealCall call() {
        return call;
    }

    @Override
    public void recordTrace(String traceId, String spanId) {
        call.recordTrace(traceId, spanId);
    }

    @Override
    public AiResponse proceed(AiRequest next) {
        Step caller = index > 0 ? step(index - 1) : null;
        if (proceeded) {
            throw new AiGovernanceException(call.callId, caller == null ? "chain" : caller.name(),
                    "must call proceed() at most once", null);
        }
        proceeded = true;
        if (next == null) {
            throw new AiGovernanceException(call.callId, caller == null ? "chain" : caller.name(),
                    "passed a null request to proceed()", null);
        }
        if (index > steps.size()) {
            throw new IllegalStateException("the delegate step must end the chain");
        }
        Step step = step(index);
        RealChain nextChain = new RealChain(steps, last, index + 1, call, next);
        AiResponse response;
        try {
            response = step.interceptor().intercept(nextChain);
        } catch (AimsException e) {
            throw e;
        } catch (Exception e) {
            throw new AiGovernanceException(call.callId, step.name(), "threw " + e.getClass().getName(), e);
        }
        if (response == null) {
            throw new AiGovernanceException(call.callId, step.name(), "returned null", null);
        }
        return response;
    }
}
