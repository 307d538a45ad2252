package dev.aims.openai;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log line written while it is open: standard output and error (where slf4j-simple, the binding of
 * these tests, writes for AIMS and the SDK) and java.util.logging at every level (the JDK's HTTP client).
 */
final class LogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final List<String> lines = new ArrayList<>();
    private final Level previousLevel = root.getLevel();
    private final PrintStream previousErr = System.err;
    private final PrintStream previousOut = System.out;
    private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(formatter.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        handler.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(handler);
        PrintStream both = new PrintStream(streams, true, StandardCharsets.UTF_8);
        System.setErr(both);
        System.setOut(both);
    }

    /** @return everything logged so far */
    String text() {
        synchronized (lines) {
            synchronized (streams) {
                return String.join("", lines) + streams.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public void close() {
        System.setErr(previousErr);
        System.setOut(previousOut);
        root.removeHandler(handler);
        root.setLevel(previousLevel);
    }
}
