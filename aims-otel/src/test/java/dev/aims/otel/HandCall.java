package dev.aims.otel;

import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.ObservedCall;
import java.util.function.Supplier;

/**
 * Drives an observer through one call the way {@code GovernedClient} does under the {@link CallObserver} contract:
 * start, the chain run with the call's scope current, the record linked to the call's trace, end once.
 */
final class HandCall {
    private HandCall() {
    }

    /** @return the start a client would build for the record's call */
    static CallStart startOf(CallRecord record) {
        return CallStart.builder().callId(record.callId()).startedAt(record.startedAt()).context(record.context())
                .provider(record.provider()).operationName(record.operationName())
                .requestModel(record.requestModel())
                .server(record.serverAddress().orElse(null), record.serverPort())
                .streaming(record.streaming()).redactionEnabled(record.redactionEnabled()).build();
    }

    /** Runs a call whose chain does nothing but end with the record the builder builds. */
    static CallRecord observe(CallObserver observer, CallRecord.Builder record) {
        return run(observer, startOf(record.build()), () -> record);
    }

    /**
     * @param chain runs inside the call's scope, as the policies and the provider call do, and returns the record
     * @return the record as ended, with the call's trace and span ids
     */
    static CallRecord run(CallObserver observer, CallStart start, Supplier<CallRecord.Builder> chain) {
        ObservedCall call = observer.start(start);
        CallRecord.Builder b;
        try (ObservedCall.Scope ignored = call.makeCurrent()) {
            b = chain.get();
        }
        if (call.traceId() != null) {
            b.trace(call.traceId(), call.spanId());
        }
        CallRecord record = b.build();
        call.end(record);
        return record;
    }
}
