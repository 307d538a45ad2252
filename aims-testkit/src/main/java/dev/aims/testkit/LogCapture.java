package dev.aims.testkit;

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
 * AIMS's tests, writes for AIMS and the libraries it wraps) and java.util.logging at every level (where
 * {@code System.Logger} writes: aims-otel, the OpenTelemetry SDK, the JDK's HTTP client). What the streams receive
 * meanwhile is kept here instead. Open one at a time; close it in a {@code finally} or try-with-resources.
 */
public final class LogCapture implements AutoCloseable {
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
            String line = formatter.format(record);
            synchronized (lines) {
                lines.add(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts capturing. */
    public LogCapture() {
        handler.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(handler);
        PrintStream both = new PrintStream(streams, true, StandardCharsets.UTF_8);
        System.setErr(both);
        System.setOut(both);
    }

    /** @return everything logged so far: the java.util.logging lines, then what the streams received */
    public String text() {
        synchronized (lines) {
            synchronized (streams) {
                return String.join("", lines) + streams.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** Stops capturing and restores the streams and the root logger's level. */
    @Override
    public void close() {
        System.setErr(previousErr);
        System.setOut(previousOut);
        root.removeHandler(handler);
        root.setLevel(previousLevel);
    }
}
