package dev.aims.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.ToolCall;
import org.junit.jupiter.api.Test;

/** What an answer becomes in AIMS's form, and which SDK message governance hands back. */
class WireResponseTest {
    static final ObjectMapper MAPPER = ObjectMappers.jsonMapper();

    static Message message(String content, String stopReason) throws Exception {
        return MAPPER.readValue("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                + "\"content\":" + content + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":4,\"cache_read_input_tokens\":20,"
                + "\"cache_creation_input_tokens\":30}}", Message.class);
    }

    @Test
    void textsThinkingAndToolCallsAreReadUsageWithTheCachedTokens() throws Exception {
        WireResponse w = WireResponse.read(message("[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"},"
                + "{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"tool_use\",\"id\":\"u1\",\"name\":\"f\","
                + "\"input\":{\"x\":1}}]", "tool_use"), MAPPER);

        AiResponse r = w.translated();
        assertThat(r.messages()).singleElement().satisfies(m -> {
            assertThat(m.texts()).containsExactly("t", "a");
            assertThat(m.toolCalls()).extracting(ToolCall::name, ToolCall::arguments)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("f", "{\"x\":1}"));
        });
        assertThat(r.usage().inputTokens()).isEqualTo(60);
        assertThat(r.usage().cacheReadInputTokens()).isEqualTo(20);
        assertThat(r.usage().cacheCreationInputTokens()).isEqualTo(30);
        assertThat(r.usage().outputTokens()).isEqualTo(4);
        assertThat(r.finishReasons()).containsExactly(FinishReason.TOOL_CALLS);
        assertThat(r.responseId()).hasValue("msg_1");
    }

    @Test
    void anUnchangedAnswerIsTheProvidersOwnInstance() throws Exception {
        Message m = message("[{\"type\":\"text\",\"text\":\"a\"}]", "end_turn");
        WireResponse w = WireResponse.read(m, MAPPER);

        assertThat(w.answer(w.translated(), MAPPER)).isSameAs(m);
    }

    @Test
    void governedTextsGoBackInPlaceButThinkingStaysAsWritten() throws Exception {
        WireResponse w = WireResponse.read(message("[{\"type\":\"thinking\",\"thinking\":\"t <X>\","
                + "\"signature\":\"s\"},{\"type\":\"text\",\"text\":\"a <X>\"},{\"type\":\"tool_use\",\"id\":\"u1\","
                + "\"name\":\"f\",\"input\":{\"x\":\"<X>\"}}]", "tool_use"), MAPPER);

        Message out = w.answer(w.translated().mapText(s -> s.replace("<X>", "value")), MAPPER);

        assertThat(out.content().get(0).asThinking().thinking()).isEqualTo("t <X>");
        assertThat(out.content().get(1).asText().text()).isEqualTo("a value");
        assertThat(out.content().get(2).asToolUse()._input().toString()).contains("value");
        assertThat(out.usage().cacheReadInputTokens()).hasValue(20L);
    }

    @Test
    void aReshapedAnswerIsRebuiltFromTheGovernedForm() throws Exception {
        WireResponse w = WireResponse.read(message("[{\"type\":\"text\",\"text\":\"a\"}]", "end_turn"), MAPPER);

        Message out = w.answer(AiResponse.builder().message(dev.aims.api.Message.assistant("x"))
                .message(dev.aims.api.Message.assistant("y")).finishReason(FinishReason.LENGTH).build(), MAPPER);

        assertThat(out.content()).extracting(b -> b.asText().text()).containsExactly("x", "y");
        assertThat(out.stopReason().orElseThrow().asString()).isEqualTo("max_tokens");
        assertThat(out.id()).isEqualTo("msg_1");
    }

    @Test
    void stopReasonsMapToFinishReasons() {
        assertThat(WireResponse.finishReason("end_turn")).isEqualTo(FinishReason.STOP);
        assertThat(WireResponse.finishReason("stop_sequence")).isEqualTo(FinishReason.STOP);
        assertThat(WireResponse.finishReason("max_tokens")).isEqualTo(FinishReason.LENGTH);
        assertThat(WireResponse.finishReason("model_context_window_exceeded")).isEqualTo(FinishReason.LENGTH);
        assertThat(WireResponse.finishReason("tool_use")).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(WireResponse.finishReason("refusal")).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(WireResponse.finishReason("pause_turn")).isEqualTo(FinishReason.OTHER);
        assertThat(WireResponse.finishReason(null)).isEqualTo(FinishReason.OTHER);
    }
}
