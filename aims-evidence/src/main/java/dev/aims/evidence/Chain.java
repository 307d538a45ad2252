package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The hash chain: {@code hash = SHA-256(prev || canonical(entry without hash))}, hex-encoded, where {@code prev} is
 * the previous entry's hash ({@link Entries#GENESIS} for the first) and is also a member of the entry. A line on
 * disk is the canonical form of the whole entry, hash included, so a verifier can also tell a re-spaced line.
 */
final class Chain {
    private static final HexFormat HEX = HexFormat.of();

    private Chain() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** @return {@code SHA-256(prev || canonical)} in lower-case hex */
    static String hash(MessageDigest sha, String prev, String canonicalWithoutHash) {
        sha.reset();
        sha.update(prev.getBytes(StandardCharsets.US_ASCII));
        sha.update(canonicalWithoutHash.getBytes(StandardCharsets.UTF_8));
        return hex(sha.digest());
    }

    /**
     * Serialises each top-level member once and assembles the canonical forms from the parts, so that sealing an
     * entry costs one serialisation of its body.
     */
    static final class Parts {
        private final List<Map.Entry<String, String>> members = new ArrayList<>(8);

        Parts(JsonNode entry) {
            StringBuilder sb = new StringBuilder(1024);
            for (Map.Entry<String, JsonNode> f : Canonical.sorted(entry)) {
                sb.setLength(0);
                Canonical.write(f.getValue(), sb, "$." + f.getKey());
                members.add(Map.entry(f.getKey(), sb.toString()));
            }
        }

        void put(String key, String canonicalValue) {
            int i = 0;
            while (i < members.size() && members.get(i).getKey().compareTo(key) < 0) {
                i++;
            }
            if (i < members.size() && members.get(i).getKey().equals(key)) {
                members.set(i, Map.entry(key, canonicalValue));
            } else {
                members.add(i, Map.entry(key, canonicalValue));
            }
        }

        /** @return the canonical form of the entry without the named members */
        String without(String... excluded) {
            StringBuilder out = new StringBuilder(1024);
            out.append('{');
            boolean first = true;
            outer:
            for (Map.Entry<String, String> m : members) {
                for (String x : excluded) {
                    if (x.equals(m.getKey())) {
                        continue outer;
                    }
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                Canonical.string(m.getKey(), out);
                out.append(':').append(m.getValue());
            }
            return out.append('}').toString();
        }
    }

    /** A sealed entry: its hash and the line to write, without the line feed. */
    record Sealed(String hash, String line) {
    }

    /**
     * Seals a call entry whose body is already in canonical form: assembles the members in their sorted order
     * ({@code call, hash, prev, seq, ts, type}) around it, without building a tree.
     */
    static Sealed sealCall(long seq, String ts, String canonicalBody, String prev, MessageDigest sha,
            StringBuilder scratch) {
        scratch.setLength(0);
        scratch.append("{\"call\":").append(canonicalBody);
        int hashAt = scratch.length();
        scratch.append(",\"prev\":\"").append(prev).append("\",\"seq\":").append(seq).append(",\"ts\":");
        Canonical.string(ts, scratch);
        scratch.append(",\"type\":\"call\"}");
        String hash = hash(sha, prev, scratch.toString());
        scratch.insert(hashAt, ",\"hash\":\"" + hash + "\"");
        return new Sealed(hash, scratch.toString());
    }

    /**
     * Sets {@code prev}, computes the hash and returns the canonical line.
     *
     * @param entry an entry without {@code prev} and {@code hash}
     */
    static Sealed seal(ObjectNode entry, String prev, MessageDigest sha) {
        entry.put(Entries.PREV, prev);
        Parts parts = new Parts(entry);
        String hash = hash(sha, prev, parts.without());
        entry.put(Entries.HASH, hash);
        StringBuilder quoted = new StringBuilder(66);
        Canonical.string(hash, quoted);
        parts.put(Entries.HASH, quoted.toString());
        return new Sealed(hash, parts.without());
    }
}
