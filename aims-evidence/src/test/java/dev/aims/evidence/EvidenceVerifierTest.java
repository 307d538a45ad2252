package dev.aims.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path file;
    private List<String> original;

    /** One file: open, 30 calls, a checkpoint every 10 entries, the closing checkpoint. */
    @BeforeEach
    void writeLog() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).checkpointEvery(10).build()) {
            for (int i = 0; i < 30; i++) {
                log.onCall(TestRecords.allowed(i));
            }
        }
        file = TestRecords.evidenceFiles(dir).get(0);
        original = TestRecords.lines(file);
    }

    @Test
    void anUntouchedLogVerifies() throws IOException {
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.entries()).isEqualTo(original.size());
        assertThat(v.calls()).isEqualTo(30);
        assertThat(v.checkpoints()).isEqualTo(4);
        assertThat(v.opens()).isEqualTo(1);
        assertThat(v.files()).isEqualTo(1);
        assertThat(v.firstTimestamp()).contains(TestRecords.T0.plusMillis(7));
        assertThat(v.summary()).startsWith("intact: 35 entries (30 calls, 4 checkpoints, 1 sessions) in 1 file, "
                + "2025-03-01T09:00:00.007Z .. ");
        assertThat(v.head()).contains(JSON.readTree(original.get(original.size() - 1)).get("hash").asText());
    }

    @Test
    void namesEveryModifiedLine() throws IOException {
        for (int i = 0; i < original.size(); i++) {
            List<String> lines = new ArrayList<>(original);
            lines.set(i, backdate(lines.get(i)));
            assertFault(lines, i + 1, Verification.Fault.Kind.MODIFIED, "does not match its hash");
        }
    }

    @Test
    void namesEveryLineRewrittenWithAFreshHash() throws IOException {
        for (int i = 0; i < original.size() - 1; i++) {
            List<String> lines = new ArrayList<>(original);
            lines.set(i, reseal(backdate(lines.get(i)), null));
            boolean checkpoint = lines.get(i).contains("\"type\":\"checkpoint\"");
            assertFault(lines, i + 1, checkpoint ? Verification.Fault.Kind.BAD_SIGNATURE
                    : Verification.Fault.Kind.MODIFIED, checkpoint ? "does not verify" : "was rewritten");
        }
    }

    @Test
    void namesARespacedLine() throws IOException {
        List<String> lines = new ArrayList<>(original);
        lines.set(4, lines.get(4).replace(",\"", ", \""));
        assertFault(lines, 5, Verification.Fault.Kind.MODIFIED, "not in canonical form");
    }

    @Test
    void namesALineThatIsNotJson() throws IOException {
        List<String> lines = new ArrayList<>(original);
        lines.set(4, "garbage");
        assertFault(lines, 5, Verification.Fault.Kind.MODIFIED, "not well-formed JSON");
    }

    @Test
    void namesEveryDeletedLine() throws IOException {
        for (int i = 0; i < original.size() - 1; i++) {
            List<String> lines = new ArrayList<>(original);
            lines.remove(i);
            assertFault(lines, i + 1, Verification.Fault.Kind.DELETED, "entry seq " + (i + 1) + " is missing");
        }
    }

    @Test
    void namesARunOfDeletedLines() throws IOException {
        List<String> lines = new ArrayList<>(original);
        lines.subList(4, 7).clear();
        assertFault(lines, 5, Verification.Fault.Kind.DELETED, "3 entries, seq 5 to 7, are missing");
    }

    @Test
    void namesEverySwappedPair() throws IOException {
        for (int i = 0; i < original.size() - 1; i++) {
            List<String> lines = new ArrayList<>(original);
            lines.set(i, original.get(i + 1));
            lines.set(i + 1, original.get(i));
            assertFault(lines, i + 1, Verification.Fault.Kind.REORDERED,
                    "seq " + (i + 2) + " stands where seq " + (i + 1) + " belongs; seq " + (i + 1) + " is at "
                            + file.getFileName() + ":" + (i + 2));
        }
    }

    @Test
    void namesALineMovedFarLater() throws IOException {
        List<String> lines = new ArrayList<>(original);
        String moved = lines.remove(3);
        lines.add(20, moved);
        assertFault(lines, 4, Verification.Fault.Kind.REORDERED, "seq 4 is at " + file.getFileName() + ":21");
    }

    @Test
    void namesEveryInsertedCopy() throws IOException {
        for (int i = 1; i <= original.size(); i++) {
            List<String> lines = new ArrayList<>(original);
            lines.add(i, original.get(i - 1));
            assertFault(lines, i + 1, Verification.Fault.Kind.INSERTED, "entry seq " + i);
        }
    }

    @Test
    void namesACopyOfALaterLineInsertedEarlier() throws IOException {
        List<String> lines = new ArrayList<>(original);
        lines.add(3, original.get(20));
        assertFault(lines, 4, Verification.Fault.Kind.INSERTED, "entry seq 21 appears twice");
    }

    @Test
    void namesAForgedEntryChainedInWithTheRightSeq() throws IOException {
        List<String> lines = new ArrayList<>(original);
        ObjectNode forged = (ObjectNode) JSON.readTree(original.get(6));
        ((ObjectNode) forged.get("call")).put("id", "call-forged");
        String prev = JSON.readTree(original.get(5)).get("hash").asText();
        lines.add(6, reseal(forged.toString(), prev));
        assertFault(lines, 7, Verification.Fault.Kind.INSERTED, "claimed by two lines");
    }

    @Test
    void namesAForgedSignature() throws IOException {
        int cp = firstCheckpoint();
        List<String> lines = new ArrayList<>(original);
        ObjectNode e = (ObjectNode) JSON.readTree(lines.get(cp));
        byte[] sig = Base64.getDecoder().decode(e.get("sig").asText());
        sig[5] ^= 1;
        e.put("sig", Base64.getEncoder().encodeToString(sig));
        lines.set(cp, reseal(e.toString(), null));
        rechain(lines, cp + 1);
        assertFault(lines, cp + 1, Verification.Fault.Kind.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void aRechainedForgeryFailsAtTheNextCheckpoint() throws IOException {
        List<String> lines = new ArrayList<>(original);
        lines.set(2, lines.get(2).replace("\"model\":\"gpt-4o-mini\"", "\"model\":\"gpt-4o\""));
        rechain(lines, 2);
        assertFault(lines, firstCheckpoint() + 1, Verification.Fault.Kind.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void namesATornTail() throws IOException {
        Files.writeString(file, "{\"call\":{\"id\":\"call-", StandardOpenOption.APPEND);
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.fault().orElseThrow()).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Verification.Fault.Kind.TORN_TAIL);
            assertThat(f.line()).isEqualTo(original.size() + 1);
            assertThat(f.detail()).contains("lacks its line feed");
        });
    }

    @Test
    void namesAnUnsealedTailUnlessAllowed() throws IOException {
        List<String> lines = new ArrayList<>(original);
        lines.remove(lines.size() - 1);
        int lastCheckpoint = lastCheckpoint(lines);
        assertFault(lines, lastCheckpoint + 2, Verification.Fault.Kind.UNSEALED_TAIL,
                (lines.size() - lastCheckpoint - 1) + " entries from seq " + (lastCheckpoint + 2));
        TestRecords.write(file, lines);
        Verification allowed = EvidenceVerifier.builder().allowUnsealed(true).build().verify(dir);
        assertThat(allowed.intact()).as(allowed.summary()).isTrue();
        assertThat(allowed.unsealedEntries()).isEqualTo(lines.size() - lastCheckpoint - 1);
        assertThat(allowed.summary()).contains("unsealed entries at the end (allowed)");
    }

    @Test
    void namesALogCutAfterAPeriodicCheckpoint() throws IOException {
        int cp = firstCheckpoint();
        List<String> lines = new ArrayList<>(original.subList(0, cp + 1));
        assertFault(lines, cp + 1, Verification.Fault.Kind.UNSEALED_TAIL, "ends with a 'count' checkpoint");
    }

    @Test
    void rejectsCheckpointsSignedByAnUntrustedKey() throws IOException {
        Verification v = EvidenceVerifier.builder().trustedKeys(List.of(SigningKeys.generate().getPublic())).build()
                .verify(dir);
        assertThat(v.fault().orElseThrow().kind()).isEqualTo(Verification.Fault.Kind.BAD_SIGNATURE);
        assertThat(v.fault().orElseThrow().line()).isEqualTo(firstCheckpoint() + 1);
        assertThat(v.fault().orElseThrow().detail()).contains("not a trusted key");
    }

    @Test
    void rejectsCheckpointsWhenThePublicKeyFilesAreGone() throws IOException {
        try (var pubs = Files.newDirectoryStream(dir, "*.pub")) {
            for (Path p : pubs) {
                Files.delete(p);
            }
        }
        assertThat(EvidenceVerifier.create().verify(dir).fault().orElseThrow().kind())
                .isEqualTo(Verification.Fault.Kind.BAD_SIGNATURE);
    }

    @Test
    void namesAMissingRotatedFile() throws IOException {
        Path rotating = dir.resolve("rotating");
        try (EvidenceLog log = EvidenceLog.builder().directory(rotating).rotateAtBytes(4096).build()) {
            for (int i = 0; i < 60; i++) {
                log.onCall(TestRecords.allowed(i));
            }
        }
        List<Path> files = TestRecords.evidenceFiles(rotating);
        assertThat(files.size()).isGreaterThan(3);
        long firstSeqOfThird = JSON.readTree(TestRecords.lines(files.get(2)).get(0)).get("seq").asLong();
        long firstSeqOfSecond = JSON.readTree(TestRecords.lines(files.get(1)).get(0)).get("seq").asLong();
        Files.delete(files.get(1));
        Verification v = EvidenceVerifier.create().verify(rotating);
        Verification.Fault f = v.fault().orElseThrow();
        assertThat(f.kind()).isEqualTo(Verification.Fault.Kind.DELETED);
        assertThat(f.file()).isEqualTo(files.get(2));
        assertThat(f.line()).isEqualTo(1);
        assertThat(f.detail()).contains("seq " + firstSeqOfSecond + " to " + (firstSeqOfThird - 1));
    }

    @Test
    void verifiesOneRotatedFileOnItsOwn() throws IOException {
        Path rotating = dir.resolve("rotating");
        try (EvidenceLog log = EvidenceLog.builder().directory(rotating).rotateAtBytes(4096).build()) {
            for (int i = 0; i < 60; i++) {
                log.onCall(TestRecords.allowed(i));
            }
        }
        Path second = TestRecords.evidenceFiles(rotating).get(1);
        Verification v = EvidenceVerifier.create().verify(second);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.files()).isEqualTo(1);
        assertThat(v.entries()).isEqualTo(TestRecords.lines(second).size());
    }

    @Test
    void namesADirectoryWithoutEvidence() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Verification v = EvidenceVerifier.create().verify(empty);
        assertThat(v.intact()).isFalse();
        assertThat(v.fault().orElseThrow().detail()).isEqualTo("no evidence entry in " + empty);
    }

    @Test
    void refusesAPathThatDoesNotExist() {
        assertThatThrownBy(() -> EvidenceVerifier.create().verify(dir.resolve("nope")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
    }

    @Test
    void builderRefusesBadAndRepeatedSettings() {
        EvidenceVerifier.Builder b = EvidenceVerifier.builder().allowUnsealed(true);
        assertThatThrownBy(() -> b.allowUnsealed(false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("allowUnsealed was already set to true");
        assertThatThrownBy(() -> b.trustedKeys(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trustedKeys must hold at least one key, but was empty");
        b.trustedKeys(List.of(SigningKeys.generate().getPublic()));
        assertThatThrownBy(() -> b.trustedKeys(List.of(SigningKeys.generate().getPublic())))
                .isInstanceOf(IllegalStateException.class).hasMessage("trustedKeys was already set to 1 keys");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void assertFault(List<String> lines, long line, Verification.Fault.Kind kind, String detail)
            throws IOException {
        TestRecords.write(file, lines);
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.fault()).as("expected %s at line %d", kind, line).isPresent();
        Verification.Fault f = v.fault().get();
        assertThat(f.file()).as(f.toString()).isEqualTo(file);
        assertThat(f.line()).as(f.toString()).isEqualTo(line);
        assertThat(f.kind()).as(f.toString()).isEqualTo(kind);
        assertThat(f.detail()).as(f.toString()).contains(detail);
        assertThat(v.summary()).isEqualTo("broken: " + f);
        TestRecords.write(file, original);
    }

    /** Moves the entry's time stamp to 1999: a change of content that keeps the line well-formed. */
    private static String backdate(String line) {
        String changed = line.replaceFirst("\"ts\":\"\\d{4}", "\"ts\":\"1999");
        assertThat(changed).isNotEqualTo(line);
        return changed;
    }

    /** Re-seals a line: new hash over its content, with the given prev (or its own when null). */
    private static String reseal(String line, String prev) throws IOException {
        ObjectNode e = (ObjectNode) JSON.readTree(line);
        String p = prev != null ? prev : e.get("prev").asText();
        e.remove("hash");
        e.remove("prev");
        return Chain.seal(e, p, Chain.sha256()).line();
    }

    /**
     * What a forger without the key can do: recompute every hash and link from {@code from} on, and the head each
     * checkpoint names.
     */
    private static void rechain(List<String> lines, int from) throws IOException {
        for (int i = from; i < lines.size(); i++) {
            String prev = i == 0 ? Entries.GENESIS : JSON.readTree(lines.get(i - 1)).get("hash").asText();
            ObjectNode e = (ObjectNode) JSON.readTree(lines.get(i));
            if (e.has("checkpoint")) {
                ((ObjectNode) e.get("checkpoint")).put("head", prev);
            }
            lines.set(i, reseal(e.toString(), prev));
        }
    }

    private int firstCheckpoint() {
        for (int i = 0; i < original.size(); i++) {
            if (original.get(i).contains("\"type\":\"checkpoint\"")) {
                return i;
            }
        }
        throw new AssertionError("no checkpoint");
    }

    private static int lastCheckpoint(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("\"type\":\"checkpoint\"")) {
                return i;
            }
        }
        throw new AssertionError("no checkpoint");
    }

    @Test
    void verifyAllChecksEveryChainOfAFleetWithItsOwnKey(@TempDir Path fleet) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String id : List.of("i-a", "i-b", "i-c")) {
            dirs.add(EvidenceReportTest.instance(fleet.resolve(id), id, 3, 1));
        }
        Path file = TestRecords.evidenceFiles(dirs.get(1)).get(0);
        List<String> lines = TestRecords.lines(file);
        lines.remove(3);
        TestRecords.write(file, lines);
        List<Verification> all = EvidenceVerifier.create().verifyAll(dirs);
        assertThat(all).extracting(Verification::intact).containsExactly(true, false, true);
        assertThat(all).extracting(v -> v.instanceId().orElseThrow()).containsExactly("i-a", "i-b", "i-c");
        assertThat(all.get(1).fault().orElseThrow().file()).isEqualTo(file);
        assertThat(all.get(0).keyFingerprints()).doesNotContainAnyElementsOf(all.get(2).keyFingerprints());
        assertThatThrownBy(() -> EvidenceVerifier.create().verifyAll(List.of(dirs.get(0), fleet.resolve("gone"))))
                .isInstanceOf(NoSuchFileException.class);
    }
}
