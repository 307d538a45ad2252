package dev.aims.evidence.discover;

/**
 * What discovery reads of one span: its ids, kind and start, and the few attributes that tell where a client call
 * went and whether AIMS governed it. The resource and scope are shared with the other spans they hold and are
 * filled in when the parser reaches them, which OTLP JSON allows after the spans.
 */
final class Span {
    /** The service and scope the span belongs to. */
    static final class Origin {
        String service;
        String scope;
    }

    static final int KIND_CLIENT = 3;

    final Origin resource;
    final Origin scope;
    long traceHi;
    long traceLo;
    long spanId;
    long parentId;
    int kind;
    long startNanos;
    boolean governedAttribute;

    // Destination attributes, current semantic conventions and older ones.
    String serverAddress;
    String serverPort;
    String urlFull;
    String urlPath;
    String httpUrl;
    String httpTarget;
    String httpHost;
    String netPeerName;
    String netPeerPort;
    String httpMethod;
    String rpcSystem;
    String rpcService;
    String rpcMethod;
    // GenAI conventions: a model call that an instrumentation of the SDK reported, with or without an HTTP span.
    String genAiOperation;
    String genAiProvider;

    Span(Origin resource, Origin scope) {
        this.resource = resource;
        this.scope = scope;
    }

    /**
     * @return whether this is the span of a call AIMS governed: it carries the call id, which aims-otel sets when the
     *         span starts (AIMS's tracer, {@value TraceDiscovery#AIMS_SCOPE}, emits no other span)
     */
    boolean governed() {
        return governedAttribute;
    }

    /** @return whether this is the client side of an HTTP or gRPC call */
    boolean outboundCall() {
        return kind == KIND_CLIENT && (httpMethod != null || urlFull != null || httpUrl != null
                || "grpc".equals(rpcSystem));
    }

    /**
     * @return whether this is the client span of a model call by the GenAI conventions (an operation and a provider),
     *         as instrumentations of the providers' SDKs write it, with or without an HTTP span of their own
     *         under it (Python's openai instrumentation alone, for one, writes none)
     */
    boolean genAiCall() {
        return kind == KIND_CLIENT && genAiOperation != null && genAiProvider != null;
    }

    String service() {
        return resource.service == null ? "unknown_service" : resource.service;
    }
}
