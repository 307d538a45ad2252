package dev.aims.anthropic;

import com.anthropic.core.ClientOptions;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.services.async.MessageServiceAsync;
import com.anthropic.services.blocking.MessageService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import dev.aims.api.StreamingHandler;
import java.net.URI;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One call's SDK side, carried across the AIMS pipeline as a tag of the request ({@link AiRequest#tag(Class)}):
 * the SDK service to send with and the caller's request options ({@link Route}), the application's request in its
 * wire form (to rebuild the outgoing one from the governed texts), and the provider's answer (to keep what AIMS does
 * not model). Being on the request, it travels to whatever thread an interceptor continues on; a request rebuilt
 * with {@code toBuilder()} or {@code mapText} keeps it, a brand-new one does not, and the call then fails saying so.
 */
final class Exchange {
    static final String CULPRIT = "aims-anthropic";
    static final String MISSING = "the request reached the Anthropic SDK without its exchange tag: an interceptor"
            + " or policy replaced it with a new AiRequest; derive a replacement from the request it was given"
            + " (request.toBuilder() or request.mapText), so that its tags travel with it";

    /**
     * Checks, right after the user's interceptors, that the request still carries its exchange, and tells the
     * exchange its call id (for the errors of the far side).
     */
    static final CallInterceptor CHECK = chain -> {
        of(chain.request(), chain.callId()).callId = chain.callId();
        return chain.proceed(chain.request());
    };

    final Route route;
    final RequestOptions options;
    /** The AIMS form of the application's request, before governance, tagged with this exchange. */
    final AiRequest request;
    private final WireRequest wire;
    volatile String callId;
    /** The provider's answer, when it came. */
    volatile WireResponse received;
    /** A stream's {@code message_start} message, as the provider sent it. */
    volatile ObjectNode streamStart;
    /** A stream's last {@code message_delta} event, as the provider sent it. */
    volatile JsonNode streamDelta;
    /** The index of the stream's first text block: where the governed text is streamed. */
    volatile int firstTextIndex = -1;
    private volatile AutoCloseable providerStream;
    private volatile boolean cancelled;

    /**
     * @throws IllegalArgumentException naming the field when the request cannot be read
     */
    Exchange(Route route, MessageCreateParams params, RequestOptions options, boolean stream) {
        this.route = route;
        this.options = options;
        AiRequest[] built = new AiRequest[1];
        this.wire = WireRequest.read(params, route.mapper, b -> {
            b.provider(route.provider).stream(stream).tag(Exchange.class, this);
            if (route.host != null) {
                b.server(route.host, route.port);
            }
            built[0] = b.build();
        });
        this.request = built[0];
    }

    /**
     * @param request a request of the pipeline
     * @param callId  its call id, when known
     * @return the exchange it carries
     * @throws AiGovernanceException if it carries none
     */
    static Exchange of(AiRequest request, String callId) {
        Exchange e = request.tag(Exchange.class);
        if (e == null) {
            throw new AiGovernanceException(callId, CULPRIT, MISSING, null);
        }
        return e;
    }

    /** The provider call of a blocking round-trip: the delegate of the governed client. */
    AiResponse send(AiRequest governed) {
        MessageCreateParams params = outgoing(governed);
        Message answer;
        if (route.sync != null) {
            answer = route.sync.create(params, options);
        } else {
            try {
                answer = route.async.create(params, options).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
            }
        }
        WireResponse w = WireResponse.read(answer, route.mapper);
        received = w;
        return w.translated();
    }

