package dev.aims.evidence.discover;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The trace files under the paths given, and their lines as bytes. A directory is walked in name order (the
 * Collector's rotated files sort by time) for files named {@code *.json}, {@code *.jsonl} or {@code *.ndjson},
 * optionally {@code .gz}; a file named on its own is read whatever its name. Gzip is recognised by its magic
 * number, not its name.
 */
final class TraceFiles {
    private TraceFiles() {
    }

    /**
     * @return the files to read, in order
     * @throws IOException              if a directory cannot be listed
     * @throws IllegalArgumentException if a path does not exist, naming it
     */
    static List<Path> list(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(TraceFiles::traceName).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + p);
            }
        }
        return files;
    }

    private static boolean traceName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith(".")) {
            return false;
        }
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    /** Reads one file's lines as byte ranges; counts the bytes read from the file itself, compressed or not. */
    static final class Lines implements AutoCloseable {
        private final CountingStream counted;
        private final InputStream in;
        private byte[] buf = new byte[64 * 1024];
        private int start;
        private int scan;
        private int end;
        private boolean eof;
        private int lineStart;
        private int lineLength;

        Lines(Path file) throws IOException {
            counted = new CountingStream(Files.newInputStream(file));
            BufferedInputStream b = new BufferedInputStream(counted, 64 * 1024);
            b.mark(2);
            int m1 = b.read();
            int m2 = b.read();
            b.reset();
            in = m1 == 0x1f && m2 == 0x8b ? new GZIPInputStream(b, 64 * 1024) : b;
        }

        /** @return whether a line was read; it is then {@link #buffer()}[{@link #start()}, +{@link #length()}) */
        boolean next() throws IOException {
            while (true) {
                for (; scan < end; scan++) {
                    if (buf[scan] == '\n') {
                        lineStart = start;
                        lineLength = scan - start;
                        start = ++scan;
                        trimCarriageReturn();
                        return true;
                    }
                }
                if (eof) {
                    if (start < end) {
                        lineStart = start;
                        lineLength = end - start;
                        start = end;
                        scan = end;
                        trimCarriageReturn();
                        return true;
                    }
                    return false;
                }
                fill();
            }
        }

        private void trimCarriageReturn() {
            if (lineLength > 0 && buf[lineStart + lineLength - 1] == '\r') {
                lineLength--;
            }
        }

        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                scan -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer: one export request
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }

        byte[] buffer() {
            return buf;
        }

        int start() {
            return lineStart;
        }

        int length() {
            return lineLength;
        }

        /** @return the bytes read from the file so far (compressed bytes for a gzip file) */
        long bytesRead() {
            return counted.count;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
