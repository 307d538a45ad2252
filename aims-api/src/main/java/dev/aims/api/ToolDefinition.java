package dev.aims.api;

import java.util.Objects;

/**
 * A tool the model may call: its name, a description and the JSON schema of its parameters.
 *
 * @param name             the tool's name, not blank
 * @param description      what the tool does, possibly empty
 * @param parametersSchema the JSON schema of the arguments, possibly empty
 */
public record ToolDefinition(String name, String description, String parametersSchema) {
    /**
     * @throws IllegalArgumentException if the name is blank or a value is null
     */
    public ToolDefinition {
        Require.nonBlank(name, "toolDefinition.name");
        Require.nonNull(description, "toolDefinition.description");
        Require.nonNull(parametersSchema, "toolDefinition.parametersSchema");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolDefinition && ((ToolDefinition) o).name.equals(name)
                && ((ToolDefinition) o).description.equals(description)
                && ((ToolDefinition) o).parametersSchema.equals(parametersSchema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, parametersSchema);
    }
}
