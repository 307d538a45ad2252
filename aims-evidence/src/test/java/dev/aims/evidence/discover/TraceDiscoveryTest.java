package dev.aims.evidence.discover;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Hand-written exports in the conventions of other languages' instrumentations (other-languages.jsonl): Python
 * requests and Ruby Net::HTTP with the older http.url, Node's http.target and net.peer.*, Go gRPC in the older and
 * newer rpc.* forms, .NET with the current url.full, a GenAI span over its HTTP span, non-AI calls, a server span
 * on an AI-looking path, and a governed call whose AIMS span comes a line after its HTTP span.
 */
class TraceDiscoveryTest {
    /** The key the Azure call carried in its query string; it must never be printed. */
    static final String AZURE_KEY = "SEEDKEY-AZURE-7f3a9c";

    @TempDir
    Path tmp;
    Path traces;

    @BeforeEach
    void copyFixture() throws IOException {
        traces = tmp.resolve("other-languages.jsonl");
        try (InputStream in = TraceDiscoveryTest.class.getResourceAsStream("other-languages.jsonl")) {
            Files.copy(in, traces);
        }
    }

    @Test
    void findsEveryUngovernedAiCallAndNoGovernedOrNonAiOne() throws IOException {
        Discovery d = TraceDiscovery.builder().build().scan(List.of(traces));
        assertThat(d.governedCalls()).isEqualTo(1);
        assertThat(d.ungovernedCalls()).isEqualTo(8);
        assertThat(d.ungoverned()).extracting(UngovernedUse::service, UngovernedUse::provider, UngovernedUse::host,
                UngovernedUse::path, UngovernedUse::calls).containsExactly(
                tuple("go-ranker", "google-vertex-ai", "us-central1-aiplatform.googleapis.com",
                        "/google.cloud.aiplatform.v1.PredictionService/StreamGenerateContent", 2L),
                tuple("dotnet-claims", "aws-bedrock", "bedrock-runtime.us-east-1.amazonaws.com",
                        "/model/anthropic.claude-3-5-sonnet-20240620-v1:0/converse", 1L),
                tuple("go-ranker", "google-vertex-ai", "europe-west4-aiplatform.googleapis.com",
                        "/google.cloud.aiplatform.v1.PredictionService/GenerateContent", 1L),
                tuple("node-summariser", "self-hosted", "ollama.internal:11434", "/api/chat", 1L),
                tuple("py-batch", "azure-openai", "contoso-eu.openai.azure.com",
                        "/openai/deployments/gpt-4o/chat/completions", 1L),
                tuple("py-support", "openai", "api.openai.com", "/v1/chat/completions", 1L),
                tuple("rb-mailer", "mistral", "api.mistral.ai", "/v1/chat/completions", 1L));
        UngovernedUse grpc = d.ungoverned().get(0);
        assertThat(grpc.traceIds()).containsExactly("44444444444444444444444444444441",
                "44444444444444444444444444444442");
        assertThat(grpc.firstSeen()).isEqualTo(Instant.parse("2024-05-01T10:03:00Z"));
        assertThat(grpc.lastSeen()).isEqualTo(Instant.parse("2024-05-01T10:03:01Z"));
        assertThat(d.toString() + d.ungoverned()).doesNotContain(AZURE_KEY).doesNotContain("api-key");
        assertThat(d.stats().spans()).isEqualTo(17);
        assertThat(d.stats().malformedLines()).isZero();
    }

