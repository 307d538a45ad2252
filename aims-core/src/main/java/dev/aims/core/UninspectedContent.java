package dev.aims.core;

/**
 * What a client does with the parts of a request AIMS cannot inspect for personal data and secrets: inline images
 * and audio, files sent as bytes, provider options an adapter cannot express. Set with
 * {@link GovernedClient.Builder#uninspectedContent(UninspectedContent)}.
 */
public enum UninspectedContent {
    /**
     * Refuse the call ({@code aims.uninspected-content}, reason {@code uninspected_content}): the default, since
     * what was not inspected may hold exactly what redaction exists to stop.
     */
    DENY,
    /**
     * Send it, and record on each such call an ALLOW decision of {@code aims.uninspected-content} with reason
     * {@code uninspected_content_allowed} and the number of parts, so that an auditor sees what left unread.
     */
    ALLOW
}
