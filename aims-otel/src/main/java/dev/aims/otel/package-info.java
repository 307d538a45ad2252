/**
 * OpenTelemetry spans, metrics and guardrail events for governed calls: GenAI semantic conventions plus
 * {@code aims.*} governance attributes, and never a raw sensitive value.
 *
 * <p>{@link dev.aims.otel.AimsTelemetry} is the entry point: it takes the application's {@code OpenTelemetry}
 * (never the global one unless asked) and offers one observer for {@code GovernedClient}, which starts each call's
 * span when the call begins and ends it from the call's record. {@link dev.aims.otel.AimsAttributes} names every
 * attribute, event and metric emitted. Everything else is package-private. The module depends on
 * {@code opentelemetry-api} only; the SDK is the application's choice.
 */
package dev.aims.otel;
