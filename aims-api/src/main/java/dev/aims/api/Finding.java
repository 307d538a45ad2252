package dev.aims.api;

/**
 * An entity the redactor found: its type ({@code EMAIL_ADDRESS}, {@code CREDIT_CARD} …) and where it is, as
 * {@code String} indices {@code [start, end)} into the text that was scanned, with a confidence score. The value
 * itself is deliberately not part of a finding.
 *
 * @param type  the entity type, Presidio or gitleaks-style name
 * @param start the first index, inclusive
 * @param end   the last index, exclusive
 * @param score confidence in [0, 1]
 */
public record Finding(String type, int start, int end, double score) {
    /**
     * @throws IllegalArgumentException if the type is blank, the range empty or negative, or the score outside [0, 1]
     */
    public Finding {
        Require.nonBlank(type, "finding.type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("finding range must satisfy 0 <= start < end, but was [" + start + ", "
                    + end + ")");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("finding.score must be in [0, 1], but was " + score);
        }
    }

    /** @return {@code end - start} */
    public int length() {
        return end - start;
    }
}
