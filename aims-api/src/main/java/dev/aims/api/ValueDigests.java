package dev.aims.api;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The distinct values the redactor found in one call, as keyed digests by entity type: what lets an evidence report
 * say "six occurrences of one e-mail address" rather than "six values". Each digest is a keyed hash of one value
 * (in {@code aims-redact}: HMAC-SHA-256 under a key derived from the redactor's hash key, the first 16 bytes in
 * lower-case hex), made in the process that found the value. Never the value, and never an unkeyed hash of it:
 * a plain SHA-256 of a card number or an SSN can be reversed by trying every candidate, a keyed one only by whoever
 * holds the key, which stays with the application and never enters the log.
 *
 * <p>Digests made under different keys do not compare: the same value digested by two processes whose redactors
 * have different keys gives two digests. {@link #keyId()} names the key (a keyed hash of a constant, from which the
 * key cannot be recovered), so that whoever counts can tell when the digests they add up came from more than one.
 *
 * <p>Immutable; {@link #toString()} prints the number of distinct values per type, never a digest.
 */
public final class ValueDigests {
    /** The length of every digest: 16 bytes in lower-case hex, enough to count values apart, too few to name one. */
    public static final int DIGEST_HEX_LENGTH = 32;

    /** No value found, or a redactor that does not digest what it finds. */
    public static final ValueDigests NONE = new ValueDigests(null, Collections.unmodifiableMap(new TreeMap<>()));

    private final String keyId;
    private final Map<String, Set<String>> byType;

    private ValueDigests(String keyId, Map<String, Set<String>> byType) {
        this.keyId = keyId;
        this.byType = byType;
    }

    /**
     * @param keyId  names the key the digests were made under: lower-case hex, 8 to 64 digits
     * @param byType per entity type, the digests of the distinct values of that type, each
     *               {@link #DIGEST_HEX_LENGTH} lower-case hex digits; a type with no digest is left out
     * @return the digests, sorted by type and digest; {@link #NONE} when {@code byType} holds none
     * @throws IllegalArgumentException naming the field when the key id, a type or a digest is malformed; the
     *                                  message never repeats a malformed digest or key id, which might be a value
     *                                  passed by mistake
     */
    public static ValueDigests of(String keyId, Map<String, ? extends Collection<String>> byType) {
        Require.nonNull(byType, "valueDigests.byType");
        TreeMap<String, Set<String>> copy = new TreeMap<>();
        for (Map.Entry<String, ? extends Collection<String>> e : byType.entrySet()) {
            String type = Require.nonBlank(e.getKey(), "valueDigests.byType key");
            Collection<String> digests = Require.nonNull(e.getValue(), "valueDigests.byType[" + type + "]");
            if (digests.isEmpty()) {
                continue;
            }
            TreeSet<String> sorted = new TreeSet<>();
            int i = 0;
            for (String d : digests) {
                if (!isHex(d, DIGEST_HEX_LENGTH, DIGEST_HEX_LENGTH)) {
                    throw new IllegalArgumentException("valueDigests.byType[" + type + "][" + i + "] must be "
                            + DIGEST_HEX_LENGTH + " lower-case hex digits");
                }
                sorted.add(d);
                i++;
            }
            copy.put(type, Collections.unmodifiableSet(sorted));
        }
        if (copy.isEmpty()) {
            return NONE;
        }
        if (!isHex(keyId, 8, 64)) {
            throw new IllegalArgumentException("valueDigests.keyId must be 8 to 64 lower-case hex digits"
                    + (keyId == null ? ", but was null" : ""));
        }
        return new ValueDigests(keyId, Collections.unmodifiableMap(copy));
    }

    private static boolean isHex(String s, int min, int max) {
        if (s == null || s.length() < min || s.length() > max) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** @return the id of the key the digests were made under; empty for {@link #NONE} */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** @return per entity type, sorted, the sorted digests of its distinct values; unmodifiable */
    public Map<String, Set<String>> byType() {
        return byType;
    }

    /** @return whether no digest is held */
    public boolean isEmpty() {
        return byType.isEmpty();
    }

    /**
     * @param type an entity type
     * @return the number of distinct values of that type, 0 when none was found
     */
    public int distinct(String type) {
        Set<String> d = byType.get(type);
        return d == null ? 0 : d.size();
    }

    /**
     * @return the number of distinct values whatever their type: a value found under two types counts once here,
     *         and once under each type in {@link #distinct(String)}
     */
    public int distinctTotal() {
        if (byType.size() == 1) {
            return byType.values().iterator().next().size();
        }
        Set<String> all = new HashSet<>();
        byType.values().forEach(all::addAll);
        return all.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueDigests && Objects.equals(keyId, ((ValueDigests) o).keyId)
                && byType.equals(((ValueDigests) o).byType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, byType);
    }

    /** @return the number of distinct values per type, e.g. {@code {EMAIL_ADDRESS=1}}; never a digest */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Set<String>> e : byType.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue().size());
        }
        return sb.append('}').toString();
    }
}
