package dev.aims.evidence;

import dev.aims.api.AiSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceUsageTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void produceEvidence() throws IOException {
        Workload.run(dir);
    }

    @Test
    void countsWhatEachSystemUsed() throws IOException {
        EvidenceUsage u = EvidenceUsage.scan(dir);
        assertThat(u.calls()).isEqualTo(Workload.CALLS);
        assertThat(u.systems()).extracting(s -> s.systemId().orElse("-")).containsExactly("hr-assistant",
                "support-bot");
        EvidenceUsage.SystemUsage bot = u.systems().get(1);
        assertThat(bot.calls()).isEqualTo(51);
        assertThat(bot.allowed()).isEqualTo(40);
        assertThat(bot.denied()).isEqualTo(6);
        assertThat(bot.errors()).isEqualTo(5);
        assertThat(bot.models()).containsEntry("gpt-4o-mini", 45L).containsEntry("o1-preview", 6L);
        assertThat(bot.providers()).containsExactlyEntriesOf(java.util.Map.of("openai", 51L));
        assertThat(bot.purposes()).containsExactlyEntriesOf(java.util.Map.of("customer-support", 51L));
        assertThat(bot.distinctPrincipals()).isEqualTo(3);
        assertThat(bot.callsWithoutPrincipal()).isZero();
        assertThat(bot.firstSeen()).isEqualTo(Workload.START);
        assertThat(bot.lastSeen()).isEqualTo(Workload.START.plusSeconds(60L * 50));
    }

    @Test
    void comparesWithTheInventory() throws IOException {
        EvidenceUsage u = EvidenceUsage.scan(dir);
        AiSystemInventory inv = Workload.inventory();
        assertThat(u.unregistered(inv)).extracting(s -> s.systemId().orElseThrow()).containsExactly("hr-assistant");
        assertThat(u.neverSeen(inv)).extracting(AiSystem::id).containsExactly("legacy-search");
        assertThat(u.deviations(inv)).containsExactly(new EvidenceUsage.Deviation("support-bot", "model",
                "o1-preview", 6, 0));
    }

    @Test
    void countsCallsWithoutASystemAsUnregisteredAndSkipsUnreadableLines(@TempDir Path other) throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(other).build()) {
            log.onCall(TestRecords.base(1).context(dev.aims.api.CallContext.EMPTY)
                    .outcome(dev.aims.api.CallRecord.Outcome.ALLOWED).build());
        }
        Files.writeString(TestRecords.evidenceFiles(other).get(0), "not json\n", StandardOpenOption.APPEND);
        EvidenceUsage u = EvidenceUsage.scan(other);
        assertThat(u.systems()).singleElement().satisfies(s -> {
            assertThat(s.systemId()).isEmpty();
            assertThat(s.callsWithoutPrincipal()).isEqualTo(1);
            assertThat(s.purposes()).containsEntry("", 1L);
        });
        assertThat(u.unregistered(Workload.inventory())).hasSize(1);
        assertThat(u.unreadableLines()).isEqualTo(1);
    }

    @Test
    void mergesTheEvidenceOfAFleet(@TempDir Path fleet) throws IOException {
        Path a = EvidenceReportTest.instance(fleet.resolve("a"), "i-a", 4, 1);
        Path b = EvidenceReportTest.instance(fleet.resolve("b"), "i-b", 2, 2);
        EvidenceUsage merged = EvidenceUsage.scan(java.util.List.of(a, b));
        assertThat(merged.calls()).isEqualTo(9);
        assertThat(merged.systems()).singleElement().satisfies(s -> {
            assertThat(s.systemId()).hasValue("support-bot");
            assertThat(s.calls()).isEqualTo(9);
            assertThat(s.denied()).isEqualTo(3);
            // user-0..user-2 called on both instances: three people, not six.
            assertThat(s.distinctPrincipals()).isEqualTo(3);
        });
        assertThat(EvidenceUsage.scan(a).calls() + EvidenceUsage.scan(b).calls()).isEqualTo(merged.calls());
    }
}
