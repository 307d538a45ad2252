package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path evidence;

    @TempDir
    Path out;

    @BeforeAll
    static void produceEvidence() throws IOException {
        evidence = shared.resolve("evidence");
        Workload.run(evidence);
    }

    @Test
    void countsEveryControlFromTheLog() throws IOException {
        JsonNode r = report(EvidenceReport.builder().evidence(evidence).inventory(Workload.inventory()));
        assertThat(r.at("/integrity/intact").asBoolean()).isTrue();
        assertThat(r.at("/totals/calls").asLong()).isEqualTo(56);
        assertThat(r.at("/totals/allowed").asLong()).isEqualTo(45);
        assertThat(r.at("/totals/denied").asLong()).isEqualTo(6);
        assertThat(r.at("/totals/errors").asLong()).isEqualTo(5);
        assertThat(r.at("/totals/inputTokens").asLong()).isEqualTo(45 * 30);

        List<String> ids = new ArrayList<>();
        r.path("controls").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(ids).containsExactly("A.6.2.6", "A.6.2.8", "A.7.5", "A.8.4", "A.9.2", "A.9.3", "A.9.4",
                "A.10.3");

        JsonNode a626 = control(r, "A.6.2.6");
        assertThat(a626.path("status").asText()).isEqualTo("partly evidenced");
        assertThat(a626.path("statusReason").asText()).isEqualTo("calls of AI systems the inventory does not list:"
                + " hr-assistant");
        assertThat(a626.at("/figures/findingOccurrencesByType/EMAIL_ADDRESS").asLong()).isEqualTo(45);
        assertThat(a626.at("/figures/findingOccurrences").asLong()).isEqualTo(45);
        assertThat(a626.at("/figures/distinctValues").isNull()).isTrue();
        assertThat(a626.at("/figures/callsWithRedactionOff").asLong()).isZero();
        assertThat(a626.at("/figures/callsWithRedactionNotRecorded").asLong()).isZero();
        assertThat(a626.at("/figures/callsWithFindings").asLong()).isEqualTo(45);
        assertThat(a626.at("/figures/callsPerDay/0/day").asText()).isEqualTo("2025-03-01");
        assertThat(a626.at("/figures/callsPerDay/0/allowed").asLong()).isEqualTo(30);
        assertThat(a626.at("/figures/callsPerDay/1/allowed").asLong()
                + a626.at("/figures/callsPerDay/1/denied").asLong()
                + a626.at("/figures/callsPerDay/1/errors").asLong()).isEqualTo(26);

        Verification v = EvidenceVerifier.create().verify(evidence);
        JsonNode a628 = control(r, "A.6.2.8");
        assertThat(a628.at("/figures/chainIntact").asBoolean()).isTrue();
        assertThat(a628.at("/figures/entries").asLong()).isEqualTo(v.entries());
        assertThat(a628.at("/figures/signedCheckpoints").asLong()).isEqualTo(v.checkpoints()).isEqualTo(3);
        assertThat(a628.at("/figures/callsWithPrincipal").asLong()).isEqualTo(56);
        assertThat(a628.at("/figures/distinctPrincipals").asLong()).isEqualTo(4);
        assertThat(a628.at("/figures/digestAlgorithms/sha-256").asLong()).isEqualTo(56);

        JsonNode a75 = control(r, "A.7.5");
        assertThat(a75.at("/figures/callsWithParentCall").asLong()).isEqualTo(10);
        assertThat(a75.at("/figures/callsWithSourceIds").asLong()).isEqualTo(10);
        assertThat(a75.at("/figures/distinctSourceIds").asLong()).isEqualTo(2);
        assertThat(a75.path("sample")).hasSize(5);
        a75.path("sample").forEach(s -> assertThat(s.path("parentCallId").asText()).startsWith("parent-"));

        JsonNode a84 = control(r, "A.8.4");
        assertThat(a84.at("/figures/incidents").asLong()).isEqualTo(11);
        assertThat(a84.at("/figures/denials").asLong()).isEqualTo(6);
        assertThat(a84.at("/figures/governanceFailures").asLong()).isEqualTo(2);
        assertThat(a84.at("/figures/providerErrors").asLong()).isEqualTo(3);
        assertThat(a84.at("/figures/denialsByPolicyAndReason").get("model-allow-list: model_not_allowed").asLong())
                .isEqualTo(6);
        assertThat(a84.at("/figures/byErrorType").get("dev.aims.api.AiGovernanceException").asLong()).isEqualTo(2);
        a84.path("sample").forEach(s -> assertThat(s.path("outcome").asText()).isIn("denied", "error"));

        JsonNode a92 = control(r, "A.9.2");
        assertThat(a92.at("/figures/decisionsByPolicy").get("model-allow-list@1").get("DENY").asLong())
                .isEqualTo(6);
        assertThat(a92.at("/figures/decisionsByPolicy").get("model-allow-list@1").get("ALLOW").asLong())
                .isEqualTo(50);
        assertThat(a92.at("/figures/policySetHashes").size()).isEqualTo(1);

        // Every answered call carried an e-mail address the redactor masked: none went out unchanged.
        JsonNode a93 = control(r, "A.9.3");
        assertThat(a93.at("/figures/denied").asLong()).isEqualTo(6);
        assertThat(a93.at("/figures/modified").asLong()).isEqualTo(45);
        assertThat(a93.at("/figures/modifiedHow/redacted").asLong()).isEqualTo(45);
        assertThat(a93.at("/figures/allowedUnchanged").asLong()).isZero();
        assertThat(r.at("/totals/modified").asLong()).isEqualTo(45);
        assertThat(r.at("/totals/allowedUnchanged").asLong()).isZero();
        // The six o1-preview calls were denied: tries a policy stopped, not use outside registration.
        assertThat(control(r, "A.9.4").path("status").asText()).isEqualTo("evidenced");
        assertThat(control(r, "A.9.4").path("statusReason").asText()).endsWith("tries outside registration were all"
                + " stopped: support-bot model 'o1-preview' (6 calls)");
        assertThat(control(r, "A.9.4").at("/figures/useOutsideRegistration/0/answered").asLong()).isZero();
        List<String> gaps = new ArrayList<>();
        r.path("gaps").forEach(g -> gaps.add(g.path("control").asText() + " " + g.path("level").asText()));
        assertThat(gaps).containsExactly("A.6.2.6 partly evidenced", "A.6.2.8 partly evidenced");

        JsonNode a94 = control(r, "A.9.4").path("figures");
        assertThat(a94.path("callsWithPurpose").asLong()).isEqualTo(56);
        assertThat(a94.path("seenButNotRegistered")).extracting(JsonNode::asText).containsExactly("hr-assistant");
        assertThat(a94.path("registeredButNeverSeen")).extracting(JsonNode::asText)
                .containsExactly("legacy-search");
        assertThat(a94.path("useOutsideRegistration")).hasSize(1);
        assertThat(a94.at("/useOutsideRegistration/0/value").asText()).isEqualTo("o1-preview");
        assertThat(a94.at("/useOutsideRegistration/0/calls").asLong()).isEqualTo(6);
        assertThat(a94.at("/systems/0/systemId").asText()).isEqualTo("hr-assistant");
        assertThat(a94.at("/systems/0/registered").asBoolean()).isFalse();
        assertThat(a94.at("/systems/1/systemId").asText()).isEqualTo("support-bot");
        assertThat(a94.at("/systems/1/calls").asLong()).isEqualTo(51);
        assertThat(a94.at("/systems/1/distinctPrincipals").asLong()).isEqualTo(3);

        JsonNode a103 = control(r, "A.10.3").path("figures");
        assertThat(a103.at("/providers/0/provider").asText()).isEqualTo("openai");
        assertThat(a103.at("/providers/0/calls").asLong()).isEqualTo(56);
        assertThat(a103.at("/providers/0/models/gpt-4o-mini").asLong()).isEqualTo(50);
        assertThat(a103.at("/providers/0/models/o1-preview").asLong()).isEqualTo(6);
        assertThat(a103.at("/servers").get("api.openai.com:443").asLong()).isEqualTo(56);

        List<String> clauses = new ArrayList<>();
        r.path("attachDocuments").forEach(d -> {
            clauses.add(d.path("clause").asText());
            assertThat(d.path("status").asText()).isEqualTo("attach document");
        });
        assertThat(clauses).containsExactly("5.2", "6.1.2", "6.1.4", "9.2", "9.3");
        assertThat(r.at("/attachDocuments/2/references/0").asText()).isEqualTo("support-bot: AIA-2025-007");
    }

    @Test
    void samplesHoldIdsAndDigestsOnly() throws IOException {
        JsonNode r = report(EvidenceReport.builder().evidence(evidence));
        for (JsonNode c : r.path("controls")) {
            assertThat(c.path("sample").size()).as(c.path("id").asText()).isBetween(1, 5);
            for (JsonNode s : c.path("sample")) {
                assertThat(s.path("callId").asText()).isNotEmpty();
                assertThat(s.path("entryHash").asText()).hasSize(64);
                assertThat(s.path("digestAlgorithm").asText()).isEqualTo("sha-256");
                assertThat(s.has("principal")).isFalse();
            }
        }
    }

    @Test
    void drawsTheSameSampleEveryTime() throws IOException {
        JsonNode first = report(EvidenceReport.builder().evidence(evidence));
        JsonNode second = report(EvidenceReport.builder().evidence(evidence));
        assertThat(first.path("controls")).isEqualTo(second.path("controls"));
    }

    @Test
    void countsOnlyThePeriod() throws IOException {
        JsonNode r = report(EvidenceReport.builder().evidence(evidence)
                .from(Instant.parse("2025-03-02T00:00:00Z")).to(Instant.parse("2025-03-03T00:00:00Z")));
        assertThat(r.at("/totals/calls").asLong()).isEqualTo(26);
        assertThat(r.at("/period/from").asText()).isEqualTo("2025-03-02T00:00:00Z");
        assertThat(control(r, "A.6.2.6").at("/figures/callsPerDay")).hasSize(1);
        assertThat(r.at("/period/firstCall").asText()).isEqualTo("2025-03-02T00:00:00Z");
    }

    @Test
    void writesWellFormedSelfContainedHtml() throws Exception {
        EvidenceReport.builder().evidence(evidence).inventory(Workload.inventory()).build().write(out);
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(out.resolve("report.html").toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(doc.getElementsByTagName("svg").getLength()).isGreaterThanOrEqualTo(3);
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("src=").doesNotContain("href=").doesNotContain("@import").doesNotContain("url(");
        assertThat(html).contains("Evidence chain intact");
        for (String id : List.of("A.6.2.6", "A.6.2.8", "A.7.5", "A.8.4", "A.9.2", "A.9.3", "A.9.4", "A.10.3",
                "5.2", "6.1.2", "6.1.4", "9.2", "9.3")) {
            assertThat(html).contains(">" + id + "<");
        }
        assertThat(html).contains("attach document");
    }

    @Test
    void keepsEverySensitiveValueOutOfEvidenceAndReport() throws IOException {
        EvidenceReport.builder().evidence(evidence).inventory(Workload.inventory()).build().write(out);
        for (Path dir : List.of(evidence, out)) {
            String all = TestRecords.everything(dir);
            assertThat(all).as(dir.toString()).doesNotContain(Workload.EMAIL).doesNotContain("alice.secret")
                    .doesNotContain(Workload.PROJECT).doesNotContain("NIGHTJAR").doesNotContain("You said")
                    .doesNotContain("guard broke").doesNotContain("upstream answered");
        }
        assertThat(TestRecords.everything(out)).doesNotContain("\"u-1\"").doesNotContain(">u-1<");
    }

    @Test
    void statesABrokenChainAndStillWritesTheReport() throws IOException {
        Path copy = shared.resolve("broken-" + System.nanoTime());
        copyDir(evidence, copy);
        Path file = TestRecords.evidenceFiles(copy).get(0);
        List<String> lines = TestRecords.lines(file);
        lines.set(3, lines.get(3).replace("\"outcome\":\"allowed\"", "\"outcome\":\"denied\""));
        TestRecords.write(file, lines);
        Verification v = EvidenceReport.builder().evidence(copy).build().write(out);
        assertThat(v.intact()).isFalse();
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(r.at("/integrity/intact").asBoolean()).isFalse();
        assertThat(r.at("/sources/0/fault/kind").asText()).isEqualTo("modified");
        assertThat(r.at("/sources/0/fault/line").asLong()).isEqualTo(4);
        assertThat(control(r, "A.6.2.6").path("status").asText()).isEqualTo("evidence not intact");
        assertThat(Files.readString(out.resolve("report.html"))).contains("Evidence chain BROKEN");
    }

    @Test
    void builderRefusesAnEmptyPeriodAndRepeatedSettings() {
        EvidenceReport.Builder b = EvidenceReport.builder().evidence(evidence)
                .from(Instant.parse("2025-03-02T00:00:00Z")).to(Instant.parse("2025-03-01T00:00:00Z"));
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("the period must end after it starts, but from is 2025-03-02T00:00:00Z and to is "
                        + "2025-03-01T00:00:00Z");
        assertThatThrownBy(() -> b.evidence(evidence)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("evidence was already set to ");
        assertThatThrownBy(() -> EvidenceReport.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("evidence must be set");
    }

    private JsonNode report(EvidenceReport.Builder b) throws IOException {
        b.clock(Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC)).build().write(out);
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    private static JsonNode control(JsonNode r, String id) {
        for (JsonNode c : r.path("controls")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no control " + id);
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.getFileName().toString().equals(".lock")) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
        }
    }

    /** One instance of a fleet: its own directory, chain and key; allowed calls of 100 + 20 tokens, denials. */
    static Path instance(Path dir, String id, int allowed, int denied) throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).instanceId(id).checkpointEvery(4).build()) {
            for (int i = 0; i < allowed; i++) {
                log.onCall(TestRecords.allowed(i));
            }
            for (int i = 0; i < denied; i++) {
                log.onCall(TestRecords.base(100 + i).outcome(dev.aims.api.CallRecord.Outcome.DENIED)
                        .errorType("dev.aims.api.AiPolicyViolationException")
                        .decision(TestRecords.decision("budget", dev.aims.api.PolicyDecision.Effect.DENY,
                                "token_budget_exceeded"))
                        .build());
            }
        }
        return dir;
    }

    List<Path> fleet() throws IOException {
        return List.of(instance(out.resolve("a"), "i-a", 5, 1), instance(out.resolve("b"), "i-b", 3, 0),
                instance(out.resolve("c"), "i-c", 2, 2));
    }

    @Test
    void reportsAFleetPerInstanceAndInTotal() throws IOException {
        List<Path> dirs = fleet();
        Path reportDir = out.resolve("report");
        List<Verification> checked = EvidenceReport.builder().evidence(dirs).build().writeAll(reportDir);
        assertThat(checked).hasSize(3).allSatisfy(v -> assertThat(v.intact()).isTrue());
        JsonNode r = JSON.readTree(reportDir.resolve("report.json").toFile());
        assertThat(r.at("/integrity/intact").asBoolean()).isTrue();
        long entries = checked.stream().mapToLong(Verification::entries).sum();
        assertThat(r.at("/integrity/summary").asText()).isEqualTo("all 3 chains intact: " + entries
                + " entries (13 calls)");
        assertThat(r.at("/totals/calls").asLong()).isEqualTo(13);
        assertThat(r.at("/totals/allowed").asLong()).isEqualTo(10);
        assertThat(r.at("/totals/denied").asLong()).isEqualTo(3);
        assertThat(r.at("/totals/inputTokens").asLong()).isEqualTo(1000);
        assertThat(r.at("/totals/outputTokens").asLong()).isEqualTo(200);
        JsonNode instances = r.path("instances");
        assertThat(instances).hasSize(3);
        long[][] expected = {{6, 5, 1, 500, 100}, {3, 3, 0, 300, 60}, {4, 2, 2, 200, 40}};
        for (int i = 0; i < 3; i++) {
            JsonNode n = instances.get(i);
            assertThat(n.path("instance").asText()).isEqualTo("i-" + (char) ('a' + i));
            assertThat(n.path("path").asText()).isEqualTo(dirs.get(i).toString());
            assertThat(n.path("intact").asBoolean()).isTrue();
            assertThat(new long[] {n.path("calls").asLong(), n.path("allowed").asLong(), n.path("denied").asLong(),
                n.path("inputTokens").asLong(), n.path("outputTokens").asLong()}).containsExactly(expected[i]);
            assertThat(n.path("errors").asLong()).isZero();
        }
        // Each chain with its own key; checkpoints of all of them; principals counted once across the fleet.
        List<String> keys = new ArrayList<>();
        r.path("sources").forEach(src -> keys.add(src.path("signingKeys").get(0).asText()));
        assertThat(keys).hasSize(3).doesNotHaveDuplicates();
        assertThat(control(r, "A.6.2.8").at("/figures/signedCheckpoints").asLong())
                .isEqualTo(checked.stream().mapToLong(Verification::checkpoints).sum());
        assertThat(control(r, "A.6.2.8").at("/figures/distinctPrincipals").asLong()).isEqualTo(3);
        control(r, "A.6.2.6").path("sample").forEach(e -> assertThat(e.path("instance").asText())
                .isIn("i-a", "i-b", "i-c"));
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("<h2>Instances</h2>")
                .contains("i-b");
    }

    @Test
    void aFleetWithOneBrokenChainIsBrokenAndNamesIt() throws IOException {
        List<Path> dirs = fleet();
        Path file = TestRecords.evidenceFiles(dirs.get(1)).get(0);
        List<String> lines = TestRecords.lines(file);
        lines.set(2, lines.get(2).replace("\"outcome\":\"allowed\"", "\"outcome\":\"denied\""));
        TestRecords.write(file, lines);
        Path reportDir = out.resolve("report");
        EvidenceReport report = EvidenceReport.builder().evidence(dirs).build();
        List<Verification> checked = report.writeAll(reportDir);
        assertThat(checked).extracting(Verification::intact).containsExactly(true, false, true);
        Verification stated = report.write(reportDir);
        assertThat(stated.intact()).isFalse();
        assertThat(stated.path()).isEqualTo(dirs.get(1));
        JsonNode r = JSON.readTree(reportDir.resolve("report.json").toFile());
        assertThat(r.at("/integrity/intact").asBoolean()).isFalse();
        assertThat(r.at("/integrity/summary").asText()).isEqualTo("1 of 3 chains broken: instance i-b: " + file
                + ":3: modified: " + checked.get(1).fault().orElseThrow().detail());
        assertThat(r.at("/instances/1/intact").asBoolean()).isFalse();
        assertThat(r.at("/sources/1/fault/line").asLong()).isEqualTo(3);
    }

    @Test
    void refusesTheChainOfOneInstanceTwice() throws IOException {
        Path a = instance(out.resolve("a"), "i-a", 2, 0);
        Path copy = out.resolve("copy");
        Files.createDirectories(copy);
        try (var files = Files.list(a)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().endsWith(".lock")) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        assertThatThrownBy(() -> EvidenceReport.builder().evidence(List.of(a, copy)).build()
                .writeAll(out.resolve("report"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evidence of instance i-a is given twice, in " + a + " and " + copy + "; a fleet"
                        + " report counts each instance once");
    }

    @Test
    void aSingleChainReportListsNoInstances() throws IOException {
        JsonNode r = report(EvidenceReport.builder().evidence(List.of(evidence)));
        assertThat(r.has("instances")).isFalse();
        control(r, "A.6.2.6").path("sample").forEach(e -> assertThat(e.has("instance")).isFalse());
    }

    @Test
    void evidence_empty() {
        assertThatThrownBy(() -> EvidenceReport.builder().evidence(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evidence must name at least one directory, but was empty");
    }

    @Test
    void evidence_samePathTwice() {
        assertThatThrownBy(() -> EvidenceReport.builder().evidence(List.of(evidence, evidence.resolve("."))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("evidence names " + evidence.resolve(".")
                        + " twice");
    }

    @Test
    void evidence_twice() {
        EvidenceReport.Builder b = EvidenceReport.builder().evidence(evidence);
        assertThatThrownBy(() -> b.evidence(List.of(out))).isInstanceOf(IllegalStateException.class)
                .hasMessage("evidence was already set to " + evidence);
    }
}
