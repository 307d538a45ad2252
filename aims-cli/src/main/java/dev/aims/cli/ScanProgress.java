package dev.aims.cli;

import dev.aims.evidence.discover.TraceDiscovery;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tells a person how a trace scan goes, on stderr: each problem as {@code FILE:LINE: message} (the first
 * {@value DiscoverCommand#PROBLEMS_SHOWN} of each file, then a count), and, on a terminal only, a progress line
 * redrawn at most twice a second once the scan has run for a second.
 */
final class ScanProgress implements TraceDiscovery.Listener {
    private static final long FIRST_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;

    private final String command;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long started;
    private final Map<Path, long[]> problems = new LinkedHashMap<>();
    private long lastDrawn;
    private boolean drawn;

    ScanProgress(String command, PrintWriter err, boolean terminal) {
        this(command, err, terminal, System::nanoTime);
    }

    ScanProgress(String command, PrintWriter err, boolean terminal, LongSupplier clock) {
        this.command = command;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    @Override
    public void problem(Path file, long line, String message) {
        long[] n = problems.computeIfAbsent(file, f -> new long[1]);
        if (++n[0] <= DiscoverCommand.PROBLEMS_SHOWN) {
            clearLine();
            err.println(command + ": " + file + (line > 0 ? ":" + line : "") + ": " + message);
            err.flush();
        }
    }

    @Override
    public void progress(TraceDiscovery.Progress p) {
        if (!terminal) {
            return;
        }
        long now = clock.getAsLong();
        if (now - started < FIRST_NANOS || (drawn && now - lastDrawn < EVERY_NANOS)) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        long percent = p.fileSize() == 0 ? 100 : Math.min(100, p.bytesRead() * 100 / p.fileSize());
        err.print("\r\033[K" + "reading " + p.file().getFileName() + " (file " + p.fileNumber() + " of " + p.files()
                + ", " + percent + "%): " + String.format(Locale.ROOT, "%,d", p.spans()) + " spans");
        err.flush();
    }

    /** Clears the progress line and prints how many problems were not shown. */
    void done() {
        clearLine();
        problems.forEach((file, n) -> {
            if (n[0] > DiscoverCommand.PROBLEMS_SHOWN) {
                err.println(command + ": " + file + ": " + (n[0] - DiscoverCommand.PROBLEMS_SHOWN)
                        + " more problems not shown");
            }
        });
        err.flush();
    }

    private void clearLine() {
        if (drawn) {
            err.print("\r\033[K");
            drawn = false;
        }
    }
}
