package dev.aims.bench.redact;

import dev.aims.api.Finding;
import dev.aims.redact.internal.Validators;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The obvious way to do what the redactor does: one {@link java.util.regex.Pattern} per type, applied in turn, each
 * match checked with the same validators the engine uses, then overlaps removed.
 */
public final class RegexBaseline {
    private record Rule(String type, Pattern pattern, Predicate<String> valid) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Compiles the patterns. */
    public RegexBaseline() {
        add("PRIVATE_KEY", "-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY"
                + "(?: BLOCK)?-----", v -> true);
        add("JWT", "\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*",
                v -> Validators.jwtHeader(v, 0, v.indexOf('.')));
        add("AWS_ACCESS_KEY_ID", "\\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\\b",
                v -> !v.endsWith("EXAMPLE"));
        add("GITHUB_TOKEN", "\\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_\\w{22,})\\b", v -> true);
        add("ANTHROPIC_API_KEY", "\\bsk-ant-[A-Za-z0-9_-]{32,}", v -> true);
        add("OPENAI_API_KEY", "\\bsk-(?!ant-)[A-Za-z0-9_-]{20,}", v -> !v.contains("xxxx"));
        add("SLACK_TOKEN", "\\bxox[abprse]-[A-Za-z0-9-]{10,}", v -> true);
        add("STRIPE_API_KEY", "\\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}", v -> true);
        add("GOOGLE_API_KEY", "\\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])", v -> true);
        add("EMAIL_ADDRESS", "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b", v -> true);
        add("IBAN_CODE", "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b",
                v -> Validators.iban(v, 0, v.length()));
        add("CREDIT_CARD", "\\b\\d(?:[ -]?\\d){12,18}\\b",
                v -> Validators.luhn(v, 0, v.length()) && Validators.cardIssuer(v, 0, v.length()));
        add("US_SSN", "\\b\\d{3}-\\d{2}-\\d{4}\\b", v -> Validators.ssn(v, 0, v.length()));
        add("UK_NHS", "\\b\\d{3}[ -]\\d{3}[ -]\\d{4}\\b", v -> Validators.nhs(v, 0, v.length()));
        add("PHONE_NUMBER", "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{1,4}){1,4}"
                + "|\\(\\d{3}\\) ?\\d{3}[-.]\\d{4}|\\b\\d{3}[-.]\\d{3}[-.]\\d{4}\\b|"
                + "\\b0\\d{1,4}(?:[ /.-]\\d{2,8}){1,4}\\b)",
                v -> {
                    int digits = 0;
                    for (int i = 0; i < v.length(); i++) {
                        digits += Character.isDigit(v.charAt(i)) ? 1 : 0;
                    }
                    return digits >= 9 && digits <= 15;
                });
        add("IP_ADDRESS", "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b", v -> {
            for (String octet : v.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        });
        add("IP_ADDRESS", "(?i)(?<![0-9a-f:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:"
                + "(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)(?![0-9a-f:])", v -> true);
        add("MAC_ADDRESS", "\\b[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2})(?:\\1[0-9A-Fa-f]{2}){4}\\b", v -> true);
        add("CRYPTO", "\\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\\b", v -> Validators.base58Check(v, 0, v.length()));
        add("CRYPTO", "\\bbc1[02-9ac-hj-np-z]{11,71}\\b", v -> Validators.bech32(v, 0, v.length()));
        add("GENERIC_SECRET", "(?i)\\b[\\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)[\\w.-]*"
                + "[\"']?\\s*[:=]\\s*[\"']?([^\\s\"',;]{8,})", v -> true);
    }

    private void add(String type, String regex, Predicate<String> valid) {
        rules.add(new Rule(type, Pattern.compile(regex), valid));
    }

    /**
     * @param text the text
     * @return the validated, non-overlapping findings, in text order
     */
    public List<Finding> scan(String text) {
        List<Finding> all = new ArrayList<>();
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                int group = rule.type().equals("GENERIC_SECRET") ? 1 : 0;
                String value = m.group(group);
                if (rule.type().equals("GENERIC_SECRET")
                        && Validators.entropy(value, 0, value.length()) < 2.5) {
                    continue;
                }
                if (rule.valid().test(value)) {
                    all.add(new Finding(rule.type(), m.start(group), m.end(group), 1.0));
                }
            }
        }
        if (all.isEmpty()) {
            return List.of();
        }
        all.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::length)
                .reversed()));
        List<Finding> kept = new ArrayList<>();
        for (Finding f : all) {
            if (kept.isEmpty() || f.start() >= kept.get(kept.size() - 1).end()) {
                kept.add(f);
            }
        }
        return kept;
    }
}
