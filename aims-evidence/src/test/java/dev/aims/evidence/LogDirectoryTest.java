package dev.aims.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void ordersEvidenceFilesByNumberAndIgnoresTheRest() throws IOException {
        for (String name : new String[] {"evidence-1000000.jsonl", "evidence-000002.jsonl", "evidence-000010.jsonl",
            "evidence-000002.jsonl.torn-1", "signing.pub", "notes.txt"}) {
            Files.writeString(dir.resolve(name), "");
        }
        assertThat(LogDirectory.evidenceFiles(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("evidence-000002.jsonl", "evidence-000010.jsonl", "evidence-1000000.jsonl");
        assertThat(LogDirectory.fileName(7)).isEqualTo("evidence-000007.jsonl");
        assertThat(LogDirectory.number(dir.resolve("evidence-000007.jsonl"))).isEqualTo(7);
        assertThat(LogDirectory.number(dir.resolve("other"))).isEqualTo(-1);
    }

    @Test
    void keepsTheFirstInstanceIdAndRefusesAnother() throws IOException {
        String generated = LogDirectory.instanceId(dir, null);
        assertThat(generated).isNotBlank();
        assertThat(LogDirectory.instanceId(dir, null)).isEqualTo(generated);
        assertThat(LogDirectory.instanceId(dir, generated)).isEqualTo(generated);
        assertThatThrownBy(() -> LogDirectory.instanceId(dir, "other")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds the chain of instance '" + generated + "', not 'other'");
    }

    @Test
    void letsOneWriterHoldTheLock() throws IOException {
        try (FileChannel held = LogDirectory.lock(dir)) {
            assertThat(held.isOpen()).isTrue();
            assertThatThrownBy(() -> LogDirectory.lock(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another EvidenceLog");
        }
        LogDirectory.lock(dir).close();
    }
}
