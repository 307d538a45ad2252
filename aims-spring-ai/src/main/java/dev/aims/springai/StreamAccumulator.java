package dev.aims.springai;

import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.Usage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/** Gathers a streamed answer: its text, tool calls, last finish reason, and the last metadata that says. */
final class StreamAccumulator {
    final StringBuilder text = new StringBuilder();
    final List<ToolCall> toolCalls = new ArrayList<>();
    FinishReason finishReason;
    String id;
    String model;
    Usage usage = Usage.ZERO;

    synchronized String add(ChatResponse chunk) {
        StringBuilder piece = new StringBuilder();
        for (Generation g : chunk.getResults()) {
            Message m = ResponseTranslator.toAims(g.getOutput());
            piece.append(m.text());
            toolCalls.addAll(m.toolCalls());
            String reason = g.getMetadata() == null ? null : g.getMetadata().getFinishReason();
            if (reason != null && !reason.isBlank()) {
                finishReason = ResponseTranslator.finishReason(reason);
            }
        }
        AiResponse meta = ResponseTranslator.toAims(new ChatResponse(List.of(), chunk.getMetadata()));
        id = meta.responseId().orElse(id);
        model = meta.model().orElse(model);
        if (meta.usage().totalTokens() > 0) {
            usage = meta.usage();
        }
        text.append(piece);
        return piece.toString();
    }

    synchronized AiResponse response() {
        Message.Builder m = Message.builder(Role.ASSISTANT).text(text.toString()).toolCalls(toolCalls);
        AiResponse.Builder b = AiResponse.builder().message(m.build()).usage(usage).responseId(id).model(model);
        if (finishReason != null) {
            b.finishReason(finishReason);
        }
        return b.build();
    }
}
