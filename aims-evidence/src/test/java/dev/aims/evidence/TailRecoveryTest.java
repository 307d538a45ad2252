package dev.aims.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TailRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void startsAChainInAnEmptyDirectory() throws IOException {
        TailRecovery.State s = TailRecovery.recover(dir);
        assertThat(s.seq()).isZero();
        assertThat(s.head()).isEqualTo(Entries.GENESIS);
        assertThat(s.fileNumber()).isEqualTo(1);
        assertThat(s.sealed()).isTrue();
    }

    @Test
    void continuesAfterTheLastWholeEntryOfACleanLog() throws IOException {
        writeLog(3);
        Path file = TestRecords.evidenceFiles(dir).get(0);
        List<String> lines = TestRecords.lines(file);
        TailRecovery.State s = TailRecovery.recover(dir);
        assertThat(s.seq()).isEqualTo(lines.size());
        assertThat(s.head()).isEqualTo(new EntryParser().check(lines.get(lines.size() - 1)).hash());
        assertThat(s.sealed()).isTrue();
        assertThat(s.setAside()).isEmpty();
        assertThat(s.fileSize()).isEqualTo(Files.size(file));
    }

    @Test
    void setsAsideGarbageAfterTheLastWholeEntryEvenWhenItEndsInALineFeed() throws IOException {
        writeLog(3);
        Path file = TestRecords.evidenceFiles(dir).get(0);
        long size = Files.size(file);
        byte[] garbage = "\0\0\0\0\n{\"half\":".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage, StandardOpenOption.APPEND);
        TailRecovery.State s = TailRecovery.recover(dir);
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(s.setAside()).singleElement().satisfies(a -> {
            assertThat(a.bytes()).isEqualTo(garbage.length);
            assertThat(a.setAsideAs()).isEqualTo(file.getFileName() + ".torn-1");
        });
        assertThat(dir.resolve(file.getFileName() + ".torn-1")).hasBinaryContent(garbage);
    }

    @Test
    void fallsBackToThePreviousFileWhenTheLastHoldsNoWholeEntry() throws IOException {
        writeLog(3);
        Path first = TestRecords.evidenceFiles(dir).get(0);
        Path second = dir.resolve(LogDirectory.fileName(2));
        Files.writeString(second, "{\"call\":");
        TailRecovery.State s = TailRecovery.recover(dir);
        assertThat(s.fileNumber()).isEqualTo(2);
        assertThat(s.fileSize()).isZero();
        assertThat(Files.size(second)).isZero();
        assertThat(s.seq()).isEqualTo(TestRecords.lines(first).size());
        assertThat(dir.resolve(second.getFileName() + ".torn-1")).hasContent("{\"call\":");
    }

    private void writeLog(int calls) throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            for (int i = 0; i < calls; i++) {
                log.onCall(TestRecords.allowed(i));
            }
        }
    }
}
