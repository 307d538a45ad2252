/**
 * The in-process detector engine and redaction operators, and the default {@link dev.aims.api.Redactor}:
 * {@link dev.aims.redact.AimsRedactor}.
 *
 * <p>Each text is scanned once. A table look-up per character hands control only at a word start, a digit or one
 * of {@code @ + ( = : - >} to the detectors that can start there; each candidate is validated by its type's rule
 * before it becomes a finding (Luhn and issuer ranges for cards, per-country length and mod-97 for IBANs, issued
 * ranges for SSNs, mod-11 for NHS numbers, Base58Check and Bech32 checksums, the JOSE header of a JWT, entropy and
 * placeholder rules for assigned secrets). Overlaps resolve deterministically: the longer finding wins, then the
 * more specific type; a PEM private key block swallows what is inside it. Full-width forms, digits of other scripts,
 * no-break and thin spaces, Unicode dashes and zero-width characters are folded before scanning, and findings map
 * back to the original offsets. A text without findings comes back as the same instance and scanning it allocates
 * nothing.
 *
 * <p>User dictionaries share one Aho-Corasick automaton; user patterns run on a Thompson NFA in linear time and
 * patterns that would need backtracking are refused. {@link dev.aims.redact.StreamingRedaction} handles text that
 * arrives in chunks.
 */
package dev.aims.redact;
