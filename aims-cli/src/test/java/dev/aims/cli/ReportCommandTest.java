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
}
