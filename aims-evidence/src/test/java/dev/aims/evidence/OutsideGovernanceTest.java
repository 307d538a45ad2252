package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aims.evidence.discover.Discovery;
import dev.aims.evidence.discover.TraceDiscovery;
import dev.aims.evidence.discover.TraceLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.aims.evidence.ReportDataTest.call;
import static dev.aims.evidence.ReportDataTest.control;
import static dev.aims.evidence.ReportDataTest.report;
import static org.assertj.core.api.Assertions.assertThat;

/** The report's section "AI use outside governance", and the controls it contradicts or supports. */
class OutsideGovernanceTest {
    static final long T0 = 1_714_557_600_000_000_000L;

    @TempDir
    Path tmp;

    /** Two ungoverned services (checkout twice to OpenAI, batch once to Anthropic) and one governed call. */
    static Path traces(Path dir) throws IOException {
        Path file = dir.resolve("traces.jsonl");
        Files.write(file, List.of(
                TraceLines.line("checkout", "io.opentelemetry.java-http-client",
                        TraceLines.span("a1".repeat(16), "0000000000000001", "", 3, T0, "http.request.method",
                                "POST", "url.full", "https://api.openai.com/v1/chat/completions"),
                        TraceLines.span("a2".repeat(16), "0000000000000001", "", 3, T0 + 1_000_000_000,
                                "http.request.method", "POST", "url.full",
                                "https://api.openai.com/v1/chat/completions")),
                TraceLines.line("batch", "io.opentelemetry.java-http-client",
                        TraceLines.span("b1".repeat(16), "0000000000000002", "0000000000000001", 3, T0,
                                "http.request.method", "POST", "server.address", "api.anthropic.com", "url.path",
                                "/v1/messages")),
                TraceLines.line("support", "dev.aims",
                        TraceLines.span("c1".repeat(16), "0000000000000001", "", 3, T0, "aims.call.id", "c-1",
                                "server.address", "api.openai.com"))));
        return file;
    }

    private static List<String> gaps(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.path("gaps").forEach(g -> out.add(g.path("control").asText() + " " + g.path("level").asText() + ": "
                + g.path("gap").asText()));
        return out;
    }

    @Test
    void ungovernedUseContradictsInventoryDataAndUseControlsAndNamesEachService() throws Exception {
        Discovery found = TraceDiscovery.builder().build().scan(List.of(traces(tmp)));
        JsonNode r = report(null, new OutsideGovernance(found), call("allowed", "{}", "[{\"effect\":\"ALLOW\"}]",
                true));
        JsonNode s = r.path("outsideGovernance");
        assertThat(s.path("checked").asBoolean()).isTrue();
        assertThat(s.path("status").asText()).isEqualTo("contradicted");
        assertThat(s.path("aiCalls").asLong()).isEqualTo(4);
        assertThat(s.path("governedCalls").asLong()).isEqualTo(1);
        assertThat(s.path("ungovernedCalls").asLong()).isEqualTo(3);
        assertThat(s.path("governedPercent").asDouble()).isEqualTo(25.0);
        assertThat(s.at("/ungoverned/0/service").asText()).isEqualTo("checkout");
        assertThat(s.at("/ungoverned/0/calls").asLong()).isEqualTo(2);
        assertThat(s.at("/ungoverned/0/host").asText()).isEqualTo("api.openai.com");
        assertThat(s.at("/ungoverned/1/path").asText()).isEqualTo("/v1/messages");
        assertThat(s.path("ungovernedServices").findValuesAsText("service")).containsExactly("batch", "checkout");
        for (String id : new String[] {"A.6.2.6", "A.6.2.8", "A.7.5", "A.9.2", "A.9.4"}) {
            assertThat(control(r, id).path("status").asText()).as(id).isEqualTo("contradicted");
        }
        assertThat(control(r, "A.8.4").path("status").asText()).isEqualTo("evidenced");
        List<String> gaps = gaps(r);
        assertThat(gaps).contains("A.9.2 contradicted: no policy decided 3 AI calls in the traces, by batch (1 call),"
                + " checkout (2 calls)");
        assertThat(gaps.stream().filter(g -> g.contains("batch (1 call)") && g.contains("checkout (2 calls)")))
                .hasSize(5);
        assertThat(control(r, "A.6.2.6").at("/figures/aiCallsInTracesOutsideGovernance").asLong()).isEqualTo(3);
    }

    @Test
    void tracesWhoseAiCallsAreAllGovernedSupportMonitoringAndUse() throws Exception {
        Path file = tmp.resolve("governed.jsonl");
        Files.write(file, List.of(Files.readAllLines(traces(tmp)).get(2)));
        JsonNode r = report(null, new OutsideGovernance(TraceDiscovery.builder().build().scan(List.of(file))),
                call("allowed", "{}", "[{\"effect\":\"ALLOW\"}]", true));
        JsonNode s = r.path("outsideGovernance");
        assertThat(s.path("status").asText()).isEqualTo("evidenced");
        assertThat(s.path("statusReason").asText()).isEqualTo("every one of the 1 AI call in the traces was"
                + " governed by AIMS");
        assertThat(s.at("/controls/0/effect").asText()).isEqualTo("supported");
        assertThat(gaps(r)).noneMatch(g -> g.contains("traces"));
        assertThat(control(r, "A.9.2").path("status").asText()).isEqualTo("evidenced");
    }

    @Test
    void withoutTracesTheSectionSaysItWasNotLookedFor() throws Exception {
        JsonNode r = report(null, call("allowed", "{}", "[{\"effect\":\"ALLOW\"}]", true));
        JsonNode s = r.path("outsideGovernance");
        assertThat(s.path("checked").asBoolean()).isFalse();
        assertThat(s.path("status").asText()).isEqualTo("not checked");
        assertThat(s.path("statusReason").asText()).startsWith("no trace exports were given (aims report --traces");
        assertThat(control(r, "A.6.2.6").path("figures").has("aiCallsInTracesOutsideGovernance")).isFalse();
    }
}
