/**
 * The AIMS vocabulary: the provider-neutral request and response model, the call context, policies and their
 * decisions, the redactor contract, the per-call record, and the exceptions a governed call can end with.
 *
 * <p>This package depends on the JDK only. Every value type is immutable and thread-safe; builders validate on
 * {@code build()} and name the offending field. No {@code toString()} in this package prints prompt or response
 * text, so that logging a request, a message or a record can never leak what a user typed.
 */
package dev.aims.api;
