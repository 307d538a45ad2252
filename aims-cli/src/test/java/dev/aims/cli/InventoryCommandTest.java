package dev.aims.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryCommandTest {
    @TempDir
    Path tmp;
    Path evidence;

    @BeforeEach
    void writeEvidence() throws IOException {
        evidence = EvidenceFixture.write(tmp);
    }

    @Test
    void listsWhatWasUsedWithPrincipalCountsNotIds() {
        CliRun r = CliRun.of("inventory", evidence.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("25 calls (principals: number of distinct ids)");
        assertThat(r.out()).containsPattern("support-bot\\s+-\\s+23\\s+3\\s+0\\s+3\\s+openai\\(23\\)\\s+"
                + "gpt-4o-mini\\(20\\),o1-preview\\(3\\)\\s+customer-support\\(23\\)");
        assertThat(r.out()).containsPattern("hr-assistant\\s+-\\s+2\\s+0\\s+0\\s+1\\s");
        assertThat(r.out()).doesNotContain("u-0").doesNotContain("u-7");
    }

    @Test
    void flagsUnregisteredNeverSeenAndOffRegistrationUseAndExitsOne() {
        CliRun r = CliRun.of("inventory", evidence.toString(), "--systems",
                EvidenceFixture.inventory(tmp, false).toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).containsPattern("support-bot\\s+yes\\s+23")
                .containsPattern("hr-assistant\\s+NO\\s+2")
                .containsPattern("legacy-search\\s+yes\\s+0")
                .contains("SEEN BUT NOT REGISTERED: hr-assistant (2 calls)")
                .contains("TRIED OUTSIDE REGISTRATION, STOPPED: support-bot tried model 'o1-preview' (3 calls, none"
                        + " answered)")
                .contains("REGISTERED, NEVER SEEN: legacy-search");
    }

    @Test
    void anAnsweredCallOutsideItsRegistrationExitsOne() {
        Path systems = EvidenceFixture.writeString(tmp.resolve("narrow.json"), "{\"systems\":[{\"id\":"
                + "\"support-bot\",\"allowedModels\":[\"gpt-4o*\",\"o1-preview\"]},{\"id\":\"hr-assistant\","
                + "\"intendedUses\":[\"onboarding\"]}]}");
        CliRun r = CliRun.of("inventory", evidence.toString(), "--systems", systems.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("OUTSIDE REGISTRATION: hr-assistant used purpose 'screening' (2 calls, 2"
                + " answered), not in its registration");
    }

    @Test
    void exitsZeroWhenTheInventoryCoversEverythingSeen() {
        CliRun r = CliRun.of("inventory", evidence.toString(), "--systems",
                EvidenceFixture.inventory(tmp, true).toString());
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("Every system seen is registered and used as registered.");
    }

    @Test
    void aBadInventoryIsAUsageErrorNamingTheJsonPathAndValue() {
        Path systems = EvidenceFixture.writeString(tmp.resolve("systems.json"),
                "{\"systems\":[{\"id\":\"a\"},{\"id\":\"b\",\"riskLevel\":3}]}");
        CliRun r = CliRun.of("inventory", evidence.toString(), "--systems", systems.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("aims inventory: " + systems + ": $.systems[1].riskLevel must be a non-blank"
                + " string, but was 3" + System.lineSeparator());
    }

    @Test
    void aMissingPathIsAUsageError() {
        CliRun r = CliRun.of("inventory", tmp.resolve("nope").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no such file or directory");
    }

    @Test
    void mergesTheEvidenceOfAFleet() {
        Path a = EvidenceFixture.instance(tmp.resolve("i1"), "i-1", 5, 1);
        Path b = EvidenceFixture.instance(tmp.resolve("i2"), "i-2", 3, 2);
        CliRun r = CliRun.of("inventory", a.toString(), b.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("AI systems in 2 evidence directories (" + a + ", " + b + "): 11 calls");
        // u-0..u-2 called on both instances: three distinct principals across the fleet.
        assertThat(r.out()).containsPattern("support-bot\\s+-\\s+11\\s+3\\s+0\\s+3\\s+openai\\(11\\)\\s+"
                + "gpt-4o-mini\\(8\\),o1-preview\\(3\\)");
    }
}
