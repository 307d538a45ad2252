/**
 * The tamper-evident evidence log, its verifier, the AI-system inventory and the ISO/IEC 42001 evidence report.
 */
package dev.aims.evidence;
