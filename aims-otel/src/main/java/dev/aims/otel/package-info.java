/**
 * OpenTelemetry spans and metrics for governed calls: GenAI semantic conventions plus {@code aims.*} governance
 * attributes.
 */
package dev.aims.otel;
