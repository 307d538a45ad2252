package dev.aims.api;

/**
 * Tokens a call consumed, as the provider reported them.
 *
 * @param inputTokens  prompt tokens, {@code >= 0}
 * @param outputTokens completion tokens, {@code >= 0}
 */
public record Usage(long inputTokens, long outputTokens) {
    /** No tokens: the usage of a call that never reached the provider. */
    public static final Usage ZERO = new Usage(0, 0);

    /**
     * @throws IllegalArgumentException if a count is negative
     */
    public Usage {
        if (inputTokens < 0) {
            throw new IllegalArgumentException("usage.inputTokens must be >= 0, but was " + inputTokens);
        }
        if (outputTokens < 0) {
            throw new IllegalArgumentException("usage.outputTokens must be >= 0, but was " + outputTokens);
        }
    }

    /**
     * @param inputTokens  prompt tokens
     * @param outputTokens completion tokens
     * @return the usage
     * @throws IllegalArgumentException if a count is negative
     */
    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens);
    }

    /** @return input plus output tokens */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
