package dev.aims.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.Finding;
import dev.aims.api.RedactionSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The development corpus, measured as its README defines: recall (gold entities wholly covered by a finding), typed
 * recall (covered by a finding of the same type), precision (findings that overlap a gold entity) and leaks (gold
 * values still present in the text redacted with the default operator).
 */
class CorpusTest {
    record Gold(String type, int start, int end, String value) {
    }

    record Doc(String id, String text, List<Gold> gold) {
    }

    private static final List<Doc> DOCS = new ArrayList<>();
    private static int goldTotal;
    private static int covered;
    private static int typedCovered;
    private static int findingsTotal;
    private static int findingsOnGold;
    private static int leaks;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void measure() throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/pii-dev.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Map<String, Object> o = (Map<String, Object>) MiniJson.parse(line);
                List<Gold> gold = new ArrayList<>();
                for (Object e : (List<Object>) o.get("entities")) {
                    Map<String, Object> m = (Map<String, Object>) e;
                    gold.add(new Gold((String) m.get("type"), ((Double) m.get("start")).intValue(),
                            ((Double) m.get("end")).intValue(), (String) m.get("value")));
                }
                DOCS.add(new Doc((String) o.get("id"), (String) o.get("text"), gold));
            }
        }
        AimsRedactor redactor = AimsRedactor.create();
        StringBuilder report = new StringBuilder();
        for (Doc d : DOCS) {
            List<Finding> found = redactor.scan(d.text());
            for (Gold g : d.gold()) {
                goldTotal++;
                boolean any = false;
                boolean typed = false;
                for (Finding f : found) {
                    if (f.start() <= g.start() && f.end() >= g.end()) {
                        any = true;
                        typed |= f.type().equals(g.type());
                    }
                }
                covered += any ? 1 : 0;
                typedCovered += typed ? 1 : 0;
                if (!typed) {
                    report.append("MISS ").append(d.id()).append(' ').append(g.type()).append(' ')
                            .append(g.value().replace("\n", "\\n")).append(any ? " (other type)" : "").append('\n');
                }
            }
            for (Finding f : found) {
                findingsTotal++;
                boolean overlaps = false;
                for (Gold g : d.gold()) {
                    overlaps |= f.start() < g.end() && g.start() < f.end();
                }
                findingsOnGold += overlaps ? 1 : 0;
                if (!overlaps) {
                    report.append("FALSE ").append(d.id()).append(' ').append(f.type()).append(' ')
                            .append(d.text().substring(f.start(), f.end()).replace("\n", "\\n")).append('\n');
                }
            }
            RedactionSession session = redactor.open();
            String redacted = session.redact(d.text());
            for (Gold g : d.gold()) {
                if (redacted.contains(g.value())) {
                    leaks++;
                    report.append("LEAK ").append(d.id()).append(' ').append(g.type()).append('\n');
                }
            }
        }
        System.out.printf("corpus: %d docs, %d gold, recall %.4f, typed recall %.4f, precision %.4f (%d/%d), "
                + "leaks %d%n%s", DOCS.size(), goldTotal, recall(), typedRecall(), precision(), findingsOnGold,
                findingsTotal, leaks, report);
    }

    private static double recall() {
        return (double) covered / goldTotal;
    }

    private static double typedRecall() {
        return (double) typedCovered / goldTotal;
    }

    private static double precision() {
        return findingsTotal == 0 ? 0 : (double) findingsOnGold / findingsTotal;
    }

    @Test
    void readsTheWholeCorpus() {
        assertThat(DOCS).hasSize(640);
        assertThat(goldTotal).isEqualTo(1320);
    }

    @Test
    void recallIsAtLeast99Percent() {
        assertThat(recall()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void typedRecallIsAtLeast97Percent() {
        assertThat(typedRecall()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void precisionIsAtLeast98Percent() {
        assertThat(precision()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void defaultOperatorLeaksNothing() {
        assertThat(leaks).isZero();
    }
}
