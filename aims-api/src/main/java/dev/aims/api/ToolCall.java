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
     * Maps the text a provider reads in this call: the tool's name and the arguments (as a JSON document when they
     * are one, so that the result stays valid JSON). The id is AIMS's or the provider's own and is kept.
     *
     * @param mapper applied to the name and the arguments
     * @return this call with mapped text, or {@code this} when the mapper changed nothing
     */
    public ToolCall mapText(UnaryOperator<String> mapper) {
        String mappedName = mapName(name, mapper);
        String mappedArguments = JsonText.map(arguments, mapper);
        return mappedName == name && mappedArguments == arguments ? this
                : new ToolCall(id, mappedName, mappedArguments);
    }

    /**
     * Maps an identifier a provider reads (a tool's or a message's name). A mapper that removes it whole (the DROP
     * operator) leaves {@link #REDACTED_NAME}, since a name may not be blank.
     */
    static String mapName(String name, UnaryOperator<String> mapper) {
        String mapped = mapper.apply(name);
        if (mapped == name || mapped.equals(name)) {
            return name;
        }
        return mapped.isBlank() ? REDACTED_NAME : mapped;
    }

    /** What a name becomes when the redactor removed all of it. */
    static final String REDACTED_NAME = "redacted";

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
        return "ToolCall{id=" + id + ", name=<" + name.length() + " chars>, arguments=<" + arguments.length()
                + " chars>}";
    }
}
