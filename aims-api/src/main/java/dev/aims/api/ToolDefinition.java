package dev.aims.api;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A tool the model may call: its name, a description and the JSON schema of its parameters. All three reach the
 * provider, so all three are redacted: the schema's strings and numbers one by one when needed (an {@code enum},
 * a {@code default} or {@code examples} can hold a value), keys and structure kept.
 *
 * <p>{@link #toString()} prints the name and sizes only.
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

    /**
     * @param mapper applied to the name, the description and the schema (as a JSON document)
     * @return the mapped definition, or {@code this} when the mapper changed nothing
     */
    public ToolDefinition mapText(UnaryOperator<String> mapper) {
        String n = ToolCall.mapName(name, mapper);
        String d = mapper.apply(description);
        String p = JsonText.map(parametersSchema, mapper);
        return n == name && d == description && p == parametersSchema ? this : new ToolDefinition(n, d, p);
    }

    /** @return the number of characters the provider reads in this definition */
    public long textLength() {
        return (long) name.length() + description.length() + parametersSchema.length();
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

    @Override
    public String toString() {
        return "ToolDefinition{name=<" + name.length() + " chars>, description=<" + description.length()
                + " chars>, parametersSchema=<" + parametersSchema.length() + " chars>}";
    }
}