    /** The provider call of a streamed round-trip: the streaming delegate of the governed client. */
    void stream(AiRequest governed, StreamingHandler governedSide) {
        MessageCreateParams params = outgoing(governed);
        ProviderStream reader = new ProviderStream(this, governedSide);
        if (cancelled) {
            governedSide.onError(new CancellationException("the stream was closed before it was sent"));
            return;
        }
        if (route.sync != null) {
            // Connecting here: a refusal is the provider's failure of this call. Reading on another thread: a
            // denial mid-stream ends the governed call at once, and closing the stream then stops the reader.
            StreamResponse<RawMessageStreamEvent> s = route.sync.createStreaming(params, options);
            opened(s);
            route.readers.execute(() -> {
                try (s) {
                    for (Iterator<RawMessageStreamEvent> it = s.stream().iterator(); it.hasNext();) {
                        reader.onEvent(it.next());
                    }
                    reader.end(null);
                } catch (RuntimeException e) {
                    reader.end(e);
                }
            });
            return;
        }
        AsyncStreamResponse<RawMessageStreamEvent> s = route.async.createStreaming(params, options);
        opened(s::close);
        s.subscribe(new AsyncStreamResponse.Handler<RawMessageStreamEvent>() {
            @Override
            public void onNext(RawMessageStreamEvent event) {
                try {
                    reader.onEvent(event);
                } catch (RuntimeException e) {
                    reader.end(e);
                    s.close();
                }
            }

            @Override
            public void onComplete(Optional<Throwable> error) {
                reader.end(error.orElse(null));
            }
        });
    }

    private void opened(AutoCloseable stream) {
        providerStream = stream;
        if (cancelled) {
            closeQuietly(stream);
        }
    }

    /** Stops the provider's stream, if one is open; the governed call then ends with a provider error. */
    void cancel() {
        cancelled = true;
        AutoCloseable s = providerStream;
        if (s != null) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing is best effort: the stream ends with an error either way.
        }
    }

    /**
     * @param governed the governed request
     * @return the SDK request to send, built from it
     * @throws AiGovernanceException if the governed request cannot be expressed in the SDK
     */
    private MessageCreateParams outgoing(AiRequest governed) {
        try {
            return wire.params(governed, request);
        } catch (IllegalArgumentException e) {
            // Not chained: the messages here name places, and a cause's could hold a value.
            throw new AiGovernanceException(callId, CULPRIT, "the governed request cannot be sent through the"
                    + " Anthropic SDK: " + e.getMessage(), null);
        }
    }

    /**
     * @param governed the answer as governance returns it
     * @return the SDK message for the caller
     * @throws AiGovernanceException if the governed answer cannot be expressed in the SDK
     */
    Message answer(AiResponse governed) {
        try {
            WireResponse w = received;
            return w != null ? w.answer(governed, route.mapper)
                    : WireResponse.fresh(governed, request.model(), route.mapper);
        } catch (IllegalArgumentException e) {
            throw new AiGovernanceException(callId, CULPRIT, "the governed answer cannot be returned through the"
                    + " Anthropic SDK: " + e.getMessage(), null);
        }
    }

    /**
     * Provider failures reach the caller as the SDK's own exception, as they would without AIMS, so that the
     * application's handling of them is unchanged; the AIMS exception (with the call id) is attached as
     * suppressed.
     *
     * @param e what governance ended the call with
     * @return the SDK's own exception, or {@code e}
     */
    static Throwable unwrap(Throwable e) {
        Throwable cause = e.getCause();
        if (e instanceof AiProviderException && cause instanceof RuntimeException && cause != e) {
            cause.addSuppressed(e);
            return cause;
        }
        return e;
    }

    /**
     * Where a governed service sends: the SDK's blocking or async message service (one of the two), and what the
     * client's options say about the provider.
     */
    static final class Route {
        final MessageService sync;
        final MessageServiceAsync async;
        final ObjectMapper mapper;
        final String provider;
        final String host;
        final int port;
        /** Runs the governed calls of async and streamed requests. */
        final Executor executor;
        /** Reads providers' blocking streams: the SDK's own stream-handler threads. */
        final Executor readers;

        Route(MessageService sync, MessageServiceAsync async, ClientOptions options, Executor executor) {
            this.sync = sync;
            this.async = async;
            this.mapper = options.jsonMapper();
            String name = options.openTelemetryProviderName();
            this.provider = name == null || name.isBlank() ? "anthropic" : name;
            URI base = baseUri(options.baseUrl());
            this.host = base == null || base.getHost() == null ? null : base.getHost();
            int p = base == null ? -1 : base.getPort();
            this.port = p > 0 ? p : base != null && "http".equalsIgnoreCase(base.getScheme()) ? 80 : 443;
            this.readers = options.streamHandlerExecutor();
            this.executor = executor != null ? executor : readers;
        }

        private static URI baseUri(String url) {
            try {
                return url == null ? null : URI.create(url);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
