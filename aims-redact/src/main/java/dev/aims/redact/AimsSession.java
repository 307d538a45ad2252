package dev.aims.redact;

import dev.aims.api.Finding;
import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import dev.aims.api.ValueDigests;
import dev.aims.redact.internal.Evasion;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The redaction state of one call: findings, placeholder numbers (the same value keeps its number across the texts
 * of the call) and the pseudonym vault. The vault lives only in this object's memory: it is never serialised,
 * logged or printed, it holds at most the configured number of values, and it is wiped when its time is up.
 * Not thread-safe.
 */
final class AimsSession implements RedactionSession {
    private final AimsRedactor redactor;
    private final Map<String, Operator> operators;
    private final List<Finding> findings = new ArrayList<>();
    /** Findings by type; sorted only when asked for ({@link #counts()}), as most sessions never are. */
    private final Map<String, Integer> counts = new HashMap<>();
    /**
     * Per type, the distinct values found, folded, until {@link #valueDigests()} digests them: a session nobody asks
     * (the CLI, a benchmark) spends no HMAC, and a value found six times is digested once. Like the vault, they never
     * leave this object.
     */
    private Map<String, Set<String>> values;
    /** Type and folded value to the placeholder issued for it. */
    private final Map<String, String> placeholders = new HashMap<>();
    /** Placeholders issued, by type: the next number is the count plus one. */
    private final Map<String, Integer> numbers = new HashMap<>();
    /** Every placeholder or hash this session wrote. */
    private final Set<String> issued = new HashSet<>();
    /** Placeholder to original value, for PSEUDONYMIZE only. */
    private Map<String, String> vault = new HashMap<>();
    private final Instant deadline;
    private boolean expired;
    private Mac mac;

    AimsSession(AimsRedactor redactor, Map<String, Operator> operators) {
        this.redactor = redactor;
        this.operators = operators;
        this.deadline = redactor.clock().instant().plus(redactor.vaultTtl());
    }

    @Override
    public String redact(String text) {
        List<Finding> found = redactor.scan(text);
        if (found.isEmpty()) {
            return text;
        }
        return apply(text, found, text.length(), true);
    }

