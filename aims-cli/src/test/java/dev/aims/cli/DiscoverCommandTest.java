package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aims discover} on traces of the JDK HttpClient recorded with OpenTelemetry's instrumentation API and
 * written by the SDK's OTLP JSON exporter (see {@link InstrumentedTraces}): two services, in a rotated file and a
 * gzip file.
 */
class DiscoverCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** An API key some providers take in the query string: the spans carry it, the output must not. */
    static final String KEY_IN_URL = "AIzaSyA-SEED-7c1d9e0b4f2a6d3e8b5c";

    @TempDir
    static Path tmp;
    static Path traces;
    static Path governedOnly;
    static int port;

    /**
     * checkout: an ungoverned call to OpenAI under its request span, a governed one (its HTTP span in one file, AIMS's
     * span in the next after a rotation), a payment call, a self-hosted model server on 127.0.0.1 by path, Gemini
     * with a key in the URL, and a governed call with no request span; batch-worker (gzip): two calls to Anthropic.
     */
    @BeforeAll
    static void recordTraces() throws IOException {
        traces = Files.createDirectories(tmp.resolve("collector"));
        governedOnly = Files.createDirectories(tmp.resolve("governed-only"));
        try (InstrumentedTraces t = new InstrumentedTraces()) {
            port = t.port();
            InstrumentedTraces.Service checkout = t.service("checkout", traces.resolve("traces-1.jsonl"));
            checkout.handle("/checkout", () -> checkout.post("http://api.openai.com/v1/chat/completions"));
            checkout.handle("/support", () -> checkout.governed("http://api.openai.com/v1/chat/completions",
                    () -> checkout.rotate(traces.resolve("traces-2.jsonl"))));
            checkout.handle("/pay", () -> checkout.post("http://payments.internal/v1/charges"));
            checkout.handle("/local", () -> checkout.post("http://127.0.0.1:" + port + "/v1/chat/completions"));
            checkout.handle("/gemini", () -> checkout.post("http://generativelanguage.googleapis.com/v1beta/models/"
                    + "gemini-1.5-flash:generateContent?key=" + KEY_IN_URL));
            checkout.governed("http://api.anthropic.com/v1/messages", () -> { });

            InstrumentedTraces.Service batch = t.service("batch-worker", traces.resolve("batch.jsonl"));
            batch.post("http://api.anthropic.com/v1/messages");
            batch.post("http://api.anthropic.com/v1/messages");

            InstrumentedTraces.Service governed = t.service("support", governedOnly.resolve("support.jsonl"));
            governed.handle("/ask", () -> governed.governed("http://api.openai.com/v1/chat/completions", () -> { }));
        }
        InstrumentedTraces.gzip(traces.resolve("batch.jsonl"));
    }

    /** @return every line of every trace file, gunzipped */
    static String allSpans() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(traces)) {
            for (Path f : files.sorted().toList()) {
                byte[] raw = Files.readAllBytes(f);
                if (f.toString().endsWith(".gz")) {
                    raw = new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
                }
                b.append(new String(raw, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    @Test
    void theTracesAreTheInstrumentationsOwn() throws IOException {
        String spans = allSpans();
        assertThat(spans).contains("\"name\":\"" + TracedHttpClient.SCOPE + "\"")
                .contains("{\"key\":\"server.address\",\"value\":{\"stringValue\":\"api.openai.com\"}}")
                .contains("\"name\":\"dev.aims\"").contains("\"resourceSpans\"");
        // The governed call's HTTP span went to the first file, AIMS's span around it to the second.
        assertThat(Files.readString(traces.resolve("traces-1.jsonl"))).doesNotContain("aims.call.id");
        assertThat(Files.readString(traces.resolve("traces-2.jsonl"))).contains("aims.call.id");
    }

    @Test
    void jsonFindsEveryUngovernedCallAndNoGovernedOrNonAiOne() throws IOException {
        CliRun r = CliRun.of("discover", traces.toString(), "--format", "json");
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        JsonNode json = JSON.readTree(r.out());
        List<String> top = new ArrayList<>();
        json.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("governed", "ungoverned");
        assertThat(json.path("governed").asLong()).isEqualTo(2);
        List<String> found = new ArrayList<>();
        for (JsonNode u : json.path("ungoverned")) {
            List<String> fields = new ArrayList<>();
            u.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("service", "host", "path", "calls", "firstSeen", "lastSeen",
                    "traceIds");
            found.add(u.path("service").asText() + " " + u.path("host").asText() + " " + u.path("path").asText()
                    + " " + u.path("calls").asLong());
            assertThat(u.path("firstSeen").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(u.path("lastSeen").asText().compareTo(u.path("firstSeen").asText())).isNotNegative();
            assertThat(u.path("traceIds").size()).isEqualTo(u.path("calls").asInt());
        }
        assertThat(found).containsExactly(
                "batch-worker api.anthropic.com /v1/messages 2",
                "checkout 127.0.0.1:" + port + " /v1/chat/completions 1",
                "checkout api.openai.com /v1/chat/completions 1",
                "checkout generativelanguage.googleapis.com /v1beta/models/gemini-1.5-flash:generateContent 1");
        assertThat(r.out()).doesNotContain(KEY_IN_URL).doesNotContain("payments");
    }

    @Test
    void theTraceIdsNameTheUngovernedSpans() throws IOException {
        JsonNode json = JSON.readTree(CliRun.of("discover", traces.toString(), "--format", "json").out());
        Set<String> ids = new HashSet<>();
        json.path("ungoverned").forEach(u -> u.path("traceIds").forEach(id -> ids.add(id.asText())));
        assertThat(ids).hasSize(5).allMatch(id -> id.matches("[0-9a-f]{32}"));
        String spans = allSpans();
        for (String id : ids) {
            assertThat(spans).contains("\"traceId\":\"" + id + "\"");
        }
    }

    @Test
    void textPrintsTheVerdictAndATable() {
        CliRun r = CliRun.of("discover", traces.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).startsWith("AI use outside governance: 5 calls from 2 services to AI endpoints without"
                + " an AIMS span; 2 of 7 AI calls (28.6%) governed by AIMS.");
        assertThat(r.out()).containsPattern("(?m)^service +provider +host +path +calls +first seen +last seen +"
                + "sample trace ids$");
        assertThat(r.out()).containsPattern("(?m)^batch-worker +anthropic +api\\.anthropic\\.com +/v1/messages +2 ");
        assertThat(r.out()).containsPattern("(?m)^checkout +self-hosted +127\\.0\\.0\\.1:" + port + " ");
        assertThat(r.out()).containsPattern("(?m)^batch-worker .* [0-9a-f]{32} [0-9a-f]{32}$")
                .contains("Read 3 files,").doesNotContain(KEY_IN_URL);
    }

    @Test
    void textShowsTwoTraceIdsAndJsonUpToFive() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("three"));
        try (InstrumentedTraces t = new InstrumentedTraces()) {
            InstrumentedTraces.Service s = t.service("poller", dir.resolve("poller.jsonl"));
            for (int i = 0; i < 3; i++) {
                s.post("http://api.mistral.ai/v1/chat/completions");
            }
        }
        assertThat(CliRun.of("discover", dir.toString()).out())
                .containsPattern("(?m)^poller +mistral +api\\.mistral\\.ai .* 3 .* [0-9a-f]{32} [0-9a-f]{32} …$");
        JsonNode json = JSON.readTree(CliRun.of("discover", dir.toString(), "--format", "json").out());
        assertThat(json.at("/ungoverned/0/traceIds").size()).isEqualTo(3);
    }

    @Test
    void exitsZeroWhenEveryAiCallWasGoverned() throws IOException {
        CliRun r = CliRun.of("discover", governedOnly.toString(), "--format", "json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("governed").asLong()).isEqualTo(1);
        assertThat(json.path("ungoverned").size()).isZero();
        assertThat(CliRun.of("discover", governedOnly.toString()).out())
                .startsWith("No AI call outside governance: 1 AI call, all governed by AIMS.");
    }

    @Test
    void aMalformedLineIsReportedWithFileAndLineAndSkipped() throws IOException {
        Path file = tmp.resolve("broken.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(traces.resolve("traces-1.jsonl")));
        lines.addAll(Files.readAllLines(traces.resolve("traces-2.jsonl")));
        lines.add(1, "{\"resourceSpans\":[" + KEY_IN_URL);
        Files.write(file, lines);
        CliRun r = CliRun.of("discover", file.toString(), "--format", "json");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("aims discover: " + file + ":2: not valid JSON at column ")
                .endsWith("; line skipped" + System.lineSeparator()).doesNotContain(KEY_IN_URL);
        assertThat(JSON.readTree(r.out()).path("ungoverned").size()).isEqualTo(3);
    }

    @Test
    void hostsFileExtendsAndSilencesTheKnownEndpoints() throws IOException {
        Path hosts = Files.writeString(tmp.resolve("hosts.txt"), "# ours\npayments-ai payments.internal\n"
                + "- 127.0.0.1\n");
        CliRun r = CliRun.of("discover", traces.toString(), "--hosts", hosts.toString());
        assertThat(r.out()).containsPattern("(?m)^checkout +payments-ai +payments\\.internal +/v1/charges +1 ")
                .doesNotContain("self-hosted");
    }

    @Test
    void wrongUsageExitsTwoNamingTheProblem() throws IOException {
        CliRun missing = CliRun.of("discover", tmp.resolve("nope").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("aims discover: no such file or directory: " + tmp.resolve("nope")
                + System.lineSeparator());
        CliRun format = CliRun.of("discover", traces.toString(), "--format", "xml");
        assertThat(format.status()).isEqualTo(2);
        assertThat(format.err()).contains("--format must be text or json, but was xml");
        Path bad = Files.writeString(tmp.resolve("bad-hosts.txt"), "just-one\n");
        CliRun hosts = CliRun.of("discover", traces.toString(), "--hosts", bad.toString());
        assertThat(hosts.status()).isEqualTo(2);
        assertThat(hosts.err()).contains(bad + ":1: a rule is 'provider host[:port] [path]'");
        assertThat(CliRun.of("discover").status()).isEqualTo(2);
        assertThat(CliRun.of("discover", traces.toString(), "--window", "0").status()).isEqualTo(2);
    }

    @Test
    void theHelpStatesTheJsonContract() {
        CliRun r = CliRun.of("discover", "--help");
        assertThat(r.status()).isZero();
        String nl = System.lineSeparator();
        assertThat(r.out()).contains("  {\"governed\": N," + nl
                + "   \"ungoverned\": [{\"service\": S, \"host\": H, \"path\": P, \"calls\": N," + nl
                + "                   \"firstSeen\": T, \"lastSeen\": T, \"traceIds\": [ID, ...]}]}" + nl);
        assertThat(r.out().replaceAll("\\s+", " ")).contains("Exit 0 when every AI call found was governed, 1 when"
                + " ungoverned AI use was found, 2 on wrong usage.");
    }
}
