package dev.aims.core;

import dev.aims.api.AiResponse;
import dev.aims.api.StreamingHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Collects what a caller of {@code GovernedClient.stream} receives. */
class CollectingHandler implements StreamingHandler {
    final List<String> partials = new CopyOnWriteArrayList<>();
    final AtomicReference<AiResponse> completed = new AtomicReference<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();

    @Override
    public void onPartial(String text) {
        partials.add(text);
    }

    @Override
    public void onComplete(AiResponse response) {
        completed.set(response);
    }

    @Override
    public void onError(Throwable e) {
        error.set(e);
    }

    /** @return every partial joined */
    String text() {
        return String.join("", partials);
    }
}
