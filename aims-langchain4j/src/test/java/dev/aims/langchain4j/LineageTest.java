package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallInterceptor;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;
import org.junit.jupiter.api.Test;

class LineageTest {
    final Lineage lineage = new Lineage();

    /** Runs the recorder as the pipeline would, for a call with the given id, context and response. */
    void record(String callId, CallContext context, AiResponse response) {
        CallInterceptor recorder = lineage.recorder();
        recorder.intercept(new CallInterceptor.Chain() {
            @Override
            public AiRequest request() {
                return AiRequest.of("m", "x");
            }

            @Override
            public CallContext context() {
                return context;
            }

            @Override
            public String callId() {
                return callId;
            }

            @Override
            public AiResponse proceed(AiRequest request) {
                return response;
            }

            @Override
            public void recordTrace(String traceId, String spanId) {
            }
        });
    }

    static AiResponse askingFor(String toolCallId) {
        return AiResponse.builder().message(Message.builder(Role.ASSISTANT)
                .toolCall(ToolCall.of(toolCallId, "lookup", "{}")).build())
                .finishReason(FinishReason.TOOL_CALLS).build();
    }

    static AiRequest answering(String toolCallId) {
        return AiRequest.builder().model("m").message(Message.user("find my order"))
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of(toolCallId, "lookup", "{}")).build())
                .message(Message.tool(ToolResult.of(toolCallId, "lookup", "order 42"))).build();
    }

    @Test
    void aCallThatContinuesNothingStartsASessionWhenNoneIsBound() {
        CallContext c1 = lineage.contextFor(AiRequest.of("m", "hi"), CallContext.EMPTY);
        CallContext c2 = lineage.contextFor(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(c1.sessionId()).hasValueSatisfying(s -> assertThat(s).startsWith("lc4j-"));
        assertThat(c1.sessionId()).isNotEqualTo(c2.sessionId());
        assertThat(c1.parentCallId()).isEmpty();
    }

    @Test
    void aBoundSessionIsKept() {
        CallContext bound = CallContext.builder().principal("u").sessionId("chat-9").build();

        assertThat(lineage.contextFor(AiRequest.of("m", "hi"), bound)).isSameAs(bound);
    }

    @Test
    void aToolResultLinksToTheCallThatAskedForTheTool() {
        CallContext first = lineage.contextFor(AiRequest.of("m", "find my order"), CallContext.EMPTY);
        record("call-A", first, askingFor("tc-1"));

        CallContext next = lineage.contextFor(answering("tc-1"), CallContext.EMPTY);

        assertThat(next.parentCallId()).contains("call-A");
        assertThat(next.sessionId()).isEqualTo(first.sessionId());
    }

    @Test
    void theMostRecentRoundTripIsTheParent() {
        CallContext first = lineage.contextFor(AiRequest.of("m", "q"), CallContext.EMPTY);
        record("call-A", first, askingFor("tc-1"));
        record("call-B", first, askingFor("tc-2"));
        AiRequest twoRounds = answering("tc-1").toBuilder()
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of("tc-2", "lookup", "{}")).build())
                .message(Message.tool(ToolResult.of("tc-2", "lookup", "order 43"))).build();

        assertThat(lineage.contextFor(twoRounds, CallContext.EMPTY).parentCallId()).contains("call-B");
    }

    @Test
    void aBoundSessionWinsOverTheRememberedOneButTheParentIsStillLinked() {
        record("call-A", CallContext.builder().sessionId("old").build(), askingFor("tc-1"));
        CallContext bound = CallContext.builder().sessionId("new").principal("u").build();

        CallContext next = lineage.contextFor(answering("tc-1"), bound);

        assertThat(next.sessionId()).contains("new");
        assertThat(next.parentCallId()).contains("call-A");
        assertThat(next.principal()).contains("u");
    }

    @Test
    void toolCallsWithoutIdsAreNotLinked() {
        record("call-A", CallContext.EMPTY, askingFor(""));

        assertThat(lineage.size()).isZero();
        assertThat(lineage.contextFor(answering(""), CallContext.EMPTY).parentCallId()).isEmpty();
    }

    @Test
    void rememberedToolCallsAreBounded() {
        for (int i = 0; i < Lineage.MAX_LINKS + 50; i++) {
            record("call-" + i, CallContext.EMPTY, askingFor("tc-" + i));
        }

        assertThat(lineage.size()).isEqualTo(Lineage.MAX_LINKS);
        assertThat(lineage.contextFor(answering("tc-0"), CallContext.EMPTY).parentCallId()).isEmpty();
        assertThat(lineage.contextFor(answering("tc-" + (Lineage.MAX_LINKS + 49)), CallContext.EMPTY)
                .parentCallId()).contains("call-" + (Lineage.MAX_LINKS + 49));
    }
}
