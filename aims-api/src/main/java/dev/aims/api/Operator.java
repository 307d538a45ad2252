package dev.aims.api;

/** What the redactor does with an entity it found. */
public enum Operator {
    /** Replace each character with a mask character, keeping the length. */
    MASK,
    /** Replace with {@code <TYPE_n>}, the same value getting the same placeholder within one call. */
    PLACEHOLDER,
    /** Replace with the type and a truncated, keyed HMAC-SHA-256 of the value. */
    HASH,
    /** Like {@link #PLACEHOLDER}, and remember the value in memory so the response can have it restored. */
    PSEUDONYMIZE,
    /** Remove the value. */
    DROP,
    /** Leave the value in place; only record the finding. */
    KEEP
}
