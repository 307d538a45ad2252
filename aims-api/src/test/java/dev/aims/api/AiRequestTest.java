package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AiRequestTest {
    static final String SECRET = "sk-proj-SEEDEDsecretvalue000111";

    @Test
    void model_null() {
        assertThatThrownBy(() -> AiRequest.builder().message(Message.user("x")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model must not be null");
    }

    @Test
    void model_blank() {
        assertThatThrownBy(() -> AiRequest.of(" ", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model must not be blank, but was ' '");
    }

    @Test
    void messages_empty() {
        assertThatThrownBy(() -> AiRequest.builder().model("m").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("messages must not be empty");
    }

    @Test
    void messages_nullElement() {
        assertThatThrownBy(() -> AiRequest.builder().model("m").messages(java.util.Arrays.asList(
                Message.user("a"), null)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messages[1] must not be null");
    }

    @Test
    void temperature_negative() {
        assertThatThrownBy(() -> AiRequest.builder().model("m").message(Message.user("x")).temperature(-0.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("temperature must be >= 0, but was -0.5");
    }

    @Test
    void maxTokens_zero() {
        assertThatThrownBy(() -> AiRequest.builder().model("m").message(Message.user("x")).maxTokens(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTokens must be > 0, but was 0");
    }

    @Test
    void topP_outOfRange() {
        assertThatThrownBy(() -> AiRequest.builder().model("m").message(Message.user("x")).topP(1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("topP must be in (0, 1], but was 1.5");
    }

    @Test
    void toStringNeverPrintsText() {
        AiRequest r = AiRequest.builder().model("m").message(Message.user("my key is " + SECRET))
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of("1", "f", SECRET)).build())
                .message(Message.tool(ToolResult.of("1", "f", SECRET))).build();

        assertThat(r.toString()).doesNotContain(SECRET).contains("model=m", "messages=3");
        for (Message m : r.messages()) {
            assertThat(m.toString()).doesNotContain(SECRET);
        }
        assertThat(AiResponse.of(SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void mapTextReachesTextsToolArgumentsAndResultsAndKeepsIdentityWhenUnchanged() {
        AiRequest r = AiRequest.builder().model("m").message(Message.user("a"))
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of("1", "f", "a")).build())
                .message(Message.tool(ToolResult.of("1", "f", "a"))).build();

        assertThat(r.mapText(s -> s)).isSameAs(r);
        AiRequest upper = r.mapText(String::toUpperCase);
        assertThat(upper.messages().get(0).text()).isEqualTo("A");
        assertThat(upper.messages().get(1).toolCalls().get(0).arguments()).isEqualTo("A");
        assertThat(upper.messages().get(2).toolResult().orElseThrow().text()).isEqualTo("A");
        assertThat(upper.model()).isEqualTo("m");
    }

    @Test
    void toBuilderRoundTrips() {
        AiRequest r = AiRequest.builder().model("m").message(Message.system("s")).message(Message.user("u"))
                .provider("openai").temperature(0.2).maxTokens(10).topP(0.9).stream(true)
                .stopSequences(List.of("END")).tools(List.of(new ToolDefinition("f", "d", "{}")))
                .server("h", 443).build();

        assertThat(r.toBuilder().build()).isEqualTo(r);
    }
}
