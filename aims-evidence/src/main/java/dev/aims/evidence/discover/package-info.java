/**
 * Finding AI use that bypasses governance in OpenTelemetry trace exports: {@link
 * dev.aims.evidence.discover.TraceDiscovery} reads OTLP JSON lines and returns a {@link
 * dev.aims.evidence.discover.Discovery} — the governed AI calls counted, the ungoverned ones grouped by service, host
 * and path as {@link dev.aims.evidence.discover.UngovernedUse}. The command {@code aims discover} prints it; the
 * evidence report ({@code EvidenceReport.Builder#outsideGovernance}) adds it as the section "AI use outside
 * governance". Everything else in this package is package-private.
 */
package dev.aims.evidence.discover;
