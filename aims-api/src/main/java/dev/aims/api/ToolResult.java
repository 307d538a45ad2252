package dev.aims.api;

import java.util.Objects;
import java.util.function.UnaryOperator;

/** What a tool returned, sent back to the model. {@link #toString()} never prints the text. */
public final class ToolResult {
    private final String toolCallId;
    private final String toolName;
    private final String text;

    private ToolResult(String toolCallId, String toolName, String text) {
        this.toolCallId = Require.nonNull(toolCallId, "toolResult.toolCallId");
        this.toolName = Require.nonNull(toolName, "toolResult.toolName");
        this.text = Require.nonNull(text, "toolResult.text");
    }

    /**
     * @param toolCallId the id of the {@link ToolCall} this answers
     * @param toolName   the tool's name (may be empty)
     * @param text       what the tool returned
     * @return the result
     * @throws IllegalArgumentException if a value is null
     */
    public static ToolResult of(String toolCallId, String toolName, String text) {
        return new ToolResult(toolCallId, toolName, text);
    }

    /** @return the id of the call this answers */
    public String toolCallId() {
        return toolCallId;
    }

    /** @return the tool's name, possibly empty */
    public String toolName() {
        return toolName;
    }

    /** @return what the tool returned */
    public String text() {
        return text;
    }

    /**
     * @param mapper applied to the tool's name (when there is one) and to the text
     * @return this result with mapped text, or {@code this} when nothing changed
     */
    public ToolResult mapText(UnaryOperator<String> mapper) {
        String mappedName = toolName.isEmpty() ? toolName : ToolCall.mapName(toolName, mapper);
        String mapped = mapper.apply(text);
        return mapped == text && mappedName == toolName ? this : new ToolResult(toolCallId, mappedName, mapped);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolResult && ((ToolResult) o).toolCallId.equals(toolCallId)
                && ((ToolResult) o).toolName.equals(toolName) && ((ToolResult) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(toolCallId, toolName, text);
    }

    @Override
    public String toString() {
        return "ToolResult{toolCallId=" + toolCallId + ", toolName=<" + toolName.length() + " chars>, text=<"
                + text.length() + " chars>}";
    }
}
