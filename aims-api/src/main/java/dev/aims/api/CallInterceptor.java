package dev.aims.api;

/**
 * A step of the governed call chain, in the manner of OkHttp's interceptors: it may inspect or replace the request,
 * must call {@link Chain#proceed} at most once (or not at all, to short-circuit), and may inspect or replace the
 * response. User interceptors run after the context is resolved and before the PRE policies, so they see every
 * call, denied ones included.
 */
@FunctionalInterface
public interface CallInterceptor {
    /**
     * @param chain the rest of the call
     * @return the response
     */
    AiResponse intercept(Chain chain);

    /** The rest of a call, as seen by one interceptor. */
    interface Chain {
        /** @return the request as it reaches this interceptor */
        AiRequest request();

        /** @return the call's context */
        CallContext context();

        /** @return the call's id, as recorded */
        String callId();

        /**
         * Runs the rest of the chain.
         *
         * @param request the request to pass on
         * @return the response of the rest of the chain
         * @throws IllegalStateException if called a second time
         */
        AiResponse proceed(AiRequest request);

        /**
         * Links the call's record to a trace, for observers that cannot see the tracing library.
         *
         * @param traceId the trace id (32 hex digits)
         * @param spanId  the span id (16 hex digits)
         */
        void recordTrace(String traceId, String spanId);
    }
}
