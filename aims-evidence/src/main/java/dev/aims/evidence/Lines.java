package dev.aims.evidence;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the lines of a sequence of evidence files in order, with their place (file and 1-based line), telling a
 * line that lacks its line feed (a torn write) and a line that is not UTF-8.
 */
final class Lines implements Closeable {
    /** One line; {@code text} is null when the bytes are not UTF-8. */
    record Line(Path file, long number, String text, boolean terminated) {
        String place() {
            return file.getFileName() + ":" + number;
        }
    }

    private final List<Path> files;
    private int fileIndex = -1;
    private InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private long lineNumber;
    private Line next;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(2048);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    Lines(List<Path> files) {
        this.files = List.copyOf(files);
    }

    boolean hasNext() throws IOException {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    Line next() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Line l = next;
        next = null;
        return l;
    }

    private Line read() throws IOException {
        while (true) {
            if (in == null) {
                if (fileIndex + 1 >= files.size()) {
                    return null;
                }
                fileIndex++;
                in = Files.newInputStream(files.get(fileIndex));
                pos = 0;
                limit = 0;
                lineNumber = 0;
            }
            line.reset();
            boolean terminated = false;
            while (true) {
                if (pos == limit) {
                    limit = in.read(chunk);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        break;
                    }
                }
                int start = pos;
                while (pos < limit && chunk[pos] != '\n') {
                    pos++;
                }
                line.write(chunk, start, pos - start);
                if (pos < limit) {
                    pos++;
                    terminated = true;
                    break;
                }
            }
            if (!terminated && line.size() == 0) {
                in.close();
                in = null;
                continue;
            }
            lineNumber++;
            return new Line(files.get(fileIndex), lineNumber, decode(), terminated);
        }
    }

    private String decode() {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(line.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
        fileIndex = files.size();
    }
}
