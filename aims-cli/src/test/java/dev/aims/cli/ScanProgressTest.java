package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.evidence.discover.TraceDiscovery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScanProgressTest {
    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private ScanProgress progress(boolean terminal) {
        return new ScanProgress("aims discover", new PrintWriter(err, true), terminal, now::get);
    }

    private static TraceDiscovery.Progress at(long spans) {
        return new TraceDiscovery.Progress(Path.of("dir", "traces-1.jsonl"), 2, 3, 250, 1000, spans);
    }

    @Test
    void onATerminalProgressIsDrawnAfterASecondAtMostTwiceASecondAndClearedAtTheEnd() {
        ScanProgress p = progress(true);
        p.progress(at(10));
        assertThat(err.toString()).isEmpty();
        now.set(1_000_000_000L);
        p.progress(at(1_234_567));
        assertThat(err.toString()).isEqualTo("\r\033[Kreading traces-1.jsonl (file 2 of 3, 25%): 1,234,567 spans");
        now.set(1_400_000_000L);
        p.progress(at(2_000_000));
        assertThat(err.toString()).doesNotContain("2,000,000");
        now.set(1_500_000_000L);
        p.progress(at(2_000_001));
        assertThat(err.toString()).endsWith("2,000,001 spans");
        p.done();
        assertThat(err.toString()).endsWith("\r\033[K");
    }

    @Test
    void withoutATerminalNoProgressIsDrawn() {
        ScanProgress p = progress(false);
        now.set(5_000_000_000L);
        p.progress(at(10));
        p.done();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void problemsAreShownTwentyAFileThenCounted() {
        ScanProgress p = progress(false);
        Path file = Path.of("a.jsonl");
        for (int i = 1; i <= 25; i++) {
            p.problem(file, i, "not valid JSON at column 1; line skipped");
        }
        p.problem(Path.of("b.jsonl"), 0, "could not be read to its end (ZipException)");
        p.done();
        String[] lines = err.toString().split(System.lineSeparator());
        assertThat(lines).hasSize(22);
        assertThat(lines[0]).isEqualTo("aims discover: a.jsonl:1: not valid JSON at column 1; line skipped");
        assertThat(lines[19]).startsWith("aims discover: a.jsonl:20: ");
        assertThat(lines[20]).isEqualTo("aims discover: b.jsonl: could not be read to its end (ZipException)");
        assertThat(lines[21]).isEqualTo("aims discover: a.jsonl: 5 more problems not shown");
    }
}
