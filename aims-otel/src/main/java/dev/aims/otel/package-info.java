/**
 * OpenTelemetry spans and metrics for governed calls: GenAI semantic conventions plus {@code aims.*} governance
 * attributes.
 *
 * <p>{@link dev.aims.otel.AimsTelemetry} is the entry point: it takes the application's {@code OpenTelemetry}
 * (never the global one unless asked) and offers an interceptor and an observer for {@code GovernedClient}.
 * {@link dev.aims.otel.AimsAttributes} names every attribute, event and metric emitted. Everything else is
 * package-private. The module depends on {@code opentelemetry-api} only; the SDK is the application's choice.
 */
package dev.aims.otel;
