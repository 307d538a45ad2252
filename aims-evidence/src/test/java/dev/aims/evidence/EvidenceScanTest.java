package dev.aims.evidence;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceScanTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void produceEvidence() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).checkpointEvery(3).build()) {
            for (int i = 0; i < 10; i++) {
                log.onCall(TestRecords.allowed(i));
            }
        }
    }

    @Test
    void readsOnlyCallEntriesWithTheirPlace() throws IOException {
        List<EvidenceScan.Call> calls = scan(null, null);
        assertThat(calls).hasSize(10);
        assertThat(calls.get(0).body().path("id").asText()).isEqualTo("call-0");
        assertThat(calls.get(0).line()).isEqualTo(2);
        assertThat(calls.get(0).seq()).isEqualTo(2);
        assertThat(calls.get(0).hash()).hasSize(64);
    }

    @Test
    void includesTheStartOfThePeriodAndExcludesItsEnd() throws IOException {
        // call i ends at T0 + 10 i + 7 ms
        List<EvidenceScan.Call> calls = scan(TestRecords.T0.plusMillis(27), TestRecords.T0.plusMillis(57));
        assertThat(calls).extracting(c -> c.body().path("id").asText()).containsExactly("call-2", "call-3",
                "call-4");
    }

    private static List<EvidenceScan.Call> scan(Instant from, Instant to) throws IOException {
        List<EvidenceScan.Call> out = new ArrayList<>();
        assertThat(EvidenceScan.calls(List.of(dir), from, to, out::add)).isZero();
        return out;
    }
}
