package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiSystem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report tells the exact truth about what each entry shows, from entries written by hand. */
class ReportDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void countsRedactedCallsAsModifiedAndSaysHow() throws Exception {
        JsonNode r = report(null,
                call("allowed", "{\"EMAIL_ADDRESS\":2}", "[]", true),
                call("allowed", "{}", "[{\"effect\":\"MODIFY\",\"policy\":\"tone\",\"version\":\"1\"}]", true),
                call("allowed", "{\"CREDIT_CARD\":1}", "[{\"effect\":\"MODIFY\",\"policy\":\"tone\"}]", true),
                call("allowed", "{}", "[]", true),
                call("denied", "{\"PRIVATE_KEY\":1}", "[{\"effect\":\"DENY\",\"policy\":\"data\"}]", true));
        assertThat(r.at("/totals/allowed").asLong()).isEqualTo(4);
        assertThat(r.at("/totals/modified").asLong()).isEqualTo(3);
        assertThat(r.at("/totals/allowedUnchanged").asLong()).isEqualTo(1);
        JsonNode how = control(r, "A.9.3").at("/figures/modifiedHow");
        assertThat(how.path("redacted").asLong()).isEqualTo(1);
        assertThat(how.path("policyModify").asLong()).isEqualTo(1);
        assertThat(how.path("redactedAndPolicyModify").asLong()).isEqualTo(1);
        JsonNode f = control(r, "A.6.2.6").path("figures");
        assertThat(f.path("findingOccurrences").asLong()).isEqualTo(4);
        assertThat(f.path("distinctValues").isNull()).isTrue();
        assertThat(f.path("distinctValuesNote").asText()).startsWith("not recorded: no value digests in the 3 calls"
                + " with findings");
    }

    @Test
    void listsCallsMadeWithRedactionOffAsAGapAndOldEntriesAsNotRecorded() throws Exception {
        String old = "{\"outcome\":\"allowed\",\"findings\":{},\"decisions\":[{\"effect\":\"ALLOW\"}],"
                + "\"context\":{\"systemId\":\"bot\",\"purpose\":\"help\"}}";
        JsonNode r = report(inventory(), call("allowed", "{}", "[]", false), call("allowed", "{}", "[]", false),
                call("allowed", "{\"EMAIL_ADDRESS\":1}", "[]", true), JSON.readTree(old));
        JsonNode a626 = control(r, "A.6.2.6");
        assertThat(a626.at("/figures/callsWithRedactionOff").asLong()).isEqualTo(2);
        assertThat(a626.at("/figures/callsWithRedactionNotRecorded").asLong()).isEqualTo(1);
        assertThat(a626.path("status").asText()).isEqualTo("partly evidenced");
        assertThat(gaps(r)).contains("A.6.2.6 partly evidenced: 2 of 4 calls were made with redaction switched off"
                + " (Redactor.none()): their personal data and secrets were not intercepted",
                "A.6.2.6 partly evidenced: whether redaction was on is not recorded for 1 of 4 calls (entries"
                        + " written before the evidence recorded it)");
        // Calls with redaction off found nothing; they are not counted as modified.
        assertThat(r.at("/totals/modified").asLong()).isEqualTo(1);
    }

    @Test
    void aControlReadsEvidencedOnlyWhenItsEvidenceIsPresent() throws Exception {
        JsonNode bare = JSON.readTree("{\"outcome\":\"allowed\",\"findings\":{},\"decisions\":[],"
                + "\"redactionEnabled\":true,\"context\":{}}");
        JsonNode r = report(null, bare, bare);
        assertThat(status(r, "A.6.2.6")).isEqualTo("not evidenced: no AI-system inventory was given (--systems):"
                + " the report cannot show that the monitored calls cover the AI systems in operation");
        assertThat(status(r, "A.7.5")).startsWith("not evidenced: no call names a parent call or source ids");
        assertThat(status(r, "A.9.2")).isEqualTo("not evidenced: no policy decision is recorded: no policy was in"
                + " force");
        assertThat(status(r, "A.9.4")).isEqualTo("not evidenced: no call names its purpose (CallContext.purpose):"
                + " intended use cannot be shown");
        assertThat(status(r, "A.8.4")).isEqualTo("evidenced: 0 incidents recorded: 0 denials, 0 control failures, 0"
                + " provider errors");

        JsonNode full = call("allowed", "{}", "[{\"effect\":\"ALLOW\",\"policy\":\"p\",\"version\":\"1\"}]", true);
        ((ObjectNode) full.path("context")).put("parentCallId", "c-0");
        JsonNode withAll = report(inventory(), full);
        assertThat(status(withAll, "A.6.2.6")).startsWith("evidenced: 1 call of 1 registered AI system monitored");
        assertThat(status(withAll, "A.7.5")).isEqualTo("evidenced: 1 of 1 call name their lineage (parent call or"
                + " sources)");
        assertThat(status(withAll, "A.9.4")).startsWith("evidenced: every call names its system and purpose");
        assertThat(withAll.path("gaps")).isEmpty();
    }

    @Test
    void anAnsweredCallOutsideItsRegistrationContradictsIntendedUse() throws Exception {
        AiSystemInventory narrow = AiSystemInventory.builder()
                .register(AiSystem.builder("bot").intendedUses(List.of("billing")).build()).build();
        JsonNode r = report(narrow, call("allowed", "{}", "[{\"effect\":\"ALLOW\"}]", true),
                call("denied", "{}", "[{\"effect\":\"DENY\"}]", true));
        assertThat(status(r, "A.9.4")).isEqualTo("contradicted: use outside registration: bot purpose 'help' (1 call"
                + " answered)");
        assertThat(gaps(r)).contains("A.9.4 contradicted: use outside registration: bot purpose 'help' (1 call"
                + " answered)");
    }

    @Test
    void aPeriodWithoutCallsReadsNoCallsNotEvidenced() throws Exception {
        JsonNode r = report(null);
        for (JsonNode c : r.path("controls")) {
            assertThat(c.path("status").asText()).as(c.path("id").asText()).isEqualTo("no calls in period");
        }
        assertThat(r.path("gaps")).isEmpty();
    }

    @Test
    void countsRestorationsIntoToolArgumentsByTypeAndTool() throws Exception {
        JsonNode c = call("allowed", "{\"EMAIL_ADDRESS\":1}", "[]", true);
        ((ObjectNode) c).set("restorations", JSON.readTree(
                "[{\"tool\":\"lookupOrder\",\"type\":\"EMAIL_ADDRESS\"}]"));
        JsonNode r = report(null, c, c);
        assertThat(control(r, "A.6.2.6").at("/figures/pseudonymsRestoredIntoToolArguments")
                .path("EMAIL_ADDRESS into lookupOrder").asLong()).isEqualTo(2);
    }

    private static final String KEY = "00112233aabbccdd";
    private static final String D1 = "1".repeat(32);
    private static final String D2 = "2".repeat(32);

    /** An answered call with findings and, when {@code digests} is not null, its value digests under a key. */
    static JsonNode withDigests(String findings, String key, String digests) throws Exception {
        ObjectNode c = (ObjectNode) call("allowed", findings, "[]", true);
        if (digests != null) {
            c.set("valueDigests", JSON.readTree("{\"key\":\"" + key + "\",\"types\":" + digests + "}"));
        }
        return c;
    }

    @Test
    void countsDistinctValuesApartFromOccurrences() throws Exception {
        JsonNode six = withDigests("{\"EMAIL_ADDRESS\":1}", KEY, "{\"EMAIL_ADDRESS\":[\"" + D1 + "\"]}");
        JsonNode r = report(null, six, six, six, six, six, six);
        JsonNode f = control(r, "A.6.2.6").path("figures");
        assertThat(f.path("findingOccurrences").asLong()).isEqualTo(6);
        assertThat(f.path("distinctValues").asLong()).isEqualTo(1);
        assertThat(f.at("/distinctValuesByType/EMAIL_ADDRESS").asLong()).isEqualTo(1);
        assertThat(f.path("callsWithFindingsAndValueDigests").asLong()).isEqualTo(6);
        assertThat(f.path("findingOccurrencesWithValueDigests").asLong()).isEqualTo(6);
        assertThat(f.path("valueDigestKeys").asLong()).isEqualTo(1);
        assertThat(f.path("distinctValuesNote").asText()).isEqualTo("each value counted once however often it"
                + " occurs, by its keyed digest (never the value); a value found under two types counts once in"
                + " the total and once under each type");

        JsonNode two = withDigests("{\"EMAIL_ADDRESS\":3}", KEY, "{\"EMAIL_ADDRESS\":[\"" + D1 + "\",\"" + D2
                + "\"]}");
        f = control(report(null, six, two), "A.6.2.6").path("figures");
        assertThat(f.path("findingOccurrences").asLong()).isEqualTo(4);
        assertThat(f.path("distinctValues").asLong()).isEqualTo(2);
    }

    @Test
    void countsAValueFoundUnderTwoTypesUnderEachAndOnceInTheTotal() throws Exception {
        JsonNode c = withDigests("{\"US_SSN\":1,\"PHONE_NUMBER\":2}", KEY, "{\"US_SSN\":[\"" + D1 + "\"],"
                + "\"PHONE_NUMBER\":[\"" + D1 + "\",\"" + D2 + "\"]}");
        JsonNode f = control(report(null, c), "A.6.2.6").path("figures");
        assertThat(f.at("/distinctValuesByType/US_SSN").asLong()).isEqualTo(1);
        assertThat(f.at("/distinctValuesByType/PHONE_NUMBER").asLong()).isEqualTo(2);
        assertThat(f.path("distinctValues").asLong()).isEqualTo(2);
    }

    @Test
    void countsOnlyTheEntriesThatCarryDigestsAndSaysSo() throws Exception {
        JsonNode digested = withDigests("{\"EMAIL_ADDRESS\":2}", KEY, "{\"EMAIL_ADDRESS\":[\"" + D1 + "\"]}");
        JsonNode old = withDigests("{\"EMAIL_ADDRESS\":3}", null, null);
        JsonNode clean = call("allowed", "{}", "[]", true);
        JsonNode f = control(report(null, digested, old, old, clean), "A.6.2.6").path("figures");
        assertThat(f.path("findingOccurrences").asLong()).isEqualTo(8);
        assertThat(f.path("distinctValues").asLong()).isEqualTo(1);
        assertThat(f.path("callsWithFindingsAndValueDigests").asLong()).isEqualTo(1);
        assertThat(f.path("findingOccurrencesWithValueDigests").asLong()).isEqualTo(2);
        assertThat(f.path("distinctValuesNote").asText()).endsWith("; covers only the 1 of 3 calls with findings"
                + " that carry value digests (2 of 8 occurrences); the others are left out (entries written before"
                + " the evidence recorded value digests, or by a redactor that does not digest all it finds)");

        // A call whose digests leave out a type it found is not covered either: its count would be too low.
        JsonNode inPart = withDigests("{\"EMAIL_ADDRESS\":1,\"US_SSN\":1}", KEY, "{\"EMAIL_ADDRESS\":[\"" + D2
                + "\"]}");
        f = control(report(null, digested, inPart), "A.6.2.6").path("figures");
        assertThat(f.path("distinctValues").asLong()).isEqualTo(1);
        assertThat(f.path("callsWithFindingsAndValueDigests").asLong()).isEqualTo(1);
        assertThat(f.path("findingOccurrencesWithValueDigests").asLong()).isEqualTo(2);

        f = control(report(null, old, clean), "A.6.2.6").path("figures");
        assertThat(f.path("distinctValues").isNull()).isTrue();
        assertThat(f.path("distinctValuesByType").isNull()).isTrue();
        assertThat(f.path("distinctValuesNote").asText()).isEqualTo("not recorded: no value digests in the 1 call with"
                + " findings (entries written before the evidence recorded value digests, or by a"
                + " redactor that does not digest all it finds); only occurrences are counted");

        f = control(report(null, clean), "A.6.2.6").path("figures");
        assertThat(f.path("distinctValues").asLong(-1)).isZero();
        assertThat(f.path("distinctValuesNote").asText()).isEqualTo("no sensitive value was found");
    }

    @Test
    void digestsUnderDifferentKeysDoNotCompareAndTheNoteSaysTheCountMayBeHigh() throws Exception {
        JsonNode first = withDigests("{\"EMAIL_ADDRESS\":1}", KEY, "{\"EMAIL_ADDRESS\":[\"" + D1 + "\"]}");
        JsonNode restarted = withDigests("{\"EMAIL_ADDRESS\":1}", "ffeeddccbbaa9988",
                "{\"EMAIL_ADDRESS\":[\"" + D1 + "\"]}");
        JsonNode f = control(report(null, first, restarted), "A.6.2.6").path("figures");
        assertThat(f.path("distinctValues").asLong()).isEqualTo(2);
        assertThat(f.path("valueDigestKeys").asLong()).isEqualTo(2);
        assertThat(f.path("distinctValuesNote").asText()).endsWith("; the digests were made under 2 different"
                + " keys (a redactor without a configured hashKey makes a new key each time it is built, so in each"
                + " process): a value seen under two keys counts twice, so the figure may count a value more than"
                + " once");
    }

    static JsonNode call(String outcome, String findings, String decisions, boolean redaction) throws Exception {
        return JSON.readTree("{\"outcome\":\"" + outcome + "\",\"findings\":" + findings + ",\"decisions\":"
                + decisions + ",\"redactionEnabled\":" + redaction + ",\"provider\":\"openai\",\"model\":\"m\","
                + "\"context\":{\"systemId\":\"bot\",\"purpose\":\"help\",\"principal\":\"u\"}}");
    }

    private static AiSystemInventory inventory() {
        return AiSystemInventory.builder().register(AiSystem.builder("bot").intendedUses(List.of("help")).build())
                .build();
    }

    static JsonNode report(AiSystemInventory inventory, JsonNode... calls) throws Exception {
        return report(inventory, new OutsideGovernance(null), calls);
    }

    static JsonNode report(AiSystemInventory inventory, OutsideGovernance outside, JsonNode... calls)
            throws Exception {
        ReportData data = new ReportData(1);
        long seq = 1;
        for (JsonNode c : calls) {
            data.add(new EvidenceScan.Call(Path.of("evidence-000001.jsonl"), seq, seq, Instant.EPOCH.plusSeconds(seq),
                    "0".repeat(64), c));
            seq++;
        }
        Verification v = new Verification(Path.of("ev"), "i", calls.length + 2, calls.length, 1, 1, 1,
                Instant.EPOCH, Instant.EPOCH, "0".repeat(64), 0, List.of("fp"), true, List.of("fp"), 0, null);
        return JSON.readTree(data.toJson(Instant.EPOCH, null, null, List.of(v), inventory, 0, outside)
                .toString());
    }

    private static String status(JsonNode r, String id) {
        JsonNode c = control(r, id);
        return c.path("status").asText() + ": " + c.path("statusReason").asText();
    }

    private static List<String> gaps(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.path("gaps").forEach(g -> out.add(g.path("control").asText() + " " + g.path("level").asText() + ": "
                + g.path("gap").asText()));
        return out;
    }

    static JsonNode control(JsonNode r, String id) {
        for (JsonNode c : r.path("controls")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no control " + id);
    }
}
