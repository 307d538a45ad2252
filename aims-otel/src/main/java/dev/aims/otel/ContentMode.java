package dev.aims.otel;

import java.util.Locale;
import java.util.function.Function;

/**
 * Where captured (redacted) message content goes, as {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT} (or
 * the system property {@code otel.instrumentation.genai.capture-message-content}, which wins) chooses it: the GenAI
 * instrumentations' values {@code NO_CONTENT}, {@code SPAN_ONLY}, {@code EVENT_ONLY} and {@code SPAN_AND_EVENT}, and
 * the older {@code true} (span) and {@code false} (none), in any case. Content is never captured without the redactor
 * the application gave to {@code captureContent}: the variable chooses where redacted content goes, or turns it off.
 */
enum ContentMode {
    /** No content. */
    NONE(false, false),
    /** {@code gen_ai.input.messages} and {@code gen_ai.output.messages} on the call's span, as JSON. */
    SPAN(true, false),
    /** The same, structured, on a {@code gen_ai.client.inference.operation.details} log event. */
    EVENT(false, true),
    /** Both. */
    SPAN_AND_EVENT(true, true);

    /** The environment variable the GenAI instrumentations read. */
    static final String ENVIRONMENT_VARIABLE = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";
    /** The system property of the same setting, as OpenTelemetry's Java configuration spells it. */
    static final String SYSTEM_PROPERTY = "otel.instrumentation.genai.capture-message-content";

    private final boolean onSpans;
    private final boolean onEvents;

    ContentMode(boolean onSpans, boolean onEvents) {
        this.onSpans = onSpans;
        this.onEvents = onEvents;
    }

    boolean onSpans() {
        return onSpans;
    }

    boolean onEvents() {
        return onEvents;
    }

    /**
     * @param setting the configured value, or null when nothing was configured
     * @param fallback the mode when nothing was configured
     * @return the mode, or null when the value is none of the known ones
     */
    static ContentMode parse(String setting, ContentMode fallback) {
        if (setting == null || setting.isBlank()) {
            return fallback;
        }
        switch (setting.trim().toUpperCase(Locale.ROOT)) {
            case "NO_CONTENT":
            case "FALSE":
                return NONE;
            case "SPAN_ONLY":
            case "TRUE":
                return SPAN;
            case "EVENT_ONLY":
                return EVENT;
            case "SPAN_AND_EVENT":
                return SPAN_AND_EVENT;
            default:
                return null;
        }
    }

    /** @return the configured setting: the system property if set, else the environment variable, else null */
    static String configured(Function<String, String> properties, Function<String, String> environment) {
        String p = properties.apply(SYSTEM_PROPERTY);
        return p != null ? p : environment.apply(ENVIRONMENT_VARIABLE);
    }
}
