package dev.aims.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {
    @TempDir
    Path tmp;
    Path evidence;

    @BeforeEach
    void writeEvidence() throws IOException {
        evidence = EvidenceFixture.write(tmp);
    }

    @Test
    void writesHtmlAndJsonAndExitsZero() throws IOException {
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of("report", evidence.toString(), "--out", out.toString(), "--systems",
                EvidenceFixture.inventory(tmp, false).toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("report.html").contains("evidence intact");
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.at("/totals/calls").asLong()).isEqualTo(25);
        assertThat(json.at("/totals/denied").asLong()).isEqualTo(3);
        assertThat(json.at("/attachDocuments/2/references/0").asText()).isEqualTo("support-bot: AIA-7");
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("Evidence chain intact").doesNotContain("http://").doesNotContain("https://");
        assertThat(html + json).doesNotContain(EvidenceFixture.SECRET).doesNotContain("KESTREL");
    }

    @Test
    void statesWhetherTheSigningKeyWasPinned() throws IOException {
        Path out = tmp.resolve("report");
        CliRun unpinned = CliRun.of("report", evidence.toString(), "--out", out.toString());
        assertThat(unpinned.status()).isZero();
        assertThat(unpinned.err()).startsWith("aims report: warning: " + evidence + ": no public key pinned");
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.at("/sources/0/keysPinned").asBoolean()).isFalse();
        assertThat(CliRun.of("report", evidence.toString(), "--out", out.toString(), "--require-pinned-key")
                .status()).isEqualTo(1);

        CliRun pinned = CliRun.of("report", evidence.toString(), "--out", out.toString(), "--public-key",
                EvidenceFixture.publicKey(tmp).toString(), "--require-pinned-key");
        assertThat(pinned.status()).as(pinned.err()).isZero();
        assertThat(pinned.err()).isEmpty();
        json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.at("/sources/0/keysPinned").asBoolean()).isTrue();
        assertThat(json.at("/sources/0/signingKeys").size()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("report.html"))).contains("pinned");
    }

    @Test
    void tracesAddTheSectionAiUseOutsideGovernanceAndTheGapsNameEachService() throws IOException {
        Path traces = tmp.resolve("traces");
        Files.createDirectories(traces);
        try (InstrumentedTraces t = new InstrumentedTraces()) {
            InstrumentedTraces.Service checkout = t.service("checkout", traces.resolve("checkout.jsonl"));
            checkout.handle("/pay", () -> checkout.post("http://api.openai.com/v1/chat/completions"));
            checkout.handle("/ask", () -> checkout.governed("http://api.openai.com/v1/chat/completions", () -> { }));
            InstrumentedTraces.Service batch = t.service("nightly-batch", traces.resolve("batch.jsonl"));
            batch.post("http://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-3-haiku/invoke");
        }
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of("report", evidence.toString(), "--out", out.toString(), "--systems",
                EvidenceFixture.inventory(tmp, false).toString(), "--traces", traces.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("traces: 2 of 3 AI calls outside governance (see 'AI use outside governance')");

        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode section = json.path("outsideGovernance");
        assertThat(section.path("status").asText()).isEqualTo("contradicted");
        assertThat(section.path("governedCalls").asLong()).isEqualTo(1);
        assertThat(section.path("ungovernedCalls").asLong()).isEqualTo(2);
        assertThat(section.path("ungoverned").findValuesAsText("service")).containsExactly("checkout",
                "nightly-batch");
        assertThat(section.path("ungoverned").findValuesAsText("host")).containsExactly("api.openai.com",
                "bedrock-runtime.eu-west-1.amazonaws.com");
        List<String> contradicted = new java.util.ArrayList<>();
        json.path("controls").forEach(c -> {
            if ("contradicted".equals(c.path("status").asText())) {
                contradicted.add(c.path("id").asText());
            }
        });
        assertThat(contradicted).containsExactly("A.6.2.6", "A.6.2.8", "A.7.5", "A.9.2", "A.9.4");
        List<String> gaps = new java.util.ArrayList<>();
        json.path("gaps").forEach(g -> gaps.add(g.path("control").asText() + ": " + g.path("gap").asText()));
        assertThat(gaps).contains("A.9.2: no policy decided 2 AI calls in the traces, by checkout (1 call),"
                + " nightly-batch (1 call)");

        // Hosts and paths may break after their dots and slashes.
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8).replace("<wbr/>", "");
        assertThat(html).contains("<h2>AI use outside governance <span class=\"status bad\">contradicted</span>")
                .contains("AI calls outside governance (traces)")
                .contains("<td class=\"wrap\"><strong>nightly-batch</strong></td><td>aws-bedrock</td>")
                .contains("/model/anthropic.claude-3-haiku/invoke")
                .contains("no policy decided 2 AI calls in the traces, by checkout (1 call), nightly-batch (1 call)")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void withoutTracesTheReportSaysAiUseOutsideGovernanceWasNotLookedFor() throws IOException {
        Path out = tmp.resolve("report");
        assertThat(CliRun.of("report", evidence.toString(), "--out", out.toString()).status()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.at("/outsideGovernance/status").asText()).isEqualTo("not checked");
        assertThat(Files.readString(out.resolve("report.html"))).contains("no trace exports were given (aims"
                + " report --traces PATH…)");
        CliRun hostsAlone = CliRun.of("report", evidence.toString(), "--out", out.toString(), "--hosts",
                out.resolve("report.json").toString());
        assertThat(hostsAlone.status()).isEqualTo(2);
        assertThat(hostsAlone.err()).contains("--hosts needs --traces");
    }

    @Test
    void countsOnlyThePeriodGiven() throws IOException {
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of("report", evidence.toString(), "--out", out.toString(), "--from", "2000-01-01",
                "--to", "2000-01-02T00:00:00Z");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.at("/totals/calls").asLong()).isZero();
        assertThat(json.at("/period/from").asText()).isEqualTo("2000-01-01T00:00:00Z");
    }

    @Test
    void statesABrokenChainAndExitsOne() throws IOException {
        Path file = evidence.resolve("evidence-000001.jsonl");
        List<String> lines = EvidenceFixture.lines(file);
        lines.remove(6);
        Files.write(file, lines, StandardCharsets.UTF_8);
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of("report", evidence.toString(), "--out", out.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains(file + ":7: deleted: entry seq 7 is missing before this line");
        assertThat(Files.readString(out.resolve("report.html"))).contains("Evidence chain BROKEN");
    }

    @Test
    void aBadDateIsAUsageErrorNamingTheOption() {
        CliRun r = CliRun.of("report", evidence.toString(), "--out", tmp.resolve("r").toString(), "--from",
                "yesterday");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--from").contains("'yesterday' is not a date");
    }

    @Test
    void requiresAnOutputDirectory() {
        CliRun r = CliRun.of("report", evidence.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--out");
    }

    @Test
    void aBadInventoryIsAUsageErrorNamingTheJsonPath() {
        Path systems = EvidenceFixture.writeString(tmp.resolve("systems.json"),
                "{\"systems\":[{\"id\":\"a\",\"intendedUses\":\"support\"}]}");
        CliRun r = CliRun.of("report", evidence.toString(), "--out", tmp.resolve("r").toString(), "--systems",
                systems.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("aims report: " + systems + ": $.systems[0].intendedUses must be an array of"
                + " strings, but was \"support\"" + System.lineSeparator());
    }

    /** What the entries of one chain say, counted from the files themselves: calls, allowed, denied, tokens. */
    static long[] countEntries(Path dir) throws IOException {
        long[] n = new long[5];
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    ::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode e = json.readTree(line);
                    if (!"call".equals(e.path("type").asText())) {
                        continue;
                    }
                    JsonNode c = e.path("call");
                    n[0]++;
                    n[1] += "allowed".equals(c.path("outcome").asText()) ? 1 : 0;
                    n[2] += "denied".equals(c.path("outcome").asText()) ? 1 : 0;
                    n[3] += c.at("/usage/inputTokens").asLong();
                    n[4] += c.at("/usage/outputTokens").asLong();
                }
            }
        }
        return n;
    }

    List<Path> fleet() {
        return List.of(EvidenceFixture.instance(tmp.resolve("i1"), "i-1", 7, 1),
                EvidenceFixture.instance(tmp.resolve("i2"), "i-2", 4, 3),
                EvidenceFixture.instance(tmp.resolve("i3"), "i-3", 9, 0));
    }

    @Test
    void reportsAFleetPerInstanceAndInTotalMatchingTheEntries() throws IOException {
        List<Path> dirs = fleet();
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of("report", dirs.get(0).toString(), dirs.get(1).toString(), dirs.get(2).toString(),
                "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out.resolve("report.html") + " and report.json; evidence of 3"
                + " instances intact" + System.lineSeparator());
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        long[] total = new long[5];
        String[] fields = {"calls", "allowed", "denied", "inputTokens", "outputTokens"};
        for (int i = 0; i < 3; i++) {
            long[] entries = countEntries(dirs.get(i));
            JsonNode instance = json.path("instances").get(i);
            assertThat(instance.path("instance").asText()).isEqualTo("i-" + (i + 1));
            for (int f = 0; f < fields.length; f++) {
                assertThat(instance.path(fields[f]).asLong()).as("instance %d %s", i + 1, fields[f])
                        .isEqualTo(entries[f]);
                total[f] += entries[f];
            }
            assertThat(json.path("sources").get(i).path("intact").asBoolean()).isTrue();
        }
        assertThat(total[0]).isEqualTo(24);
        assertThat(total[2]).isEqualTo(4);
        for (int f = 0; f < fields.length; f++) {
            assertThat(json.path("totals").path(fields[f]).asLong()).as("fleet %s", fields[f]).isEqualTo(total[f]);
        }
        assertThat(json.at("/integrity/summary").asText()).startsWith("all 3 chains intact: ");
    }

    @Test
    void aFleetReportNamesTheBrokenChainAndExitsOne() throws IOException {
        List<Path> dirs = fleet();
        Path file = dirs.get(1).resolve("evidence-000001.jsonl");
        List<String> lines = EvidenceFixture.lines(file);
        lines.set(4, lines.get(4).replace("\"outcome\":\"allowed\"", "\"outcome\":\"denied\""));
        Files.write(file, lines, StandardCharsets.UTF_8);
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of("report", dirs.get(0).toString(), dirs.get(1).toString(), dirs.get(2).toString(),
                "--out", out.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("evidence BROKEN in 1 of 3 chains");
        assertThat(r.err()).startsWith("aims report: " + file + ":5: modified: ");
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.at("/integrity/intact").asBoolean()).isFalse();
        assertThat(json.at("/instances/1/intact").asBoolean()).isFalse();
        assertThat(json.at("/instances/0/intact").asBoolean()).isTrue();
    }

    @Test
    void aDirectoryGivenTwiceIsAUsageError() {
        List<Path> dirs = fleet();
        CliRun r = CliRun.of("report", dirs.get(0).toString(), dirs.get(0).toString(), "--out",
                tmp.resolve("r").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("aims report: " + dirs.get(0) + ": given twice; each instance's evidence is"
                + " counted once" + System.lineSeparator());
    }
}
