package dev.aims.otel;

import dev.aims.api.CallInterceptor;
import dev.aims.api.CallObserver;
import dev.aims.api.Redactor;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * OpenTelemetry spans and metrics for governed calls: the GenAI semantic conventions that trace back-ends already
 * understand, plus the {@code aims.*} governance attributes (outcome, deciding policy, redaction counts, lineage),
 * and never a sensitive value.
 *
 * <p>Install both halves on the client, the interceptor before any other:
 * <pre>{@code
 * AimsTelemetry telemetry = AimsTelemetry.create(openTelemetry);
 * GovernedClient client = GovernedClient.builder()
 *         .delegate(model)
 *         .interceptor(telemetry.interceptor())   // starts the span before the policies, current around the call
 *         .observer(telemetry.observer())         // ends it from the call's record, records the metrics
 *         .build();
 * }</pre>
 * The span, of kind CLIENT and named {@code {gen_ai.operation.name} {gen_ai.request.model}}, is current while the
 * provider is called, so the provider's HTTP instrumentation nests under it and the trace context propagates. A
 * streamed call is one span, ended when the stream completes, fails or is cancelled. The observer alone also works:
 * the span is then made from the record after the call, and nothing nests under it.
 *
 * <p>Tracer and meter use the instrumentation scope {@value AimsAttributes#INSTRUMENTATION_SCOPE} with the library
 * version. Instances are immutable and thread-safe; one serves any number of clients.
 */
public final class AimsTelemetry {
    /** The default of {@link Builder#maxContentLength(int)}. */
    public static final int DEFAULT_MAX_CONTENT_LENGTH = 8192;
    /** The default of {@link Builder#maxInFlightCalls(int)}. */
    public static final int DEFAULT_MAX_IN_FLIGHT_CALLS = 10_000;

    private static final String VERSION = readVersion();

    private final TelemetryInterceptor interceptor;
    private final TelemetryObserver observer;
    private final InFlightSpans inFlight;

    private AimsTelemetry(Builder b) {
        Tracer tracer = b.openTelemetry.tracerBuilder(AimsAttributes.INSTRUMENTATION_SCOPE)
                .setInstrumentationVersion(VERSION).build();
        Meter meter = b.openTelemetry.meterBuilder(AimsAttributes.INSTRUMENTATION_SCOPE)
                .setInstrumentationVersion(VERSION).build();
        boolean legacy = Boolean.TRUE.equals(b.legacySystemAttribute);
        UserIdHasher hasher = b.userIdKey == null ? null : new UserIdHasher(b.userIdKey);
        int maxContent = b.maxContentLength == null ? DEFAULT_MAX_CONTENT_LENGTH : b.maxContentLength;
        ContentCapture content = b.contentRedactor == null ? null : new ContentCapture(b.contentRedactor, maxContent);
        this.inFlight = new InFlightSpans(b.maxInFlightCalls == null ? DEFAULT_MAX_IN_FLIGHT_CALLS
                : b.maxInFlightCalls);
        // A no-op provider (OpenTelemetry.noop(), an SDK without processors or readers) gets no work at all:
        // applications that never configured OpenTelemetry should not pay for building what nobody reads.
        CallSpans spans = isNoop(tracer) ? null : new CallSpans(tracer, legacy, hasher);
        GenAiMetrics metrics = isNoop(meter) ? null : new GenAiMetrics(meter, legacy);
        this.interceptor = new TelemetryInterceptor(spans, inFlight);
        this.observer = new TelemetryObserver(spans, inFlight, metrics, content);
    }

    private static boolean isNoop(Tracer tracer) {
        return tracer.getClass() == TracerProvider.noop().get(AimsAttributes.INSTRUMENTATION_SCOPE).getClass();
    }

    private static boolean isNoop(Meter meter) {
        return meter.getClass() == MeterProvider.noop().get(AimsAttributes.INSTRUMENTATION_SCOPE).getClass();
    }

    /**
     * @param openTelemetry where spans and metrics go
     * @return telemetry with the defaults: no content, raw principal as {@code enduser.id}, no {@code gen_ai.system}
     * @throws NullPointerException if {@code openTelemetry} is null
     */
    public static AimsTelemetry create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /**
     * @param openTelemetry where spans and metrics go
     * @return a builder
     * @throws NullPointerException if {@code openTelemetry} is null
     */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    /**
     * A builder on the global {@code OpenTelemetry} instance, for applications that register one (the Java agent,
     * autoconfiguration). AIMS never reads the global instance unless asked through this method. The instance is
     * read now: if none is registered yet, telemetry built from this builder emits nothing, even once one is.
     *
     * @return a builder on {@link GlobalOpenTelemetry#getOrNoop()}
     */
    public static Builder builderWithGlobalOpenTelemetry() {
        return new Builder(GlobalOpenTelemetry.getOrNoop());
    }

    /**
     * @return the interceptor that starts each call's span; add it to the client before any other interceptor so
     *         that the span covers them and the policies
     */
    public CallInterceptor interceptor() {
        return interceptor;
    }

    /** @return the observer that ends each call's span and records its metrics */
    public CallObserver observer() {
        return observer;
    }

    /** @return the number of spans started and not yet ended, for tests */
    int inFlightCalls() {
        return inFlight.size();
    }

    /** @return the library version reported in the instrumentation scope */
    static String version() {
        return VERSION;
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = AimsTelemetry.class.getResourceAsStream("aims-otel.properties")) {
            if (in == null) {
                throw new IllegalStateException("aims-otel.properties is missing from the aims-otel jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read aims-otel.properties", e);
        }
        return Objects.requireNonNull(p.getProperty("version"), "aims-otel.properties has no version");
    }

    /**
     * Configures {@link AimsTelemetry}. Each option may be set once; a second setting is refused. Not thread-safe.
     */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private Boolean legacySystemAttribute;
        private byte[] userIdKey;
        private Redactor contentRedactor;
        private Integer maxContentLength;
        private Integer maxInFlightCalls;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
        }

        /**
         * Also emits the provider under its pre-1.37 name {@code gen_ai.system}, for back-ends that have not moved
         * to {@code gen_ai.provider.name} yet. Off by default.
         *
         * @param enabled whether to emit {@code gen_ai.system} next to {@code gen_ai.provider.name}
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder emitGenAiSystem(boolean enabled) {
            if (legacySystemAttribute != null) {
                throw new IllegalStateException("emitGenAiSystem was already set to " + legacySystemAttribute);
            }
            legacySystemAttribute = enabled;
            return this;
        }

        /**
         * Emits {@code enduser.id} as a keyed pseudonym of the principal (HMAC-SHA-256, 32 hex digits) instead of
         * the principal itself. The same key gives the same pseudonym, so calls stay groupable by user; without the
         * key, the pseudonym does not tell who the user is. The key is copied.
         *
         * @param key the HMAC key, at least 16 bytes
         * @return this builder
         * @throws NullPointerException     if {@code key} is null
         * @throws IllegalArgumentException if the key is shorter than 16 bytes
         * @throws IllegalStateException    if already set
         */
        public Builder pseudonymousUserIds(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < UserIdHasher.MIN_KEY_BYTES) {
                throw new IllegalArgumentException("pseudonymousUserIds key must be at least "
                        + UserIdHasher.MIN_KEY_BYTES + " bytes, but was " + key.length);
            }
            if (userIdKey != null) {
                throw new IllegalStateException("pseudonymousUserIds was already set");
            }
            userIdKey = key.clone();
            return this;
        }

        /**
         * Captures message content as {@code gen_ai.input.messages} and {@code gen_ai.output.messages}. <b>Off by
         * default</b>, because prompts and answers are the most sensitive data an AI call handles, and a trace
         * back-end is usually readable by more people, and kept longer, than the application's own data. When on,
         * the input is the request as it left the process (already redacted by the client) and the output the
         * provider's answer (which may hold personal data the model produced); both pass through {@code redactor}
         * before they are written, and are cut to {@link #maxContentLength(int)}.
         *
         * @param redactor redacts every captured text; pass the client's redactor or a stricter one
         * @return this builder
         * @throws NullPointerException  if {@code redactor} is null
         * @throws IllegalStateException if already set
         */
        public Builder captureContent(Redactor redactor) {
            Objects.requireNonNull(redactor, "redactor");
            if (contentRedactor != null) {
                throw new IllegalStateException("captureContent was already set");
            }
            contentRedactor = redactor;
            return this;
        }

        /**
         * The most characters of (redacted) message text kept in each content attribute, over all its parts; text
         * beyond is cut and marked with {@code …}. The JSON around the text is not counted, so the attribute stays
         * valid JSON. Only meaningful with {@link #captureContent(Redactor)}. Default
         * {@value #DEFAULT_MAX_CONTENT_LENGTH}.
         *
         * @param length the text budget, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code length} is less than 1
         * @throws IllegalStateException    if already set
         */
        public Builder maxContentLength(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("maxContentLength must be at least 1, but was " + length);
            }
            if (maxContentLength != null) {
                throw new IllegalStateException("maxContentLength was already set to " + maxContentLength);
            }
            maxContentLength = length;
            return this;
        }

        /**
         * The most calls whose span the interceptor started and whose record has not arrived. Past it, the oldest
         * such span is ended as abandoned (status ERROR, {@code error.type} {@code _OTHER}) and a warning logged, so
         * that a call that never ends cannot keep its span in memory forever. Default
         * {@value #DEFAULT_MAX_IN_FLIGHT_CALLS}.
         *
         * @param max the bound, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is less than 1
         * @throws IllegalStateException    if already set
         */
        public Builder maxInFlightCalls(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInFlightCalls must be at least 1, but was " + max);
            }
            if (maxInFlightCalls != null) {
                throw new IllegalStateException("maxInFlightCalls was already set to " + maxInFlightCalls);
            }
            maxInFlightCalls = max;
            return this;
        }

        /**
         * @return the telemetry
         * @throws IllegalStateException if {@link #maxContentLength(int)} was set without
         *                               {@link #captureContent(Redactor)}
         */
        public AimsTelemetry build() {
            if (maxContentLength != null && contentRedactor == null) {
                throw new IllegalStateException("maxContentLength was set to " + maxContentLength
                        + " but content capture is off; call captureContent(redactor) to capture content");
            }
            return new AimsTelemetry(this);
        }
    }
}
