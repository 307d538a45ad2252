package dev.aims.otel;

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
 * Captures every log line written while it is open: java.util.logging (where {@code System.Logger}, used by
 * aims-otel and by the OpenTelemetry SDK, writes) at every level, and standard error (where slf4j-simple, used by
 * aims-core in tests, writes).
 */
final class LogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final List<String> lines = new ArrayList<>();
    private final Level previousLevel = root.getLevel();
    private final PrintStream previousErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
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

    private LogCapture() {
        handler.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(handler);
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /** @return everything logged so far */
    String text() {
        synchronized (lines) {
            return String.join("", lines) + err.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(previousErr);
        root.removeHandler(handler);
        root.setLevel(previousLevel);
    }
}
