package dev.aims.cli;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The JDK {@code HttpClient} traced with OpenTelemetry's instrumentation API, as its
 * {@code opentelemetry-java-http-client} library does (that artefact does not resolve here): the span's name,
 * status and every attribute — {@code http.request.method}, {@code url.full}, {@code server.address},
 * {@code server.port}, {@code http.response.status_code} … — come from the API's HTTP client extractors, at the
 * semantic-convention version it implements; this class only tells them what the request and response are.
 */
final class TracedHttpClient {
    /** The instrumentation scope of these spans. */
    static final String SCOPE = "aims-test.java-http-client";

    private static final HttpClientAttributesGetter<HttpRequest, HttpResponse<?>> GETTER =
            new HttpClientAttributesGetter<>() {
                @Override
                public String getUrlFull(HttpRequest request) {
                    return request.uri().toString();
                }

                @Override
                public String getServerAddress(HttpRequest request) {
                    return request.uri().getHost();
                }

                @Override
                public Integer getServerPort(HttpRequest request) {
                    int port = request.uri().getPort();
                    return port != -1 ? port : "https".equals(request.uri().getScheme()) ? 443 : 80;
                }

                @Override
                public String getHttpRequestMethod(HttpRequest request) {
                    return request.method();
                }

                @Override
                public List<String> getHttpRequestHeader(HttpRequest request, String name) {
                    return request.headers().allValues(name);
                }

                @Override
                public Integer getHttpResponseStatusCode(HttpRequest request, HttpResponse<?> response,
                        Throwable error) {
                    return response.statusCode();
                }

                @Override
                public List<String> getHttpResponseHeader(HttpRequest request, HttpResponse<?> response,
                        String name) {
                    return response.headers().allValues(name);
                }
            };

    private final HttpClient client;
    private final Instrumenter<HttpRequest, HttpResponse<?>> instrumenter;

    TracedHttpClient(OpenTelemetry otel, HttpClient client) {
        this.client = client;
        this.instrumenter = Instrumenter.<HttpRequest, HttpResponse<?>>builder(otel, SCOPE,
                        HttpSpanNameExtractor.create(GETTER))
                .setSpanStatusExtractor(HttpSpanStatusExtractor.create(GETTER))
                .addAttributesExtractor(HttpClientAttributesExtractor.create(GETTER))
                .buildInstrumenter(SpanKindExtractor.alwaysClient());
    }

    /** Sends the request inside a client span, a child of the current context. */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        Context parent = Context.current();
        if (!instrumenter.shouldStart(parent, request)) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        Context context = instrumenter.start(parent, request);
        HttpResponse<String> response;
        try (Scope s = context.makeCurrent()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException | RuntimeException e) {
            instrumenter.end(context, request, null, e);
            throw e;
        }
        instrumenter.end(context, request, response, null);
        return response;
    }
}
