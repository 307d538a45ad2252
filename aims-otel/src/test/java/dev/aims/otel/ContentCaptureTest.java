package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Redactor;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentCaptureTest {
    private final SeededRedactor redactor = new SeededRedactor(Map.of("jane@example.com", "EMAIL_ADDRESS"));

    @Test
    void inputIsWrittenInTheConventionsMessageShape() {
        AiRequest request = AiRequest.builder().model("m")
                .message(Message.system("Be terse."))
                .message(Message.user("Hi"))
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of("t1", "lookup", "{\"q\":1}")).build())
                .message(Message.tool(ToolResult.of("t1", "lookup", "found")))
                .build();

        String json = new ContentCapture(Redactor.none(), 1000).open().input(request);

        assertThat(json).isEqualTo("["
                + "{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be terse.\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"t1\",\"name\":\"lookup\","
                + "\"arguments\":\"{\\\"q\\\":1}\"}]},"
                + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"t1\","
                + "\"response\":\"found\"}]}"
                + "]");
    }

    @Test
    void outputCarriesEachMessagesFinishReason() {
        AiResponse response = AiResponse.builder().message(Message.assistant("A")).message(Message.assistant("B"))
                .finishReason(FinishReason.STOP).finishReason(FinishReason.LENGTH).build();

        String json = new ContentCapture(Redactor.none(), 1000).open().output(response);

        assertThat(json).isEqualTo("["
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"A\"}],"
                + "\"finish_reason\":\"stop\"},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"B\"}],"
                + "\"finish_reason\":\"length\"}]");
    }

    @Test
    void everyTextIsRedactedWithOnePlaceholderNumberingPerCall() {
        ContentCapture.Writer writer = new ContentCapture(redactor, 1000).open();

        String input = writer.input(AiRequest.of("m", "mail jane@example.com"));
        String output = writer.output(AiResponse.of("sent to jane@example.com"));

        assertThat(input).contains("mail <EMAIL_ADDRESS_1>").doesNotContain("jane@example.com");
        assertThat(output).contains("sent to <EMAIL_ADDRESS_1>").doesNotContain("jane@example.com");
    }

    @Test
    void textIsRedactedBeforeItIsCut() {
        // Cut first, "jane@exa" would be left, which no detector could recognise any more.
        String json = new ContentCapture(redactor, 12).open().input(AiRequest.of("m", "to jane@example.com now"));

        assertThat(json).contains("\"content\":\"to <EMAIL_AD…\"").doesNotContain("jane");
    }

    @Test
    void theBudgetSpansAllPartsAndCutsAreMarked() {
        AiRequest request = AiRequest.builder().model("m").message(Message.user("abcdef"))
                .message(Message.user("ghijkl")).message(Message.user("mnop")).build();

        String json = new ContentCapture(Redactor.none(), 8).open().input(request);

        assertThat(json).contains("\"content\":\"abcdef\"", "\"content\":\"gh…\"", "\"content\":\"…\"");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String json = new ContentCapture(Redactor.none(), 3).open().input(AiRequest.of("m", "ab\uD83D\uDE00cd"));

        assertThat(json).contains("\"content\":\"ab…\"");
    }

    @Test
    void specialCharactersAreEscaped() {
        StringBuilder json = new StringBuilder();
        ContentCapture.string(json, "q\"b\\n\nr\rt\tb\bf\f\u0001\u2028ok\uD83D\uDE00lone\uD800x");

        assertThat(json.toString()).isEqualTo(
                "\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f\\u0001\\u2028ok\uD83D\uDE00lone\\ud800x\"");
    }
}
