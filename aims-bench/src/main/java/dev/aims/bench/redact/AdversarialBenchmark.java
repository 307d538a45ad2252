package dev.aims.bench.redact;

import dev.aims.api.Finding;
import dev.aims.redact.AimsRedactor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The redactor's scan on inputs built to make a detector rescan: one trigger repeated (a key prefix, a PEM header,
 * digits with separators, {@code @} runs, assignments, escapes …) at two sizes. The score is nanoseconds per scan;
 * {@link PerCharTable} divides it by the size. Linear time means the same nanoseconds per character at both sizes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AdversarialBenchmark {
    /** The repeated unit of each input, by name. */
    static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("openai", "sk-"),
            Map.entry("anthropic", "sk-ant-"),
            Map.entry("slack", "xoxb-"),
            Map.entry("google", "AIza-"),
            Map.entry("github", "github_pat_"),
            Map.entry("gitlab", "glpat-"),
            Map.entry("jwt", "eyJhbGciOi."),
            Map.entry("pem", "-----BEGIN RSA PRIVATE KEY-----\n"),
            Map.entry("pemLabel", "-----BEGIN "),
            Map.entry("digitsSpace", "4111 "),
            Map.entry("digitsDash", "1-"),
            Map.entry("digitsDot", "1."),
            Map.entry("plus", "+1 "),
            Map.entry("paren", "(1"),
            Map.entry("at", "@"),
            Map.entry("atLocal", "a.b@"),
            Map.entry("colons", "00:"),
            Map.entry("assign", "password="),
            Map.entry("xml", "<password>"),
            Map.entry("urlEscape", "%40"),
            Map.entry("htmlEscape", "&#64;"),
            Map.entry("jsonEscape", "\\u0040"),
            Map.entry("invisible", "1\u200b"),
            Map.entry("vault", "hvs."),
            Map.entry("webhook", "https://hooks.slack.com/services/"),
            Map.entry("urlCredentials", "s://u:p@"),
            Map.entry("azure", "ab1Q~"),
            Map.entry("nationalId", "AB 12 34 "),
            Map.entry("keyCandidates", "ghp_aB3dE5gH7jK9mN1pQ3sT5vW7xY9zA1bC3dE "),
            Map.entry("passwordWords", "password=abcdefghij "));

    /** Which trigger. */
    @Param({"openai", "anthropic", "slack", "google", "github", "gitlab", "jwt", "pem", "pemLabel", "digitsSpace",
        "digitsDash", "digitsDot", "plus", "paren", "at", "atLocal", "colons", "assign", "xml", "urlEscape",
        "htmlEscape", "jsonEscape", "invisible", "vault", "webhook", "urlCredentials", "azure", "nationalId",
        "keyCandidates", "passwordWords"})
    public String kind;

    /** The input's length in characters. */
    @Param({"16384", "262144"})
    public int size;

    private String text;
    private AimsRedactor redactor;

    /** Builds the input and the redactor once. */
    @Setup
    public void setUp() {
        String unit = UNITS.get(kind);
        if (unit == null) {
            throw new IllegalArgumentException("kind must be one of " + UNITS.keySet() + ", but was '" + kind + "'");
        }
        text = unit.repeat(size / unit.length() + 1).substring(0, size);
        redactor = AimsRedactor.create();
    }

    /** @return the findings */
    @Benchmark
    public List<Finding> scan() {
        return redactor.scan(text);
    }
}
