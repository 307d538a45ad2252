package dev.aims.otel;

import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import dev.aims.api.CallObserver;
import dev.aims.api.Redactor;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * OpenTelemetry spans and metrics for governed calls: the GenAI semantic conventions that trace back-ends already
 * understand, the GenAI guardrail result of every policy decision, plus the {@code aims.*} governance attributes
 * (outcome, deciding policy, redaction counts, lineage), and never a sensitive value.
 *
 * <p>One registration does it all:
 * <pre>{@code
 * AimsTelemetry telemetry = AimsTelemetry.create(openTelemetry);
 * GovernedClient client = GovernedClient.builder()
 *         .delegate(model)
 *         .observer(telemetry.observer())
 *         .build();
 * }</pre>
 * When the call begins, the observer starts its span — of kind CLIENT, named
 * {@code {gen_ai.operation.name} {gen_ai.request.model}}, with the operation, provider, model and server that
 * samplers read — and the client keeps it current around the policies, the redactor and the provider call, so the
 * provider's HTTP instrumentation nests under it and the trace context propagates. When the call ends, the observer
 * ends the span from the call's record and records the metrics. A streamed call is one span, ended when the stream
 * completes, fails or is cancelled.
 *
 * <p>What leaves: the principal only as a keyed pseudonym ({@code enduser.pseudo.id}) unless
 * {@link Builder#emitRawUserIds()} says otherwise; the context's free text (purpose, session id, tenant, system and
 * source ids) only as the client redacted it; whether redaction was on ({@code aims.redaction.enabled}); entity types
 * and counts, never values; message content only on explicit opt-in, and then redacted. Metrics carry no user, no
 * free text and no per-call id.
 *
 * <p>Tracer, meter and logger use the instrumentation scope {@value AimsAttributes#INSTRUMENTATION_SCOPE} with the
 * library version. Instances are immutable and thread-safe; one serves any number of clients.
 */
public final class AimsTelemetry {
    /** The default of {@link Builder#maxContentLength(int)}. */
    public static final int DEFAULT_MAX_CONTENT_LENGTH = 8192;
    /**
     * The default of {@link Builder#maxInFlightCalls(int)}.
     *
     * @deprecated spans are no longer kept between an interceptor and the observer; nothing is bounded by it
     */
    @Deprecated
    public static final int DEFAULT_MAX_IN_FLIGHT_CALLS = 10_000;

    private static final String VERSION = readVersion();

    private static final System.Logger LOG = System.getLogger(AimsTelemetry.class.getName());

    /** The interceptor that {@link #interceptor()} still hands out, which only passes each call on. */
    private static final CallInterceptor PASS_THROUGH = new CallInterceptor() {
        @Override
        public AiResponse intercept(Chain chain) {
            return chain.proceed(chain.request());
        }

        @Override
        public String toString() {
            return "AimsTelemetry.interceptor (pass-through)";
        }
    };

    private final TelemetryObserver observer;

    private AimsTelemetry(Builder b, ContentMode contentMode) {
        Tracer tracer = b.openTelemetry.tracerBuilder(AimsAttributes.INSTRUMENTATION_SCOPE)
                .setInstrumentationVersion(VERSION).build();
        Meter meter = b.openTelemetry.meterBuilder(AimsAttributes.INSTRUMENTATION_SCOPE)
                .setInstrumentationVersion(VERSION).build();
        Logger events = b.openTelemetry.getLogsBridge().loggerBuilder(AimsAttributes.INSTRUMENTATION_SCOPE)
                .setInstrumentationVersion(VERSION).build();
        boolean legacy = Boolean.TRUE.equals(b.legacySystemAttribute);
        EndUsers endUsers = b.rawUserIds ? EndUsers.raw()
                : b.userIdKey != null ? EndUsers.pseudonymous(b.userIdKey) : EndUsers.pseudonymousPerProcess();
        int maxContent = b.maxContentLength == null ? DEFAULT_MAX_CONTENT_LENGTH : b.maxContentLength;
        ContentCapture content = b.contentRedactor == null || contentMode == ContentMode.NONE ? null
                : new ContentCapture(b.contentRedactor, maxContent);
        // A no-op provider (OpenTelemetry.noop(), an SDK without processors or readers) gets no work at all:
        // applications that never configured OpenTelemetry should not pay for building what nobody reads.
        CallSpans spans = isNoop(tracer) ? null : new CallSpans(tracer, legacy, endUsers);
        GenAiMetrics metrics = isNoop(meter) ? null : new GenAiMetrics(meter, legacy);
        this.observer = new TelemetryObserver(spans, metrics, content, contentMode, events);
    }

    private static boolean isNoop(Tracer tracer) {
        return tracer.getClass() == TracerProvider.noop().get(AimsAttributes.INSTRUMENTATION_SCOPE).getClass();
    }

    private static boolean isNoop(Meter meter) {
        return meter.getClass() == MeterProvider.noop().get(AimsAttributes.INSTRUMENTATION_SCOPE).getClass();
    }

    /**
     * @param openTelemetry where spans and metrics go
     * @return telemetry with the defaults: principals as pseudonyms under this process's key, no content, no
     *         {@code gen_ai.system}
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
     * Once the half of AIMS telemetry that started each call's span; the {@link #observer()} now does that itself.
     * This interceptor only passes each call on unchanged, so that code written for the two halves keeps compiling
     * and working: drop the {@code .interceptor(telemetry.interceptor())} line at your convenience.
     *
     * @return an interceptor that passes each call on unchanged
     * @deprecated register {@link #observer()} alone
     */
    @Deprecated
    public CallInterceptor interceptor() {
        return PASS_THROUGH;
    }

    /**
     * @return the one registration of AIMS telemetry: it starts each call's span when the call begins, keeps it
     *         current while the call runs, and ends it with the call's metrics from the record
     */
    public CallObserver observer() {
        return observer;
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
        private boolean rawUserIds;
        private Redactor contentRedactor;
        private Integer maxContentLength;
        private Integer maxInFlightCalls;
        private Function<String, String> properties = System::getProperty;
        private Function<String, String> environment = System::getenv;

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
         * The key of the end-user pseudonyms. By default the principal reaches spans only as
         * {@code enduser.pseudo.id}, the HMAC-SHA-256 of the principal (first 16 bytes, in hex) under a random key
         * made once per process and never stored: pseudonyms then group calls by user within one process run, and
         * nobody — you included — can link them to a user or to the same user's pseudonyms after a restart or in
         * another instance. With a key of your own, kept as a secret and shared by your instances, the same user
         * gets the same pseudonym everywhere and always, and whoever holds the key can check whether a pseudonym is
         * a given user's. The key is copied.
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
         * <b>Sends the principal as given</b>, as {@code enduser.id}, instead of the keyed pseudonym
         * {@code enduser.pseudo.id}. Off by default, because a principal is usually personal data (an e-mail
         * address, an employee number) and a trace back-end is usually readable by more people, and kept longer,
         * than the application's own user data. Switch it on only where the back-end may hold who called.
         *
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder emitRawUserIds() {
            if (rawUserIds) {
                throw new IllegalStateException("emitRawUserIds was already set");
            }
            rawUserIds = true;
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
         * <p>The content goes on the span as JSON, unless {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT}
         * (or the system property {@code otel.instrumentation.genai.capture-message-content}) says otherwise:
         * {@code SPAN_ONLY} or {@code true} on the span, {@code EVENT_ONLY} on a
         * {@code gen_ai.client.inference.operation.details} log event (structured), {@code SPAN_AND_EVENT} on both,
         * {@code NO_CONTENT} or {@code false} nowhere; an unknown value captures nothing and logs a warning. The
         * setting never captures content without this redactor: set without it, it captures nothing and logs a
         * warning.
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
         * Once the bound on spans started by the interceptor whose record had not arrived. The observer now starts
         * and ends each span itself, so no span waits in a table and there is nothing to bound; the value is still
         * checked so that code that set it keeps its meaning of "a valid configuration".
         *
         * @param max the bound, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is less than 1
         * @throws IllegalStateException    if already set
         * @deprecated has no effect
         */
        @Deprecated
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

        /** Where {@link #build()} reads the content setting; for tests. */
        Builder configuration(Function<String, String> properties, Function<String, String> environment) {
            this.properties = properties;
            this.environment = environment;
            return this;
        }

        /**
         * @return the telemetry
         * @throws IllegalStateException if {@link #maxContentLength(int)} was set without
         *                               {@link #captureContent(Redactor)}, or both {@link #emitRawUserIds()} and
         *                               {@link #pseudonymousUserIds(byte[])}
         */
        public AimsTelemetry build() {
            if (maxContentLength != null && contentRedactor == null) {
                throw new IllegalStateException("maxContentLength was set to " + maxContentLength
                        + " but content capture is off; call captureContent(redactor) to capture content");
            }
            if (rawUserIds && userIdKey != null) {
                throw new IllegalStateException("emitRawUserIds and pseudonymousUserIds were both set; raw ids "
                        + "need no key: choose one");
            }
            return new AimsTelemetry(this, contentMode());
        }

        private ContentMode contentMode() {
            ContentMode fallback = contentRedactor == null ? ContentMode.NONE : ContentMode.SPAN;
            String setting = ContentMode.configured(properties, environment);
            ContentMode mode = ContentMode.parse(setting, fallback);
            if (mode == null) {
                // A setting is configuration, not user data: naming it helps fix it.
                LOG.log(Level.WARNING, "{0}={1} is none of NO_CONTENT, SPAN_ONLY, EVENT_ONLY, SPAN_AND_EVENT, true, "
                        + "false: AIMS captures no message content", ContentMode.ENVIRONMENT_VARIABLE, setting);
                return ContentMode.NONE;
            }
            if (mode != ContentMode.NONE && contentRedactor == null) {
                LOG.log(Level.WARNING, "{0}={1} asks for message content, but AIMS captures content only redacted: "
                        + "call AimsTelemetry.Builder.captureContent(redactor); no content is captured",
                        ContentMode.ENVIRONMENT_VARIABLE, setting);
                return ContentMode.NONE;
            }
            return mode;
        }
    }
}