    @Test
    void readsDirectoriesInNameOrderAndGzipByItsMagicNumber() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("collector"));
        List<String> lines = Files.readAllLines(traces);
        // The governed call's HTTP span in one file, its AIMS span in the next: one trace across a rotation.
        Files.write(dir.resolve("traces-1.jsonl"), lines.subList(0, lines.size() - 1));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("traces-2.json.gz")))) {
            out.write((lines.get(lines.size() - 1) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("notes.txt"), "not a trace file\n");
        Files.writeString(dir.resolve(".hidden.jsonl"), "{oops\n");
        Discovery d = TraceDiscovery.builder().build().scan(List.of(dir));
        assertThat(d.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("traces-1.jsonl", "traces-2.json.gz");
        assertThat(d.governedCalls()).isEqualTo(1);
        assertThat(d.ungovernedCalls()).isEqualTo(8);
    }

    @Test
    void aMalformedLineIsReportedWithFileAndLineAndSkipped() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(traces));
        lines.add(2, "{\"resourceSpans\":[{\"resource\":" + AZURE_KEY);
        lines.add(4, "");
        Files.write(traces, lines);
        List<String> problems = new ArrayList<>();
        Discovery d = TraceDiscovery.builder().build().scan(List.of(traces), new TraceDiscovery.Listener() {
            @Override
            public void problem(Path file, long line, String message) {
                problems.add(file.getFileName() + ":" + line + ": " + message);
            }
        });
        assertThat(problems).singleElement().asString().startsWith("other-languages.jsonl:3: not valid JSON at column ")
                .endsWith("; line skipped").doesNotContain(AZURE_KEY);
        assertThat(d.ungovernedCalls()).isEqualTo(8);
        assertThat(d.stats().malformedLines()).isEqualTo(1);
        assertThat(d.stats().lines()).isEqualTo(14);
    }

    @Test
    void aTruncatedGzipFileIsReportedAndTheScanGoesOn() throws IOException {
        Path gz = tmp.resolve("cut.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(traces));
        }
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
        List<String> problems = new ArrayList<>();
        Discovery d = TraceDiscovery.builder().build().scan(List.of(gz, traces), new TraceDiscovery.Listener() {
            @Override
            public void problem(Path file, long line, String message) {
                problems.add(file.getFileName() + ":" + line + ": " + message);
            }
        });
        assertThat(problems).singleElement().asString().startsWith("cut.jsonl.gz:")
                .endsWith(": could not be read to its end (EOFException)");
        assertThat(d.stats().unreadable()).isEqualTo(1);
        assertThat(d.ungovernedCalls()).isEqualTo(8);
    }

    @Test
    void aModelCallKnownOnlyFromTheGenAiConventionsIsFoundAndCountedOnce() throws IOException {
        long t0 = 1_700_000_000_000_000_000L;
        String a = "a".repeat(32);
        String b = "b".repeat(32);
        String c = "c".repeat(32);
        String d = "d".repeat(32);
        String e = "e".repeat(32);
        Path file = tmp.resolve("genai.jsonl");
        Files.write(file, List.of(
                // Python's openai instrumentation alone: a client span by the GenAI conventions, no HTTP span
                TraceLines.line("py-bot", "opentelemetry.instrumentation.openai_v2",
                        TraceLines.span(a, "a".repeat(16), "", 3, t0, "gen_ai.operation.name", "chat",
                                "gen_ai.system", "openai", "server.address", "api.openai.com")),
                // no server.address: the provider names the destination; gen_ai.provider.name wins over gen_ai.system
                TraceLines.line("node-bot", "genai-sdk",
                        TraceLines.span(b, "b".repeat(16), "", 3, t0 + 1, "gen_ai.system", "old-name",
                                "gen_ai.operation.name", "generate_content", "gen_ai.provider.name", "gcp.gemini")),
                // the instrumented SDK's span wraps AIMS's governed span (the HTTP span is under AIMS's): governed
                TraceLines.line("java-bot", "io.opentelemetry.openai-java",
                        TraceLines.span(c, "c".repeat(15) + "1", "", 3, t0 + 2, "gen_ai.operation.name", "chat",
                                "gen_ai.provider.name", "openai", "server.address", "api.openai.com")),
                TraceLines.line("java-bot", "io.opentelemetry.java-http-client",
                        TraceLines.span(c, "c".repeat(15) + "3", "c".repeat(15) + "2", 3, t0 + 3,
                                "http.request.method", "POST", "url.full", "https://api.openai.com/v1/chat/completions")),
                TraceLines.line("java-bot", TraceDiscovery.AIMS_SCOPE,
                        TraceLines.span(c, "c".repeat(15) + "2", "c".repeat(15) + "1", 3, t0 + 2,
                                "gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai",
                                TraceDiscovery.AIMS_CALL_ID, "call-1")),
                // a GenAI span over its HTTP span, the HTTP span read first: one call, with the HTTP path
                TraceLines.line("go-bot", "net/http",
                        TraceLines.span(d, "d".repeat(15) + "2", "d".repeat(15) + "1", 3, t0 + 5,
                                "http.request.method", "POST", "url.full", "https://api.anthropic.com/v1/messages")),
                TraceLines.line("go-bot", "genai",
                        TraceLines.span(d, "d".repeat(15) + "1", "", 3, t0 + 4, "gen_ai.operation.name", "chat",
                                "gen_ai.provider.name", "anthropic", "server.address", "api.anthropic.com")),
                // a framework's internal span with GenAI attributes is no client call
                TraceLines.line("py-bot", "langchain",
                        TraceLines.span(e, "e".repeat(16), "", 1, t0 + 6, "gen_ai.operation.name", "chat",
                                "gen_ai.system", "openai"))));
        Discovery found = TraceDiscovery.builder().build().scan(List.of(file));
        assertThat(found.governedCalls()).isEqualTo(1);
        assertThat(found.ungoverned()).extracting(UngovernedUse::service, UngovernedUse::provider,
                UngovernedUse::host, UngovernedUse::path, UngovernedUse::calls).containsExactlyInAnyOrder(
                tuple("py-bot", "openai", "api.openai.com", "chat", 1L),
                tuple("node-bot", "gcp.gemini", "gcp.gemini", "generate_content", 1L),
                tuple("go-bot", "anthropic", "api.anthropic.com", "/v1/messages", 1L));
        assertThat(found.ungovernedCalls()).isEqualTo(3);
    }

    @Test
    void theSameExportReadTwiceIsCountedOnce() throws IOException {
        Path copy = Files.copy(traces, tmp.resolve("copy.jsonl"));
        Discovery d = TraceDiscovery.builder().build().scan(List.of(traces, copy));
        assertThat(d.governedCalls()).isEqualTo(1);
        assertThat(d.ungovernedCalls()).isEqualTo(8);
        assertThat(d.stats().duplicateSpans()).isEqualTo(17);
    }

    @Test
    void aPeriodCountsOnlyCallsThatStartedInIt() throws IOException {
        Discovery d = TraceDiscovery.builder().from(Instant.parse("2024-05-01T10:03:00Z"))
                .to(Instant.parse("2024-05-01T10:05:00Z")).build().scan(List.of(traces));
        assertThat(d.ungoverned()).extracting(UngovernedUse::service).containsExactly("go-ranker",
                "dotnet-claims");
        assertThat(d.governedCalls()).isZero();
    }

    @Test
    void userHostsExtendAndSilence() throws IOException {
        Path hosts = tmp.resolve("hosts.txt");
        Files.writeString(hosts, "-  ollama.internal\nstripe-ai api.stripe.com /v1/charges\n");
        Discovery d = TraceDiscovery.builder().hosts(List.of(hosts)).build().scan(List.of(traces));
        assertThat(d.ungoverned()).extracting(UngovernedUse::service).doesNotContain("node-summariser");
        assertThat(d.ungoverned()).extracting(UngovernedUse::provider).contains("stripe-ai");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> TraceDiscovery.builder().build().scan(List.of(tmp.resolve("missing"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no such file or directory: "
                        + tmp.resolve("missing"));
        assertThatThrownBy(() -> TraceDiscovery.builder().build().scan(List.of()))
                .hasMessage("paths must name at least one file or directory, but was empty");
        assertThatThrownBy(() -> TraceDiscovery.builder().window(0))
                .hasMessage("window must be greater than 0, but was 0");
        assertThatThrownBy(() -> TraceDiscovery.builder().window(5).window(6))
                .hasMessage("window was already set to 5");
        assertThatThrownBy(() -> TraceDiscovery.builder().hosts(List.of()).hosts(List.of()))
                .hasMessage("hosts were already set");
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        assertThatThrownBy(() -> TraceDiscovery.builder().from(t).to(t).build())
                .hasMessageStartingWith("the period must end after it starts");
    }
}
