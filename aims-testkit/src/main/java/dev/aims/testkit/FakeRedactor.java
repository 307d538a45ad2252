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

/**
 * A stand-in for the real redactor: "detects" fixed literal values, one type each, and pseudonymises them with
 * {@code <TYPE_n>} placeholders numbered per call, restoring them in the answer.
 */
public final class FakeRedactor implements Redactor {
    private final Map<String, String> valueToType;

    /** @param valueToType the literal values to "detect", each with its entity type */
    public FakeRedactor(Map<String, String> valueToType) {
        this.valueToType = new LinkedHashMap<>(valueToType);
    }

    @Override
    public RedactionSession open(Map<String, Operator> overrides) {
        return new Session();
    }

    private final class Session implements RedactionSession {
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, String> placeholderToValue = new LinkedHashMap<>();
        private final Map<String, String> valueToPlaceholder = new LinkedHashMap<>();
        private final Map<String, Integer> perType = new TreeMap<>();

        @Override
        public String redact(String text) {
            String out = text;
            for (Map.Entry<String, String> e : valueToType.entrySet()) {
                int at = text.indexOf(e.getKey());
                if (at < 0) {
                    continue;
                }
                findings.add(new Finding(e.getValue(), at, at + e.getKey().length(), 1.0));
                String placeholder = valueToPlaceholder.computeIfAbsent(e.getKey(),
                        v -> "<" + e.getValue() + "_" + perType.merge(e.getValue(), 1, Integer::sum) + ">");
                placeholderToValue.put(placeholder, e.getKey());
                out = out.replace(e.getKey(), placeholder);
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
    }
}
