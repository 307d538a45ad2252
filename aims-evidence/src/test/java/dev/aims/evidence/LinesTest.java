package dev.aims.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinesTest {
    @TempDir
    Path dir;

    @Test
    void readsLinesAcrossFilesWithTheirPlace() throws IOException {
        Path a = Files.writeString(dir.resolve("a"), "one\ntwo\n");
        Path empty = Files.writeString(dir.resolve("b"), "");
        Path c = Files.writeString(dir.resolve("c"), "three\nfou");
        List<Lines.Line> all = read(List.of(a, empty, c));
        assertThat(all).extracting(Lines.Line::text).containsExactly("one", "two", "three", "fou");
        assertThat(all).extracting(Lines.Line::place).containsExactly("a:1", "a:2", "c:1", "c:2");
        assertThat(all).extracting(Lines.Line::terminated).containsExactly(true, true, true, false);
    }

    @Test
    void readsALineLongerThanItsBuffer() throws IOException {
        String longLine = "x".repeat(200_000);
        Path a = Files.writeString(dir.resolve("a"), longLine + "\nend\n");
        assertThat(read(List.of(a))).extracting(Lines.Line::text).containsExactly(longLine, "end");
    }

    @Test
    void tellsALineThatIsNotUtf8() throws IOException {
        Path a = Files.write(dir.resolve("a"), new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThat(read(List.of(a))).extracting(Lines.Line::text).containsExactly("ok", null);
    }

    private static List<Lines.Line> read(List<Path> files) throws IOException {
        List<Lines.Line> out = new ArrayList<>();
        try (Lines lines = new Lines(files)) {
            while (lines.hasNext()) {
                out.add(lines.next());
            }
        }
        return out;
    }
}
