package dev.aims.api;

/**
 * Tokens a call consumed, as the provider reported them.
 *
 * <p>The detail counts follow the OpenTelemetry GenAI conventions: cached input tokens are part of
 * {@code inputTokens} (an adapter for a provider that reports them apart, as Anthropic does, adds them in), and
 * reasoning tokens are part of {@code outputTokens}. A detail count is 0 when the provider reported none or did not
 * say; telemetry emits only the counts above 0.
 *
 * @param inputTokens              prompt tokens, cached ones included, {@code >= 0}
 * @param outputTokens             completion tokens, reasoning ones included, {@code >= 0}
 * @param cacheReadInputTokens     input tokens served from the provider's prompt cache, {@code >= 0}
 * @param cacheCreationInputTokens input tokens written to the provider's prompt cache, {@code >= 0}
 * @param reasoningOutputTokens    output tokens the model spent on reasoning, {@code >= 0}
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheCreationInputTokens,
        long reasoningOutputTokens) {
    /** No tokens: the usage of a call that never reached the provider. */
    public static final Usage ZERO = new Usage(0, 0);

    /**
     * @throws IllegalArgumentException naming the field if a count is negative
     */
    public Usage {
        nonNegative(inputTokens, "usage.inputTokens");
        nonNegative(outputTokens, "usage.outputTokens");
        nonNegative(cacheReadInputTokens, "usage.cacheReadInputTokens");
        nonNegative(cacheCreationInputTokens, "usage.cacheCreationInputTokens");
        nonNegative(reasoningOutputTokens, "usage.reasoningOutputTokens");
    }

    /**
     * Usage without detail counts, as most providers report it.
     *
     * @param inputTokens  prompt tokens, {@code >= 0}
     * @param outputTokens completion tokens, {@code >= 0}
     * @throws IllegalArgumentException naming the field if a count is negative
     */
    public Usage(long inputTokens, long outputTokens) {
        this(inputTokens, outputTokens, 0, 0, 0);
    }

    /**
     * @param inputTokens  prompt tokens
     * @param outputTokens completion tokens
     * @return the usage, without detail counts
     * @throws IllegalArgumentException naming the field if a count is negative
     */
    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens);
    }

    /**
     * @param cacheRead     input tokens served from the prompt cache
     * @param cacheCreation input tokens written to the prompt cache
     * @return a copy with these cache counts
     * @throws IllegalArgumentException naming the field if a count is negative
     */
    public Usage withCache(long cacheRead, long cacheCreation) {
        return new Usage(inputTokens, outputTokens, cacheRead, cacheCreation, reasoningOutputTokens);
    }

    /**
     * @param reasoning output tokens spent on reasoning
     * @return a copy with this reasoning count
     * @throws IllegalArgumentException naming the field if the count is negative
     */
    public Usage withReasoning(long reasoning) {
        return new Usage(inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens, reasoning);
    }

    /** @return input plus output tokens */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    private static void nonNegative(long count, String field) {
        if (count < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, but was " + count);
        }
    }
}
