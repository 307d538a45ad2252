package dev.aims.testkit;

import dev.aims.api.Finding;
import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the real redactor in tests: it "detects" fixed literal values, one entity type each, and applies the
 * operator the session was opened with (PSEUDONYMIZE by default), numbering placeholders per type and call
 * ({@code <EMAIL_ADDRESS_1>}) and restoring pseudonyms in the answer. It remembers the overrides of every session it
 * opened.
 */
public final class FakeRedactor implements Redactor {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z][A-Z0-9_]*_\\d+>");

    private final Map<String, String> valueToType;
    private final List<Map<String, Operator>> openedWith = new CopyOnWriteArrayList<>();

    /** @param valueToType the literal values to "detect", each with its entity type */
    public FakeRedactor(Map<String, String> valueToType) {
        this.valueToType = new LinkedHashMap<>(valueToType);
    }

    /** @return the operator overrides of every session opened so far, in order */
    public List<Map<String, Operator>> openedWith() {
        return List.copyOf(openedWith);
    }

    @Override
    public RedactionSession open(Map<String, Operator> overrides) {
        openedWith.add(Map.copyOf(overrides));
        return new Session(overrides);
    }

    private final class Session implements RedactionSession {
        private final Map<String, Operator> overrides;
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, String> placeholderToValue = new LinkedHashMap<>();
        private final Map<String, String> valueToPlaceholder = new LinkedHashMap<>();
        private final Map<String, Integer> perType = new TreeMap<>();

        Session(Map<String, Operator> overrides) {
            this.overrides = overrides;
        }

        @Override
        public String redact(String text) {
            String out = text;
            for (Map.Entry<String, String> e : valueToType.entrySet()) {
                int at = text.indexOf(e.getKey());
                if (at < 0) {
                    continue;
                }
                findings.add(new Finding(e.getValue(), at, at + e.getKey().length(), 1.0));
                Operator op = overrides.getOrDefault(e.getValue(), Operator.PSEUDONYMIZE);
                String replacement;
                switch (op) {
                    case KEEP:
                        continue;
                    case MASK:
                        replacement = "*".repeat(e.getKey().length());
                        break;
                    case DROP:
                        replacement = "";
                        break;
                    case HASH:
                        replacement = "<" + e.getValue() + ":" + Integer.toHexString(e.getKey().hashCode()) + ">";
                        break;
                    default:
                        replacement = valueToPlaceholder.computeIfAbsent(e.getKey(),
                                v -> "<" + e.getValue() + "_" + perType.merge(e.getValue(), 1, Integer::sum) + ">");
                        if (op == Operator.PSEUDONYMIZE) {
                            placeholderToValue.put(replacement, e.getKey());
                        }
                        break;
                }
                out = out.replace(e.getKey(), replacement);
            }
            return out.equals(text) ? text : out;
        }

        @Override
        public List<Finding> findings() {
            return List.copyOf(findings);
        }

        @Override
        public Map<String, Integer> counts() {
            Map<String, Integer> counts = new TreeMap<>();
            for (Finding f : findings) {
                counts.merge(f.type(), 1, Integer::sum);
            }
            return counts;
        }

        @Override
        public String restore(String text) {
            String out = text;
            for (Map.Entry<String, String> e : placeholderToValue.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return out.equals(text) ? text : out;
        }

        @Override
        public boolean hasForeignPlaceholder(String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!valueToPlaceholder.containsValue(m.group())) {
                    return true;
                }
            }
            return false;
        }
    }
}
