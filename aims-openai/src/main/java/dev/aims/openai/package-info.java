/** Governs the official OpenAI Java SDK's {@code OpenAIClient}: {@link dev.aims.openai.AimsOpenAi}. */
package dev.aims.openai;
