package dev.aims.anthropic;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawContentBlockDelta;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.aims.api.StreamingHandler;

/**
 * Reads the provider's stream for the governed side: each text delta is handed on as a chunk (the pipeline holds it
 * back, checks it and restores it before the application sees it); everything else — thinking, tool input, server
 * tools' results — is only accumulated, and reaches the application once the whole answer has passed the POST
 * policies. What the application's stream needs of the provider's own events (the {@code message_start} message,
 * the last {@code message_delta}, where the first text block was) is noted on the exchange. Events arrive one at a
 * time, in order; {@link #end} acts once.
 */
final class ProviderStream {
    private final Exchange exchange;
    private final StreamingHandler governedSide;
    private final MessageAccumulator accumulator = MessageAccumulator.create();
    private boolean ended;

    ProviderStream(Exchange exchange, StreamingHandler governedSide) {
        this.exchange = exchange;
        this.governedSide = governedSide;
    }

    synchronized void onEvent(RawMessageStreamEvent event) {
        if (ended) {
            return;
        }
        accumulator.accumulate(event);
        if (event.isContentBlockDelta()) {
            RawContentBlockDelta delta = event.asContentBlockDelta().delta();
            if (delta.isText()) {
                governedSide.onPartial(delta.asText().text());
            }
        } else if (event.isContentBlockStart()) {
            if (exchange.firstTextIndex < 0 && event.asContentBlockStart().contentBlock().isText()) {
                exchange.firstTextIndex = Math.toIntExact(event.asContentBlockStart().index());
            }
        } else if (event.isMessageStart()) {
            exchange.streamStart = exchange.route.mapper.valueToTree(event.asMessageStart().message());
        } else if (event.isMessageDelta()) {
            exchange.streamDelta = exchange.route.mapper.valueToTree(event.asMessageDelta());
        }
    }

    /** @param error why the provider's stream ended early, or null when it ended well */
    void end(Throwable error) {
        WireResponse answer = null;
        Throwable failure = error;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            if (failure == null) {
                try {
                    answer = WireResponse.read(accumulator.message(), exchange.route.mapper);
                    exchange.received = answer;
                } catch (RuntimeException e) {
                    // A stream cut short (no message_stop) or malformed: the provider's failure.
                    failure = e;
                }
            }
        }
        if (failure != null) {
            governedSide.onError(failure);
        } else {
            governedSide.onComplete(answer.translated());
        }
    }
}
