package dev.aims.api;

import java.util.List;
import java.util.Map;

/**
 * The redaction state of one call: placeholder numbering (the same value gets the same placeholder across all the
 * texts of the call), the pseudonym vault, and the findings so far. Not thread-safe: one call, one session.
 */
public interface RedactionSession {
    /**
     * Scans the text and applies the operators.
     *
     * @param text the text
     * @return the redacted text; the same instance when nothing was found or every finding was kept
     */
    String redact(String text);

    /**
     * @return every finding of this session so far, in order; offsets are into the text each was found in
     */
    List<Finding> findings();

    /** @return the number of findings per entity type so far, sorted by type */
    Map<String, Integer> counts();

    /**
     * The keyed digests of the distinct values found so far, by type, so that the evidence can count values apart
     * from occurrences. Never the values, nor an unkeyed hash of them.
     *
     * @return the digests; {@link ValueDigests#NONE} for a redactor that does not digest what it finds (the
     *         default), and the evidence report then says the distinct count does not cover its calls
     */
    default ValueDigests valueDigests() {
        return ValueDigests.NONE;
    }

    /**
     * Replaces the pseudonyms this session issued with the values they stand for.
     *
     * @param text text that may contain pseudonyms, typically the model's answer
     * @return the restored text; the same instance when there was nothing to restore
     */
    String restore(String text);

    /**
     * @param text text that may contain placeholders
     * @return whether the text holds a placeholder shape ({@code <TYPE_n>}) that this session did not issue
     */
    default boolean hasForeignPlaceholder(String text) {
        return false;
    }
}
