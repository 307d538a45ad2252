package dev.aims.api;

/**
 * One pseudonym the redactor restored into a tool call's arguments, on the way back from the provider: the entity
 * type and the tool that received the real value. Never the value. Restoring into tool arguments hands a real value
 * to code the model chose to call, so it happens only for the tools a policy names, and each time it is recorded.
 *
 * @param entityType the restored value's type, e.g. {@code EMAIL_ADDRESS}
 * @param toolName   the tool whose arguments received it
 */
public record Restoration(String entityType, String toolName) {
    /**
     * @throws IllegalArgumentException if a value is blank
     */
    public Restoration {
        Require.nonBlank(entityType, "restoration.entityType");
        Require.nonBlankQuiet(toolName, "restoration.toolName");
    }
}
