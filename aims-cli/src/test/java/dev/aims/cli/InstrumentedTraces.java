package dev.aims.cli;

import com.sun.net.httpserver.HttpServer;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.core.GovernedClient;
import dev.aims.otel.AimsTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Real client spans for {@code aims discover}'s tests: the JDK {@code HttpClient} traced with OpenTelemetry's
 * instrumentation API ({@link TracedHttpClient}) records each request, and the SDK's OTLP JSON exporter writes them
 * one export request a line
 * (one span each, as they end), the format of the Collector's file exporter. The requests go to a stub server on
 * 127.0.0.1, which also serves as the HTTP proxy for requests to provider hosts: the spans carry
 * {@code api.openai.com} while nothing leaves the machine.
 *
 * <p>Governed calls go through a real {@link GovernedClient} observed by {@link AimsTelemetry}, whose delegate makes
 * its request with the instrumented client, so the HTTP span is a child of AIMS's span as in an application.
 */
final class InstrumentedTraces implements AutoCloseable {
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";

    private final HttpServer stub;
    private final List<Service> services = new ArrayList<>();

    InstrumentedTraces() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
    }

    /** @return the stub's port on 127.0.0.1 */
    int port() {
        return stub.getAddress().getPort();
    }

    /**
     * @param name the service.name of its resource
     * @param file where its spans are written, one export request a line
     * @return a service with its own SDK, as a separate process would have
     */
    Service service(String name, Path file) throws IOException {
        Service s = new Service(name, file);
        services.add(s);
        return s;
    }

    /** One service: an SDK exporting to its file, a tracer for its own spans, an instrumented HttpClient. */
    final class Service implements AutoCloseable {
        private final RotatingFile out;
        private final SdkTracerProvider provider;
        private final OpenTelemetrySdk sdk;
        private final Tracer tracer;
        /** Requests through the stub as proxy: their URLs name the real provider hosts. */
        private final TracedHttpClient viaProxy;
        /** Requests straight to the stub. */
        private final TracedHttpClient direct;

        private Service(String name, Path file) throws IOException {
            out = new RotatingFile(file);
            provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, name))))
                    .addSpanProcessor(SimpleSpanProcessor.create(OtlpStdoutSpanExporter.builder()
                            .setOutput(out).setWrapperJsonObject(true).build()))
                    .build();
            sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
            tracer = sdk.getTracer("test-app");
            viaProxy = new TracedHttpClient(sdk, HttpClient.newBuilder()
                    .proxy(ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port())))
                    .build());
            direct = new TracedHttpClient(sdk, HttpClient.newHttpClient());
        }

        /** Posts to {@code url} through the stub, within the current span; the client records its span. */
        void post(String url) {
            TracedHttpClient client = url.contains("//127.0.0.1:") ? direct : viaProxy;
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\"}")).build());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("stub answered " + r.statusCode());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Runs {@code work} inside a server span, the root of a new trace, as a request handler would. */
        void handle(String route, Runnable work) {
            Span root = tracer.spanBuilder("POST " + route).setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope s = root.makeCurrent()) {
                work.run();
            } finally {
                root.end();
            }
        }

        /**
         * Makes a governed call: AIMS's span, and under it the provider request to {@code url}; {@code afterRequest}
         * runs once the request's span has ended, before AIMS's does.
         */
        void governed(String url, Runnable afterRequest) {
            GovernedClient ai = GovernedClient.builder()
                    .delegate(request -> {
                        post(url);
                        afterRequest.run();
                        return AiResponse.of("ok");
                    })
                    .provider("openai")
                    .observer(AimsTelemetry.create(sdk).observer())
                    .build();
            ai.call(AiRequest.of("gpt-4o-mini", "Hello"), CallContext.builder().systemId("support-bot")
                    .purpose("customer-support").build());
        }

        /** Sends the spans that end from now on to {@code next}. */
        void rotate(Path next) {
            try {
                out.rotate(next);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            provider.forceFlush().join(10, TimeUnit.SECONDS);
            provider.shutdown().join(10, TimeUnit.SECONDS);
            out.close();
        }
    }

    /** Writes the gzip of {@code file} beside it as {@code file.gz}, and deletes the original. */
    static Path gzip(Path file) throws IOException {
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(file, o);
        }
        Files.delete(file);
        return gz;
    }

    @Override
    public void close() throws IOException {
        for (Service s : services) {
            s.close();
        }
        stub.stop(0);
    }

    /** An output stream whose file can be changed between two export requests, as a rotating file exporter does. */
    private static final class RotatingFile extends OutputStream {
        private OutputStream current;

        RotatingFile(Path file) throws IOException {
            current = Files.newOutputStream(file);
        }

        synchronized void rotate(Path next) throws IOException {
            current.close();
            current = Files.newOutputStream(next);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            current.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            current.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            current.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            current.close();
        }
    }
}
