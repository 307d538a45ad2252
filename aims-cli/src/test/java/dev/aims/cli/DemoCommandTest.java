package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.evidence.EvidenceVerifier;
import dev.aims.evidence.Verification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code aims demo --out DIR} in-process once, against the loopback server, and checks all it produced: the
 * table, the spans file, the evidence log and the report, and that no seeded sensitive value reached the provider
 * or any output.
 */
class DemoCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SEEDED = List.of(DemoStory.EMAIL, DemoStory.CARD, DemoStory.CARD.replace(" ", ""),
            DemoStory.PRIVATE_KEY_BODY);

    @TempDir
    static Path tmp;
    static Path out;
    static CliRun run;
    static List<String> providerBodies;

    @BeforeAll
    static void runTheDemo() {
        out = tmp.resolve("demo-out");
        run = CliRun.of("demo", "--out", out.toString());
        providerBodies = DemoCommand.lastProviderBodies;
    }

    /** The rows of the printed table: the lines that start with a call number. */
    static List<String> tableRows(String console) {
        return console.lines().filter(l -> l.matches("\\d+ +\\d .*")).collect(Collectors.toList());
    }

    @Test
    void theStoryEndsAsExpectedWithExitZero() {
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("every call ended as the story expects").doesNotContain("FAILED")
                .doesNotContain("LEAK").doesNotContain("NOT go as expected");
    }

    @Test
    void printsTheTableWithTheExpectedOutcomesDecidingPoliciesAndFindings() {
        List<String> rows = tableRows(run.out());

        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).contains("1 support question", "gpt-4o-mini", " allowed ",
                "  data-default, data-payments-desk (chose the redaction)  ", "CREDIT_CARD 1, EMAIL_ADDRESS 1");
        assertThat(rows.get(1)).contains("2 private key", " denied ",
                "data-default deny at pre_send (sensitive_data_denied)", "PRIVATE_KEY 1");
        assertThat(rows.get(2)).contains("3 unapproved model", "o1-preview", " denied ",
                "models-approved deny at pre (model_not_allowed)");
        assertThat(rows.get(3)).contains("4 streamed answer", " allowed ", "  data-default (chose the redaction)  ",
                "EMAIL_ADDRESS 1");
        assertThat(rows.get(4)).contains("5 tool-using AI service (1)", " allowed ");
        assertThat(rows.get(5)).contains("5 tool-using AI service (2)", " allowed ");
    }

    @Test
    void theProviderReceivedPlaceholdersAndTheCallerGotTheValuesBack() {
        // steps 1 and 4, and the two round-trips of step 5; the denied calls never left the process
        assertThat(providerBodies).hasSize(4);
        assertThat(providerBodies.get(0)).contains("<EMAIL_ADDRESS_1>", "<CREDIT_CARD_1>");
        for (String body : providerBodies) {
            assertThat(body).doesNotContain(SEEDED).doesNotContain("PRIVATE KEY");
        }
        assertThat(run.out()).contains("provider received: I'm <EMAIL_ADDRESS_1>; card <CREDIT_CARD_1> was charged")
                .contains("you got back:      You sent: I'm " + DemoStory.EMAIL + "; card " + DemoStory.CARD
                        + " was charged twice for order A-1042.")
                .contains("the tool was called 1 time(s), with the e-mail address restored")
                .contains("You sent: Order A-1042 was shipped on 2 June; delivery updates go to " + DemoStory.EMAIL);
    }

    @Test
    void theConsoleNeverShowsThePrivateKey() {
        assertThat(run.out()).doesNotContain(DemoStory.PRIVATE_KEY_BODY).doesNotContain("BEGIN PRIVATE KEY");
    }

    @Test
    void discoverCountsEveryDemoCallAsGovernedAndFindsNothingOutside() throws IOException {
        CliRun d = CliRun.of("discover", out.resolve("spans.jsonl").toString(), "--format", "json");
        assertThat(d.status()).as(d.err()).isZero();
        assertThat(d.err()).isEmpty();
        JsonNode json = JSON.readTree(d.out());
        assertThat(json.path("governed").asLong()).isEqualTo(6);
        assertThat(json.path("ungoverned").size()).isZero();
    }

    @Test
    void spansAreOtlpJsonExportRequestsWithAimsAttributesOneSpanPerCall() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("spans.jsonl"), StandardCharsets.UTF_8);
        List<Map<String, String>> spans = new ArrayList<>();
        for (String line : lines) {
            JsonNode request = JSON.readTree(line);
            assertThat(request.fieldNames()).toIterable().containsExactly("resourceSpans");
            for (JsonNode rs : request.path("resourceSpans")) {
                for (JsonNode ss : rs.path("scopeSpans")) {
                    assertThat(ss.at("/scope/name").asText()).isEqualTo("dev.aims");
                    for (JsonNode span : ss.path("spans")) {
                        Map<String, String> attrs = new HashMap<>();
                        attrs.put("name", span.path("name").asText());
                        for (JsonNode a : span.path("attributes")) {
                            attrs.put(a.path("key").asText(), a.path("value").toString());
                        }
                        spans.add(attrs);
                    }
                }
            }
        }

        assertThat(lines).isNotEmpty();
        assertThat(spans).hasSize(6);
        assertThat(spans).allSatisfy(s -> assertThat(s).containsKeys("aims.call.id", "aims.outcome",
                "aims.policy.set.hash", "gen_ai.operation.name", "gen_ai.provider.name"));
        assertThat(spans.stream().filter(s -> s.get("aims.outcome").contains("\"denied\"")))
                .extracting(s -> s.get("aims.policy.decisive.id"))
                .containsExactlyInAnyOrder("{\"stringValue\":\"data-default\"}",
                        "{\"stringValue\":\"models-approved\"}");
        assertThat(spans).filteredOn(s -> s.get("name").equals("chat o1-preview")).hasSize(1);
        Map<String, String> second = spans.stream().filter(s -> s.containsKey("aims.parent.call.id")).findFirst()
                .orElseThrow();
        assertThat(spans).anySatisfy(s -> assertThat(s.get("aims.call.id"))
                .isEqualTo(second.get("aims.parent.call.id")));
        assertThat(spans).filteredOn(s -> s.containsKey("gen_ai.response.time_to_first_chunk")).hasSize(1);
    }

    @Test
    void theEvidenceLogIsSealedAndVerifiesWithOneEntryPerCall() throws IOException {
        Verification v = EvidenceVerifier.create().verify(out.resolve("evidence"));

        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.calls()).isEqualTo(6);
        assertThat(v.unsealedEntries()).isZero();
        assertThat(run.out()).contains("evidence: " + v.summary());
    }

    @Test
    void theSigningKeyIsGeneratedBesideTheOutputAndTheLogVerifiesAgainstItPinned() throws IOException {
        Path key = out.resolve("evidence-signing.key");
        Path pub = out.resolve("evidence-signing.pub");
        assertThat(key).exists();
        try (Stream<Path> s = Files.list(out.resolve("evidence"))) {
            assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".key"));
        }
        Verification v = EvidenceVerifier.builder().trustedKeys(List.of(PemKeys.readPublic(pub))).build()
                .verify(out.resolve("evidence"));
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.keysPinned()).isTrue();
        assertThat(run.out()).contains("signing key: " + key + ", generated beside the output for this demo")
                .contains("aims verify --public-key " + pub + " " + out.resolve("evidence"));
        JsonNode report = JSON.readTree(out.resolve("report/report.json").toFile());
        assertThat(report.at("/sources/0/keysPinned").asBoolean()).isTrue();
    }

    @Test
    void theReportStatesTheCounts() throws IOException {
        JsonNode report = JSON.readTree(out.resolve("report/report.json").toFile());

        assertThat(out.resolve("report/report.html")).isNotEmptyFile();
        assertThat(report.at("/integrity/intact").asBoolean()).isTrue();
        assertThat(report.at("/totals/calls").asInt()).isEqualTo(6);
        assertThat(report.at("/totals/allowed").asInt()).isEqualTo(4);
        assertThat(report.at("/totals/denied").asInt()).isEqualTo(2);
        assertThat(report.at("/totals/errors").asInt()).isZero();
    }

    @Test
    void noSeededValueIsInTheSpansTheEvidenceOrTheReport() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile).collect(Collectors.toList());
        }

        assertThat(files).extracting(f -> out.relativize(f).toString().replace('\\', '/'))
                .contains("spans.jsonl", "evidence/evidence-000001.jsonl", "report/report.json", "report/report.html");
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(f.toString()).doesNotContain(SEEDED);
        }
        assertThat(run.out()).contains("leak check: none of the seeded values");
    }

    @Test
    void aSecondRunReplacesTheOutputsWithAFreshEvidenceLogAndReadsTheGivenPolicy() throws IOException {
        Path again = tmp.resolve("again");
        assertThat(CliRun.of("demo", "--out", again.toString()).status()).isZero();

        CliRun second = CliRun.of("demo", "--out", again.toString(), "--policy",
                Path.of("..", "examples", "aims-policy.json").toString());

        assertThat(second.status()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("under " + Path.of("..", "examples", "aims-policy.json"));
        assertThat(EvidenceVerifier.create().verify(again.resolve("evidence")).calls()).isEqualTo(6);
    }

    @Test
    void aFileTheDemoDidNotWriteStopsItBeforeAnythingIsDeleted() throws IOException {
        Path dir = tmp.resolve("foreign");
        Files.createDirectories(dir.resolve("evidence"));
        Path mine = Files.writeString(dir.resolve("evidence/notes.txt"), "keep me");
        Path spans = Files.writeString(dir.resolve("spans.jsonl"), "old");

        CliRun r = CliRun.of("demo", "--out", dir.toString());

        assertThat(r.status()).isEqualTo(AimsCommand.EXIT_USAGE);
        assertThat(r.err().strip()).isEqualTo("aims demo: --out: " + mine + " was not written by aims demo;"
                + " choose another --out");
        assertThat(mine).hasContent("keep me");
        assertThat(spans).hasContent("old");
    }

    @Test
    void runsTheSameStoryAgainstAGivenEndpointWithTheKeyFromTheNamedVariable() throws IOException {
        String variable = anySetVariable();
        try (QuoteBackServer server = QuoteBackServer.start()) {
            Path dir = tmp.resolve("endpoint");

            CliRun r = CliRun.of("demo", "--out", dir.toString(), "--endpoint", server.baseUrl(), "--model",
                    "gpt-4o", "--api-key-env", variable);

            assertThat(r.status()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("The provider is " + server.baseUrl() + ", model gpt-4o.")
                    .contains("provider received: I'm <EMAIL_ADDRESS_1>; card <CREDIT_CARD_1> was charged");
            assertThat(tableRows(r.out())).hasSize(6);
            assertThat(server.received()).hasSize(4).allSatisfy(b -> assertThat(b).doesNotContain(SEEDED));
            for (String body : server.received()) {
                assertThat(JSON.readTree(body).path("model").asText()).isEqualTo("gpt-4o");
            }
            assertThat(EvidenceVerifier.create().verify(dir.resolve("evidence")).calls()).isEqualTo(6);
        }
    }

    @Test
    void anUnreachableEndpointFailsTheAllowedStepsAndExitsOne() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Path dir = tmp.resolve("unreachable");

        CliRun r = CliRun.of("demo", "--out", dir.toString(), "--endpoint", "http://127.0.0.1:" + port + "/v1",
                "--api-key-env", anySetVariable());

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(AimsCommand.EXIT_BAD);
        assertThat(r.out()).contains("3 step(s) did not end as the story expects")
                .contains("The demo did NOT go as expected: a step had an unexpected outcome;");
        assertThat(tableRows(r.out())).extracting(row -> row.split(" {2,}")[3])
                .containsExactly("error", "denied", "denied", "error", "error");
        assertThat(EvidenceVerifier.create().verify(dir.resolve("evidence")).calls()).isEqualTo(5);
    }

    static String anySetVariable() {
        return System.getenv().entrySet().stream().filter(e -> !e.getValue().isBlank()).map(Map.Entry::getKey)
                .sorted().findFirst().orElseThrow();
    }

    @Test
    void anEndpointWhoseKeyVariableIsNotSetIsAUsageError() {
        CliRun r = CliRun.of("demo", "--out", tmp.resolve("unused").toString(), "--endpoint",
                "http://127.0.0.1:9/v1", "--api-key-env", "AIMS_DEMO_TEST_VARIABLE_NOBODY_SETS");

        assertThat(r.status()).isEqualTo(AimsCommand.EXIT_USAGE);
        assertThat(r.err().lines()).containsExactly("aims demo: --api-key-env: environment variable"
                + " AIMS_DEMO_TEST_VARIABLE_NOBODY_SETS is not set (set it to the API key; any value for a server"
                + " that needs none)");
        assertThat(r.out()).isEmpty();
        assertThat(tmp.resolve("unused")).doesNotExist();
    }

    @Test
    void modelWithoutEndpointIsAUsageError() {
        CliRun r = CliRun.of("demo", "--model", "gpt-4o");

        assertThat(r.status()).isEqualTo(AimsCommand.EXIT_USAGE);
        assertThat(r.err().strip()).isEqualTo("aims demo: --model and --api-key-env need --endpoint");
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlIsAUsageError() {
        CliRun r = CliRun.of("demo", "--endpoint", "ftp://example.org/v1");

        assertThat(r.status()).isEqualTo(AimsCommand.EXIT_USAGE);
        assertThat(r.err().strip()).isEqualTo("aims demo: --endpoint: 'ftp://example.org/v1' is not an http or"
                + " https URL");
    }
}
