/**
 * Governance for LangChain4j: {@link dev.aims.langchain4j.AimsLangChain4j#govern} wraps a {@code ChatModel} or
 * {@code StreamingChatModel} so that every round-trip to the provider is a governed AIMS call. LangChain4j types
 * appear in this package only; everything but the entry point is package-private.
 */
package dev.aims.langchain4j;
