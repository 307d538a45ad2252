/**
 * The detector engine behind {@link dev.aims.redact.AimsRedactor}: the single-pass scanner and its detectors, the
 * validators, evasion folding, the dictionary automaton and the linear-time pattern engine.
 *
 * <p>Not a public API: the types here are public only so that the benchmarks can measure the same validators; they
 * may change without notice.
 */
package dev.aims.redact.internal;
