package dev.aims.evidence;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerificationTest {
    @Test
    void summarisesAnIntactLogOnOneLine() {
        Verification v = new Verification(Path.of("ev"), "node-a", 12, 10, 1, 1, 2,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"), "a".repeat(64), 0,
                List.of("fp"), false, List.of("fp"), 0, null);
        assertThat(v.intact()).isTrue();
        assertThat(v.summary()).isEqualTo("intact: 12 entries (10 calls, 1 checkpoints, 1 sessions) in 2 files, "
                + "2025-01-01T00:00:00Z .. 2025-01-02T00:00:00Z");
    }

    @Test
    void namesFileLineAndKindOfAFault() {
        Verification.Fault f = new Verification.Fault(Path.of("ev/evidence-000001.jsonl"), 7,
                Verification.Fault.Kind.BAD_SIGNATURE, "the signature of checkpoint seq 7 does not verify");
        Verification v = new Verification(Path.of("ev"), null, 6, 5, 0, 1, 1, null, null, null, 0, List.of(), false,
                List.of(), 0, f);
        assertThat(v.intact()).isFalse();
        assertThat(v.summary()).isEqualTo("broken: ev/evidence-000001.jsonl:7: bad signature: the signature of"
                + " checkpoint seq 7 does not verify");
    }

    @Test
    void mentionsAnAllowedUnsealedTailAndRefusedRecords() {
        Verification v = new Verification(Path.of("ev"), "n", 3, 2, 0, 1, 1, Instant.EPOCH, Instant.EPOCH, null, 3,
                List.of(), true, List.of(), 4, null);
        assertThat(v.summary()).endsWith(", 3 unsealed entries at the end (allowed), 4 records refused by the"
                + " writer");
    }

    @Test
    void labelsEveryKindInWords() {
        assertThat(List.of(Verification.Fault.Kind.values())).extracting(Verification.Fault.Kind::label)
                .containsExactly("modified", "inserted", "deleted", "reordered", "bad signature", "torn tail",
                        "unsealed tail");
    }
}
