package dev.aims.api;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A request by the model to run a tool: an id to answer it by, the tool's name and its arguments (usually JSON).
 * The arguments can hold personal data; {@link #toString()} never prints them.
 */
public final class ToolCall {
    private final String id;
    private final String name;
    private final String arguments;

    private ToolCall(String id, String name, String arguments) {
        this.id = Require.nonNull(id, "toolCall.id");
        this.name = Require.nonBlank(name, "toolCall.name");
        this.arguments = Require.nonNull(arguments, "toolCall.arguments");
    }

    /**
     * Creates a tool call.
     *
     * @param id        the id the tool result will answer to (may be empty, never null)
     * @param name      the tool's name
     * @param arguments the arguments, as the model wrote them
     * @return the tool call
     * @throws IllegalArgumentException if a value is null or the name is blank
     */
    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(id, name, arguments);
    }

    /** @return the id that a tool result answers to */
    public String id() {
        return id;
    }

    /** @return the tool's name */
    public String name() {
        return name;
    }

    /** @return the arguments, as the model wrote them */
    public String arguments() {
        return arguments;
    }

    /**
     * @param mapper applied to the arguments
     * @return this call with mapped arguments, or {@code this} when the mapper returned the same instance
     */
    public ToolCall mapText(UnaryOperator<String> mapper) {
        String mapped = mapper.apply(arguments);
        return mapped == arguments ? this : new ToolCall(id, name, mapped);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolCall && ((ToolCall) o).id.equals(id) && ((ToolCall) o).name.equals(name)
                && ((ToolCall) o).arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, arguments);
    }

    @Override
    public String toString() {
        return "ToolCall{id=" + id + ", name=" + name + ", arguments=<" + arguments.length() + " chars>}";
    }
}
