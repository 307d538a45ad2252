package dev.aims.otel;

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
 * A test redactor that knows a fixed set of values and their entity types and replaces each with a placeholder
 * ({@code <EMAIL_ADDRESS_1>}), numbered per session. It stands in for aims-redact: the tests here are about what
 * aims-otel emits, not about detection.
 */
final class SeededRedactor implements Redactor {
    private final Map<String, String> valueToType;

    SeededRedactor(Map<String, String> valueToType) {
        this.valueToType = new LinkedHashMap<>(valueToType);
    }

    @Override
    public RedactionSession open(Map<String, Operator> overrides) {
        return new Session();
    }

    private final class Session implements RedactionSession {
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, String> placeholders = new LinkedHashMap<>();

        @Override
        public String redact(String text) {
            String out = text;
            for (Map.Entry<String, String> e : valueToType.entrySet()) {
                int at = text.indexOf(e.getKey());
                while (at >= 0) {
                    findings.add(new Finding(e.getValue(), at, at + e.getKey().length(), 1.0));
                    at = text.indexOf(e.getKey(), at + 1);
                }
                if (out.contains(e.getKey())) {
                    String placeholder = placeholders.computeIfAbsent(e.getKey(),
                            v -> "<" + e.getValue() + "_" + (placeholders.size() + 1) + ">");
                    out = out.replace(e.getKey(), placeholder);
                }
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
            for (Map.Entry<String, String> e : placeholders.entrySet()) {
                out = out.replace(e.getValue(), e.getKey());
            }
            return out.equals(text) ? text : out;
        }
    }
}
