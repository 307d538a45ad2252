/**
 * Evidence an auditor can trust: the tamper-evident evidence log, its verifier, the AI-system inventory and the
 * ISO/IEC 42001 evidence report.
 *
 * <ul>
 *   <li>{@link dev.aims.evidence.EvidenceLog} — a {@code CallObserver} writing one hash-chained JSON line per call
 *       record, with Ed25519-signed checkpoints, rotation, a bounded queue with an explicit full-queue policy, and
 *       crash recovery;</li>
 *   <li>{@link dev.aims.evidence.EvidenceVerifier} and {@link dev.aims.evidence.Verification} — offline checking
 *       that names the first bad file, line and kind of fault;</li>
 *   <li>{@link dev.aims.evidence.AiSystemInventory} — the {@code AiSystemRegistry}, in code or from JSON, and
 *       {@link dev.aims.evidence.EvidenceUsage} — what the evidence shows was used, compared with it;</li>
 *   <li>{@link dev.aims.evidence.EvidenceReport} — {@code report.json} and a self-contained {@code report.html}.</li>
 * </ul>
 *
 * <p>An evidence line holds ids, counts, digests and the call's context — never prompt or response text. The line
 * format: one canonical JSON object (RFC 8785 style: sorted members, no white space, integers only) with
 * {@code seq}, {@code ts}, {@code type} ({@code call}, {@code checkpoint} or {@code open}), {@code prev}, the body
 * named after the type, {@code hash = SHA-256(prev || canonical entry without hash)} and, on checkpoints, {@code sig}
 * (Ed25519 over the canonical entry without hash and sig). Everything else in this package is package-private.
 */
package dev.aims.evidence;
