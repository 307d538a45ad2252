package dev.aims.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * A provider model that answers {@code You said: <last user text>}; streamed, between two paragraphs of prose, in
 * 5-character chunks, then a closing chunk with finish reason and usage.
 */
final class EchoChatModel implements ChatModel {
    static final String PROSE = "We have looked into your request and here is a summary of what we found. ".repeat(3);

    final List<Prompt> received = new CopyOnWriteArrayList<>();
    /** The thread each prompt was received on. */
    final List<String> threads = new CopyOnWriteArrayList<>();
    final ChatOptions options = ChatOptions.builder().model("gpt-4o-mini").temperature(0.3).build();
    final AtomicBoolean cancelled = new AtomicBoolean();
    RuntimeException failure;

    static String lastUserText(Prompt prompt) {
        String last = "";
        for (Message m : prompt.getInstructions()) {
            if (m instanceof UserMessage) {
                last = m.getText();
            }
        }
        return last;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        received.add(prompt);
        threads.add(Thread.currentThread().getName());
        if (failure != null) {
            throw failure;
        }
        return new ChatResponse(List.of(new Generation(new AssistantMessage("You said: " + lastUserText(prompt)),
                ChatGenerationMetadata.builder().finishReason("STOP").build())),
                ChatResponseMetadata.builder().id("r-1").model("gpt-4o-mini-2024").usage(new DefaultUsage(10, 4))
                        .build());
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        received.add(prompt);
        threads.add(Thread.currentThread().getName());
        String text = PROSE + "You said: " + lastUserText(prompt) + " " + PROSE;
        List<ChatResponse> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 5) {
            chunks.add(new ChatResponse(List.of(new Generation(new AssistantMessage(text.substring(i,
                    Math.min(text.length(), i + 5)))))));
        }
        chunks.add(new ChatResponse(List.of(new Generation(new AssistantMessage(""),
                ChatGenerationMetadata.builder().finishReason("STOP").build())),
                ChatResponseMetadata.builder().id("r-2").model("gpt-4o-mini-2024").usage(new DefaultUsage(8, 30))
                        .build()));
        // Delayed like a network stream, so that the subscriber's cancellation reaches a live source.
        return Flux.fromIterable(chunks).delayElements(Duration.ofMillis(1)).doOnCancel(() -> cancelled.set(true));
    }

    /** Spring AI 2's way to ask a model for its options (an ordinary method on 1.1). */
    public ChatOptions getOptions() {
        return options;
    }

    /** Spring AI 1.1's way to ask a model for its options (deprecated on 2). */
    @Override
    @SuppressWarnings("removal")
    public ChatOptions getDefaultOptions() {
        return options;
    }
}
