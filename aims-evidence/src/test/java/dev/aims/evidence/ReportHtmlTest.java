package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportHtmlTest {
    @Test
    void escapesHostileValuesAndStaysWellFormed() throws Exception {
        ObjectNode report = emptyReport();
        ((ObjectNode) report.path("controls").get(6).path("figures")).putArray("systems").addObject()
                .put("systemId", "<script>alert('x')</script> & \"q\" \u0001");
        String html = ReportHtml.render(report);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp;");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rendersAnEmptyPeriodWithoutCharts() throws Exception {
        String html = ReportHtml.render(emptyReport());
        assertThat(html).contains("No calls in the period.").contains("no calls in period");
    }

    @Test
    void roundsTheChartScaleUpToARoundNumber() {
        assertThat(ReportHtml.niceCeiling(1)).isEqualTo(1);
        assertThat(ReportHtml.niceCeiling(7)).isEqualTo(8);
        assertThat(ReportHtml.niceCeiling(17)).isEqualTo(20);
        assertThat(ReportHtml.niceCeiling(714)).isEqualTo(800);
        assertThat(ReportHtml.niceCeiling(401)).isEqualTo(800);
        assertThat(ReportHtml.niceCeiling(3_500)).isEqualTo(4_000);
        assertThat(ReportHtml.niceCeiling(1000)).isEqualTo(1000);
    }

    @Test
    void theSensitiveDataTileSaysOfHowManyDistinctValuesAndNeverGuesses() throws Exception {
        assertThat(tile(0, null, 0, 0)).isEqualTo("Sensitive-data occurrences");
        assertThat(tile(6, null, 0, 0)).isEqualTo("Sensitive-data occurrences (distinct values not recorded)");
        assertThat(tile(1, 1L, 1, 1)).isEqualTo("Sensitive-data occurrence, of 1 distinct value");
        assertThat(tile(1_200, 3L, 1_200, 1)).isEqualTo("Sensitive-data occurrences, of 3 distinct values");
        assertThat(tile(8, 2L, 5, 1)).isEqualTo("Sensitive-data occurrences; 2 distinct values in the 5 with"
                + " digests (see A.6.2.6)");
        assertThat(tile(8, 4L, 8, 2)).isEqualTo("Sensitive-data occurrences, of 4 distinct values (at most; see"
                + " A.6.2.6)");
    }

    /** @return the label of the sensitive-data tile for these A.6.2.6 figures */
    private static String tile(long occurrences, Long distinct, long covered, long keys) throws Exception {
        ObjectNode report = emptyReport();
        ObjectNode f = (ObjectNode) report.path("controls").get(0).path("figures");
        assertThat(report.path("controls").get(0).path("id").asText()).isEqualTo("A.6.2.6");
        f.put("findingOccurrences", occurrences);
        if (distinct == null) {
            f.putNull("distinctValues");
        } else {
            f.put("distinctValues", distinct);
        }
        f.put("findingOccurrencesWithValueDigests", covered);
        f.put("valueDigestKeys", keys);
        String html = ReportHtml.render(report);
        int at = html.indexOf("Sensitive-data occurrence");
        assertThat(at).as("the tile").isNotNegative();
        String v = "<div class=\"v\">" + String.format(java.util.Locale.ROOT, "%,d", occurrences)
                + "</div><div class=\"l\">";
        assertThat(html.substring(0, at)).as("the number above the label").endsWith(v);
        return html.substring(at, html.indexOf("</div>", at));
    }

    @Test
    void humanizesFigureNames() {
        assertThat(ReportHtml.humanize("callsWithPrincipal")).isEqualTo("Calls with principal");
        assertThat(ReportHtml.humanize("latencyP95Micros")).isEqualTo("Latency p95 (µs)");
    }

    private static ObjectNode emptyReport() throws Exception {
        Verification v = new Verification(java.nio.file.Path.of("ev"), "i", 1, 0, 0, 1, 1, Instant.EPOCH,
                Instant.EPOCH, "0".repeat(64), 0, List.of(), false, List.of(), 0, null);
        JsonNode json = new ReportData(1).toJson(Instant.EPOCH, null, null, List.of(v), null, 0,
                new OutsideGovernance(null));
        return (ObjectNode) new ObjectMapper().readTree(json.toString());
    }
}
