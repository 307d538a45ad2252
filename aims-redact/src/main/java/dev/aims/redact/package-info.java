/**
 * The in-process detector engine and redaction operators, and the default {@link dev.aims.api.Redactor}.
 */
package dev.aims.redact;