    /**
     * Records the findings that end at or before {@code upTo} and applies their operators to {@code text[0, upTo)}.
     *
     * @param remember whether {@link Operator#PSEUDONYMIZE} may put values in the vault; when not, it writes a
     *                 placeholder only, so that output redacted on its way back is not restored again
     * @return the redacted prefix; the same instance when it is all of {@code text} and nothing changed
     */
    String apply(String text, List<Finding> found, int upTo, boolean remember) {
        StringBuilder out = null;
        int copied = 0;
        for (Finding f : found) {
            if (f.end() > upTo) {
                break;
            }
            findings.add(f);
            counts.merge(f.type(), 1, Integer::sum);
            String value = text.substring(f.start(), f.end());
            if (values == null) {
                values = new HashMap<>();
            }
            values.computeIfAbsent(f.type(), t -> new HashSet<>()).add(fold(value));
            Operator op = redactor.operator(operators, f.type());
            if (op == Operator.KEEP) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16);
            }
            out.append(text, copied, f.start());
            if (op == Operator.PSEUDONYMIZE && !remember) {
                op = Operator.PLACEHOLDER;
            }
            replace(out, f.type(), value, op);
            copied = f.end();
        }
        if (out == null) {
            return upTo == text.length() ? text : text.substring(0, upTo);
        }
        out.append(text, copied, upTo);
        return out.toString();
    }

    private void replace(StringBuilder out, String type, String value, Operator op) {
        switch (op) {
            case MASK:
                for (int k = 0; k < value.length(); k++) {
                    out.append(redactor.maskChar());
                }
                break;
            case DROP:
                break;
            case HASH:
                out.append(hash(type, value));
                break;
            case PLACEHOLDER:
                out.append(placeholder(type, value));
                break;
            case PSEUDONYMIZE:
                String p = placeholder(type, value);
                remember(p, value);
                out.append(p);
                break;
            default:
                throw new IllegalStateException("operator " + op + " has no replacement");
        }
    }

    private String placeholder(String type, String value) {
        String key = type + '\u0000' + fold(value);
        String p = placeholders.get(key);
        if (p == null) {
            int n = numbers.merge(type, 1, Integer::sum);
            p = "<" + type + "_" + n + ">";
            placeholders.put(key, p);
            issued.add(p);
        }
        return p;
    }

    private void remember(String placeholder, String value) {
        checkDeadline();
        if (expired) {
            throw new IllegalStateException("redaction session expired after " + redactor.vaultTtl()
                    + "; open a new session to pseudonymise");
        }
        if (!vault.containsKey(placeholder)) {
            if (vault.size() >= redactor.vaultMaxEntries()) {
                throw new IllegalStateException("pseudonym vault is full: vaultMaxEntries="
                        + redactor.vaultMaxEntries());
            }
            vault.put(placeholder, value);
        }
    }

    private String hash(String type, String value) {
        try {
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(redactor.hashKey(), "HmacSHA256"));
            }
            byte[] h = mac.doFinal(fold(value).getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(type.length() + 20).append('<').append(type).append('_');
            // sixteen letters a-p, a nibble each, not hex: a digest is never read as a number (one hex digest in 115
            // ends in eight decimal digits after a letter, which reads as an account number next to its label), so
            // the redacted text holds nothing new to find and redacting it again changes nothing
            for (int k = 0; k < 8; k++) {
                sb.append((char) ('a' + ((h[k] >> 4) & 0xf))).append((char) ('a' + (h[k] & 0xf)));
            }
            String out = sb.append('>').toString();
            issued.add(out);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    private static String fold(String value) {
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c >= 128 || c == '%' || c == '\\' || c == '&') {
                return Evasion.fold(value).text();
            }
        }
        return value;
    }

    private void checkDeadline() {
        if (!expired && redactor.clock().instant().isAfter(deadline)) {
            expired = true;
            vault = new HashMap<>();
        }
    }

    @Override
    public List<Finding> findings() {
        return Collections.unmodifiableList(new ArrayList<>(findings));
    }

    @Override
    public Map<String, Integer> counts() {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    /** Digests the values found so far, folded as placeholders fold them, so that a spelling is one value. */
    @Override
    public ValueDigests valueDigests() {
        if (values == null) {
            return ValueDigests.NONE;
        }
        Mac mac = redactor.digester().mac();
        Map<String, Set<String>> digests = new HashMap<>();
        values.forEach((type, folded) -> {
            Set<String> d = new HashSet<>();
            for (String v : folded) {
                d.add(ValueDigester.digest(mac, type, v));
            }
            digests.put(type, d);
        });
        return ValueDigests.of(redactor.digester().keyId(), digests);
    }

    @Override
    public String restore(String text) {
        checkDeadline();
        if (vault.isEmpty() || text.indexOf('<') < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = text.indexOf('<');
        while (i >= 0) {
            int end = Placeholders.end(text, i);
            if (end > 0) {
                String value = vault.get(text.substring(i, end));
                if (value != null) {
                    if (out == null) {
                        out = new StringBuilder(text.length() + 32);
                    }
                    out.append(text, copied, i).append(value);
                    copied = end;
                    i = text.indexOf('<', end);
                    continue;
                }
            }
            i = text.indexOf('<', i + 1);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    @Override
    public boolean hasForeignPlaceholder(String text) {
        int i = text.indexOf('<');
        while (i >= 0) {
            int end = Placeholders.end(text, i);
            if (end > 0 && !issued.contains(text.substring(i, end))) {
                return true;
            }
            i = text.indexOf('<', i + 1);
        }
        return false;
    }

    /** @return the length of the longest placeholder this session issued, 0 if none */
    int longestPlaceholder() {
        int max = 0;
        for (String p : issued) {
            max = Math.max(max, p.length());
        }
        return max;
    }

    AimsRedactor redactor() {
        return redactor;
    }

    @Override
    public String toString() {
        return "AimsSession[findings=" + findings.size() + ", counts=" + new TreeMap<>(counts) + "]";
    }
}
