package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.core.GovernedClient;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through a real client and redactor into a real log and report: one value sent in six calls is six occurrences of
 * one value, the digests that tell values apart are covered by the chain, and no value, nor an unkeyed hash of one,
 * is in the log or the report.
 */
class DistinctValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL = Seeds.byType().get("EMAIL_ADDRESS");
    private static final byte[] KEY = "a hash key of 32 bytes, for test".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void oneAddressInSixCallsIsSixOccurrencesOfOneValue() throws Exception {
        Path evidence = dir.resolve("evidence");
        try (EvidenceLog log = EvidenceLog.builder().directory(evidence).build()) {
            GovernedClient client = client(log, AimsRedactor.builder().hashKey(KEY).build());
            for (int i = 0; i < 6; i++) {
                client.call(AiRequest.of("gpt-4o", "Ticket " + i + ": please answer " + EMAIL), ctx());
            }
            client.call(AiRequest.of("gpt-4o", "Forward to bob.roe@other.example and cc " + EMAIL), ctx());
        }
        assertThat(EvidenceVerifier.create().verify(evidence).intact()).isTrue();
        JsonNode f = control(report(evidence), "A.6.2.6").path("figures");
        assertThat(f.at("/findingOccurrencesByType/EMAIL_ADDRESS").asLong()).isEqualTo(8);
        assertThat(f.at("/distinctValuesByType/EMAIL_ADDRESS").asLong()).isEqualTo(2);
        assertThat(f.path("distinctValues").asLong()).isEqualTo(2);
        assertThat(f.path("valueDigestKeys").asLong()).isEqualTo(1);
        assertThat(f.path("callsWithFindingsAndValueDigests").asLong()).isEqualTo(7);
        String html = Files.readString(dir.resolve("report").resolve(EvidenceReport.HTML_FILE));
        assertThat(html).contains("<div class=\"v\">8</div><div class=\"l\">Sensitive-data occurrences, of 2"
                + " distinct values</div>");
    }

    @Test
    void noValueNorAnUnkeyedHashOfOneIsInTheLogOrTheReport() throws Exception {
        Path evidence = dir.resolve("evidence");
        try (EvidenceLog log = EvidenceLog.builder().directory(evidence).build()) {
            GovernedClient client = client(log, AimsRedactor.create());
            for (int i = 0; i < 3; i++) {
                client.call(AiRequest.of("gpt-4o", "Case " + i + ":\n" + Seeds.all()), ctx());
            }
        }
        assertThat(EvidenceVerifier.create().verify(evidence).intact()).isTrue();
        JsonNode r = report(evidence);
        JsonNode f = control(r, "A.6.2.6").path("figures");

        // Recount from the lines themselves: the report's figure is the union of the digests, per key.
        Set<String> digests = new HashSet<>();
        long withDigests = 0;
        for (JsonNode call : calls(evidence)) {
            JsonNode v = call.path("valueDigests");
            if (v.isObject()) {
                withDigests++;
                v.path("types").forEach(t -> t.forEach(d -> digests.add(v.path("key").asText() + d.asText())));
            }
        }
        assertThat(withDigests).isEqualTo(3);
        assertThat(f.path("distinctValues").asLong()).isEqualTo(digests.size());
        assertThat(f.path("findingOccurrences").asLong()).isEqualTo(3 * f.path("distinctValues").asLong());
        for (String type : Seeds.types()) {
            assertThat(f.at("/distinctValuesByType/" + type).asLong()).as(type).isEqualTo(1);
        }

        StringBuilder emitted = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                emitted.append(Files.readString(p, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        assertThat(Seeds.foundIn("the evidence and the report", emitted.toString())).isEmpty();
        String lower = emitted.toString().toLowerCase(Locale.ROOT);
        List<String> unkeyed = new ArrayList<>();
        for (Map.Entry<String, String> seed : Seeds.byType().entrySet()) {
            for (String spelling : new HashSet<>(List.of(seed.getValue(), seed.getValue().replace(" ", ""),
                    seed.getValue().toLowerCase(Locale.ROOT), seed.getValue().toUpperCase(Locale.ROOT)))) {
                for (String alg : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
                    String hex = HexFormat.of().formatHex(MessageDigest.getInstance(alg)
                            .digest(spelling.getBytes(StandardCharsets.UTF_8)));
                    if (lower.contains(hex.substring(0, 32)) || lower.contains(hex.substring(hex.length() - 32))) {
                        unkeyed.add(alg + " of " + seed.getKey());
                    }
                }
            }
        }
        assertThat(unkeyed).as("unkeyed hashes of values in what was written").isEmpty();
        // The report counts; it never prints a digest.
        String report = Files.readString(dir.resolve("report").resolve(EvidenceReport.JSON_FILE))
                + Files.readString(dir.resolve("report").resolve(EvidenceReport.HTML_FILE));
        assertThat(digests).allSatisfy(d -> assertThat(report).doesNotContain(d.substring(16)));
    }

    @Test
    void entriesWithoutDigestsStillVerifyAndReadAndTheCountSaysWhatItCovers() throws Exception {
        Path evidence = dir.resolve("evidence");
        try (EvidenceLog log = EvidenceLog.builder().directory(evidence).build()) {
            // A redactor that does not digest writes entries exactly as the log did before value digests existed.
            GovernedClient before = client(log, new Workload.EmailRedactor());
            for (int i = 0; i < 4; i++) {
                before.call(AiRequest.of("gpt-4o", "old " + i + " " + Workload.EMAIL), ctx());
            }
            GovernedClient after = client(log, AimsRedactor.builder().hashKey(KEY).build());
            for (int i = 0; i < 2; i++) {
                after.call(AiRequest.of("gpt-4o", "new " + i + " " + Workload.EMAIL), ctx());
            }
        }
        List<JsonNode> calls = calls(evidence);
        assertThat(calls).hasSize(6);
        assertThat(calls.subList(0, 4)).allSatisfy(c -> assertThat(c.has("valueDigests")).isFalse());
        assertThat(calls.subList(4, 6)).allSatisfy(c -> assertThat(c.has("valueDigests")).isTrue());
        Verification v = EvidenceVerifier.create().verify(evidence);
        assertThat(v.intact()).as(v.summary()).isTrue();

        JsonNode f = control(report(evidence), "A.6.2.6").path("figures");
        assertThat(f.path("findingOccurrences").asLong()).isEqualTo(6);
        assertThat(f.path("distinctValues").asLong()).isEqualTo(1);
        assertThat(f.path("findingOccurrencesWithValueDigests").asLong()).isEqualTo(2);
        assertThat(f.path("distinctValuesNote").asText()).contains("covers only the 2 of 6 calls with findings that"
                + " carry value digests (2 of 6 occurrences)");
        String html = Files.readString(dir.resolve("report").resolve(EvidenceReport.HTML_FILE));
        assertThat(html).contains("<div class=\"v\">6</div><div class=\"l\">Sensitive-data occurrences; 1 distinct"
                + " value in the 2 with digests (see A.6.2.6)</div>");
    }

    @Test
    void aChangedDigestBreaksTheChain() throws Exception {
        Path evidence = dir.resolve("evidence");
        try (EvidenceLog log = EvidenceLog.builder().directory(evidence).build()) {
            client(log, AimsRedactor.builder().hashKey(KEY).build())
                    .call(AiRequest.of("gpt-4o", "mail " + EMAIL), ctx());
        }
        Path file;
        try (Stream<Path> files = Files.list(evidence)) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().findFirst()
                    .orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"valueDigests\"")) {
                at = i;
            }
        }
        assertThat(at).isNotNegative();
        String line = lines.get(at);
        int d = line.indexOf("\"EMAIL_ADDRESS\":[\"") + "\"EMAIL_ADDRESS\":[\"".length();
        char c = line.charAt(d);
        lines.set(at, line.substring(0, d) + (c == '0' ? '1' : '0') + line.substring(d + 1));
        Files.write(file, lines);
        Verification v = EvidenceVerifier.create().verify(evidence);
        assertThat(v.intact()).isFalse();
        assertThat(v.fault().orElseThrow().line()).isEqualTo(at + 1);
    }

    private static GovernedClient client(EvidenceLog log, dev.aims.api.Redactor redactor) {
        return GovernedClient.builder().delegate(r -> AiResponse.of("noted")).provider("openai")
                .redactor(redactor).observer(log).build();
    }

    private static CallContext ctx() {
        return CallContext.builder().principal("u-1").systemId("support-bot").purpose("customer-support").build();
    }

    private JsonNode report(Path evidence) throws IOException {
        Path out = dir.resolve("report");
        EvidenceReport.builder().evidence(evidence).clock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"),
                ZoneOffset.UTC)).build().write(out);
        return JSON.readTree(out.resolve(EvidenceReport.JSON_FILE).toFile());
    }

    private static List<JsonNode> calls(Path evidence) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(evidence)) {
            for (Path p : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".jsonl")).sorted()::iterator) {
                for (String line : Files.readAllLines(p)) {
                    JsonNode e = JSON.readTree(line);
                    if ("call".equals(e.path("type").asText())) {
                        out.add(e.path("call"));
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode control(JsonNode r, String id) {
        for (JsonNode c : r.path("controls")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no control " + id);
    }
}
