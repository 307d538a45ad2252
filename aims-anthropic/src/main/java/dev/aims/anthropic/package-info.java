/**
 * Governs the official Anthropic Java SDK: {@link dev.aims.anthropic.AimsAnthropic} wraps an
 * {@code AnthropicClient} or {@code AnthropicClientAsync} so that every Messages API call — blocking, async,
 * streamed, with tools and system prompts — is a governed call of {@code aims-core}. Everything else in this package
 * is an implementation detail: the governed clients and services, the translation between the API's wire form and
 * AIMS's request and response (every text-bearing field a channel, what cannot be read counted as uninspected), and
 * the stream of events made from what governance releases.
 */
package dev.aims.anthropic;
