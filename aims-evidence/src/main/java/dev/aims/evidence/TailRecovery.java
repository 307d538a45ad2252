package dev.aims.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a chain left off when a directory is opened for writing. A process killed mid-write leaves a last line
 * without its line feed (or, after a power cut, garbage); such trailing bytes are copied into a file named
 * {@code <evidence file>.torn-N}, forced to disk, and only then cut from the evidence file, so that the chain
 * continues from the last whole entry and nothing is destroyed.
 */
final class TailRecovery {
    /** A set-aside tail. */
    record SetAside(String file, String setAsideAs, long bytes, String sha256) {
    }

    /** Where the chain stands: the last whole entry (null in an empty directory) and the file to continue. */
    record State(ObjectNode lastEntry, long fileNumber, long fileSize, List<SetAside> setAside) {
        long seq() {
            return lastEntry == null ? 0 : lastEntry.get(Entries.SEQ).longValue();
        }

        String head() {
            return lastEntry == null ? Entries.GENESIS : lastEntry.get(Entries.HASH).textValue();
        }

        boolean sealed() {
            return lastEntry == null || (Entries.CHECKPOINT.equals(lastEntry.get(Entries.TYPE).textValue())
                    && Entries.REASON_CLOSE.equals(Entries.text(lastEntry.get(Entries.CHECKPOINT), "reason")));
        }
    }

    private TailRecovery() {
    }

    static State recover(Path dir) throws IOException {
        List<Path> files = LogDirectory.evidenceFiles(dir);
        if (files.isEmpty()) {
            return new State(null, 1, 0, List.of());
        }
        EntryParser parser = new EntryParser();
        List<SetAside> setAside = new ArrayList<>();
        Path continueIn = files.get(files.size() - 1);
        for (int i = files.size() - 1; i >= 0; i--) {
            Path file = files.get(i);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = ch.size();
                long goodEnd = size;
                ObjectNode last = null;
                while (goodEnd > 0) {
                    long lineStart = lineStart(ch, goodEnd);
                    long lineEnd = goodEnd;
                    boolean terminated = byteAt(ch, goodEnd - 1) == '\n';
                    if (terminated) {
                        lineEnd--;
                    }
                    if (terminated) {
                        EntryParser.Result r = parser.check(read(ch, lineStart, lineEnd - lineStart));
                        if (r.ok()) {
                            last = r.entry();
                            break;
                        }
                    }
                    goodEnd = lineStart;
                }
                if (goodEnd < size) {
                    setAside.add(setAside(file, ch, goodEnd, size));
                }
                if (last != null) {
                    return new State(last, LogDirectory.number(continueIn), i == files.size() - 1 ? goodEnd
                            : Files.size(continueIn), List.copyOf(setAside));
                }
            }
        }
        return new State(null, LogDirectory.number(continueIn), 0, List.copyOf(setAside));
    }

    /** @return the offset where the line ending at {@code end} (exclusive, maybe a line feed) starts */
    private static long lineStart(FileChannel ch, long end) throws IOException {
        long p = end - 1;
        if (p >= 0 && byteAt(ch, p) == '\n') {
            p--;
        }
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (p >= 0) {
            long from = Math.max(0, p - buf.capacity() + 1);
            buf.clear().limit((int) (p - from + 1));
            ch.read(buf, from);
            for (int k = (int) (p - from); k >= 0; k--) {
                if (buf.get(k) == '\n') {
                    return from + k + 1;
                }
            }
            p = from - 1;
        }
        return 0;
    }

    private static byte byteAt(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, pos);
        return b.get(0);
    }

    private static String read(FileChannel ch, long from, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        while (b.hasRemaining() && ch.read(b, from + b.position()) > 0) {
            // keep reading until the line is complete
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(b.flip()).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static SetAside setAside(Path file, FileChannel ch, long from, long size) throws IOException {
        ByteArrayOutputStream torn = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        for (long p = from; p < size; ) {
            buf.clear();
            int n = ch.read(buf, p);
            if (n <= 0) {
                break;
            }
            torn.write(buf.array(), 0, n);
            p += n;
        }
        byte[] bytes = torn.toByteArray();
        Path target = null;
        for (int k = 1; target == null; k++) {
            Path candidate = file.resolveSibling(file.getFileName() + ".torn-" + k);
            if (!Files.exists(candidate)) {
                target = candidate;
            }
        }
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(bytes));
            out.force(true);
        }
        ch.truncate(from);
        ch.force(true);
        return new SetAside(file.getFileName().toString(), target.getFileName().toString(), bytes.length,
                Chain.hex(Chain.sha256().digest(bytes)));
    }
}
