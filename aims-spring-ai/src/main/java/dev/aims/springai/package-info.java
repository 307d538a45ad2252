/**
 * Governance for Spring AI: {@link dev.aims.springai.AimsSpringAi#govern} wraps a {@code ChatModel}, and the
 * Spring Boot auto-configuration ({@link dev.aims.springai.AimsAutoConfiguration}, {@code aims.enabled=true})
 * wraps every {@code ChatModel} bean. Spring types appear in this package only.
 */
package dev.aims.springai;
