package dev.aims.springai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/** A tool with a fixed definition and answer that keeps the inputs it was called with. */
final class StaticTool implements ToolCallback {
    final ToolDefinition definition;
    final String answer;
    final List<String> inputs = new CopyOnWriteArrayList<>();

    StaticTool(String name, String description, String schema, String answer) {
        this.definition = ToolDefinition.builder().name(name).description(description).inputSchema(schema).build();
        this.answer = answer;
    }

    @Override
    public ToolDefinition getToolDefinition() {
        return definition;
    }

    @Override
    public String call(String toolInput) {
        inputs.add(toolInput);
        return answer;
    }
}
