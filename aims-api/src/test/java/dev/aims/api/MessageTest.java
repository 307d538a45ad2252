package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageTest {
    @Test
    void toolResult_onUserMessage() {
        assertThatThrownBy(() -> Message.builder(Role.USER).toolResult(ToolResult.of("1", "f", "x")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message.toolResult is only allowed on a TOOL message, but role was USER");
    }

    @Test
    void toolMessage_withoutResult() {
        assertThatThrownBy(() -> Message.builder(Role.TOOL).text("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("message.toolResult must be set on a TOOL message");
    }

    @Test
    void toolCalls_onUserMessage() {
        assertThatThrownBy(() -> Message.builder(Role.USER).toolCall(ToolCall.of("1", "f", "{}")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message.toolCalls are only allowed on an ASSISTANT message, but role was USER");
    }

    @Test
    void text_null() {
        assertThatThrownBy(() -> Message.user(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message.texts[0] must not be null");
    }

    @Test
    void uninspectedParts_negative() {
        assertThatThrownBy(() -> Message.builder(Role.USER).uninspectedParts(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message.uninspectedParts must be >= 0, but was -1");
    }
}
